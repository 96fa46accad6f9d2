"use client";

import Link from "next/link";
import { useCan } from "@/components/auth/ViewerProvider";
import { useAlerts } from "@/hooks/use-alerts";
import { useNow } from "@/hooks/use-now";
import { kindLabel, subjectParts, valueText } from "./alert-text";
import { When } from "@/components/ui/When";
import { AlertActions, AlertStatePill } from "./AlertList";
import { SubjectCode } from "./SubjectCode";

/**
 * A SKU's open alerts, near the top of its page (live through the header's `alerts` room). Nothing
 * when none is open: the page is about the stock, the alert only when there is one.
 */
export function SkuAlerts({ code }: { code: string }) {
  const q = useAlerts({ state: "open", kind: null, sku: code }, useCan("alerts.read"));
  const now = useNow();
  const alerts = q.data?.alerts ?? [];
  if (alerts.length === 0) return null;
  return (
    <section aria-labelledby="sku-alerts-title" data-testid="sku-alerts" className="rounded-lg border border-rose-200 bg-rose-50/40 p-3">
      <div className="flex items-baseline justify-between gap-3">
        <h2 id="sku-alerts-title" className="text-sm font-semibold text-slate-900">
          {alerts.length} open alert{alerts.length === 1 ? "" : "s"}
        </h2>
        <Link href={`/alerts?q=${encodeURIComponent(code)}`} prefetch={false} className="text-xs font-medium text-emerald-700 hover:underline">
          All alerts
        </Link>
      </div>
      <ul className="mt-2 divide-y divide-rose-100">
        {alerts.map((a) => {
          const others = subjectParts(a).filter((p) => p.label !== "SKU");
          return (
            <li key={a.id} data-testid="sku-alert" data-kind={a.kind} className="flex flex-wrap items-start gap-x-3 gap-y-1.5 py-2 first:pt-0 last:pb-0">
              <AlertStatePill a={a} />
              <div className="min-w-0 flex-1 basis-60">
                <div className="text-sm font-medium text-slate-900">
                  {kindLabel(a.kind)}
                  {others.map((p) => (
                    <span key={p.label} className="font-normal text-slate-600">
                      {" "}
                      · {p.label.toLowerCase()} <SubjectCode part={p} className="font-mono text-xs" />
                    </span>
                  ))}
                </div>
                <div className="text-xs text-slate-600">
                  {valueText(a)} · since <When iso={a.firstSeenAt} now={now} className="whitespace-nowrap" />
                  {a.acknowledgedBy && <> · acknowledged by {a.acknowledgedBy}</>}
                </div>
              </div>
              <AlertActions a={a} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
