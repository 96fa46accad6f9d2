"use client";

import { PageHeader } from "@/components/ui/PageHeader";
import Link from "next/link";
import { useState } from "react";
import { useCan } from "@/components/auth/ViewerProvider";
import { formatInt } from "@/client/format/numbers";
import { ErrorPanel } from "@/components/ui/ErrorPanel";
import { LoadingRegion, SkeletonRows } from "@/components/ui/Skeleton";
import { useAlerts, type AlertQuery } from "@/hooks/use-alerts";
import { useDebouncedValue } from "@/hooks/use-debounced-value";
import { ALERT_KINDS, type AlertKind } from "@/lib/alerts/kinds";
import { kindLabel, matchesSearch } from "./alert-text";
import { AlertList } from "./AlertList";
import { AlertsTabs } from "./AlertsTabs";
import { useParamsInUrl } from "@/hooks/use-params-in-url";

const select = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900";
const STATES: { value: AlertQuery["state"]; label: string }[] = [
  { value: "open", label: "Open" },
  { value: "resolved", label: "Resolved" },
  { value: "all", label: "All" },
];

export interface AlertsFilters {
  state: AlertQuery["state"];
  kind: AlertKind | null;
  q: string;
}

/**
 * `/alerts?state=&kind=&q=`: alerts of docs/ALERTS.md, live. Kind and state are asked of the API; the
 * subject search filters what came back (up to 1,000 alerts, one row per kind and subject), so it
 * matches partial codes and words as the stock search does.
 */
export function AlertsPage({ initial }: { initial: AlertsFilters }) {
  const [f, setF] = useState<AlertsFilters>(initial);
  useParamsInUrl({ state: f.state === "open" ? null : f.state, kind: f.kind, q: f.q.trim() });
  const q = useDebouncedValue(f.q, 150);
  const alerts = useAlerts({ state: f.state, kind: f.kind });
  const canSettings = useCan("alerts.settings");
  const byKind = alerts.data?.open.byKind ?? {};
  const shown = alerts.data?.alerts.filter((a) => matchesSearch(a, q)) ?? [];

  let body: React.ReactNode;
  if (alerts.isError && !alerts.data) body = <ErrorPanel title="Couldn't load the alerts" error={alerts.error} onRetry={() => void alerts.refetch()} retrying={alerts.isFetching} />;
  else if (!alerts.data)
    body = (
      <LoadingRegion testId="alerts-loading" label="Loading the alerts…">
        <SkeletonRows rows={8} />
      </LoadingRegion>
    );
  else if (shown.length === 0) body = <AlertsEmpty f={f} />;
  else body = <AlertList alerts={shown} stale={alerts.isPlaceholderData} />;

  const open = alerts.data?.open;
  return (
    <main className="mx-auto max-w-[1600px] px-4 py-4" data-testid="alerts-page">
      <AlertsTabs current="alerts" />
      <PageHeader
        title="Alerts"
        description={
          <>
            {open ? (
              <>
                {formatInt(open.total)} open{open.muted > 0 && <> ({formatInt(open.muted)} muted, not in the count)</>}. Each resolves by itself when its condition clears.
              </>
            ) : (
              "Each alert resolves by itself when its condition clears."
            )}{" "}
            <Link href="/alerts/settings" className="font-medium text-emerald-700 hover:underline">
              {canSettings ? "Change when they open" : "When they open"}
            </Link>
          </>
        }
        stacked
        descriptionTestId="alerts-summary"
        actionsClassName="w-full
        sm:w-auto"
      >
        <div role="group" aria-label="State" className="inline-flex overflow-hidden rounded-md border border-slate-300 text-sm">
          {STATES.map((s) => (
            <button
              key={s.value}
              type="button"
              aria-pressed={f.state === s.value}
              data-testid={`alerts-state-${s.value}`}
              onClick={() => setF({ ...f, state: s.value })}
              className="border-l border-slate-300 px-2.5 py-1.5 font-medium text-slate-700 first:border-l-0 hover:bg-slate-50 aria-pressed:bg-slate-900 aria-pressed:text-white"
            >
              {s.label}
            </button>
          ))}
        </div>
        <label className="flex items-center gap-1.5 text-sm text-slate-600">
          Kind
          <select data-testid="alerts-kind" value={f.kind ?? ""} onChange={(e) => setF({ ...f, kind: (e.target.value || null) as AlertKind | null })} className={`${select} max-w-52`}>
            <option value="">All kinds</option>
            {ALERT_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
                {byKind[k] ? ` (${byKind[k]} open)` : ""}
              </option>
            ))}
          </select>
        </label>
        <input
          type="search"
          aria-label="Search subjects"
          data-testid="alerts-search"
          placeholder="Search SKU, location…"
          value={f.q}
          onChange={(e) => setF({ ...f, q: e.target.value })}
          className="h-8 min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 text-sm placeholder:text-slate-400 sm:w-60 sm:flex-none"
        />
      </PageHeader>
      <div className="mt-4">{body}</div>
    </main>
  );
}

function AlertsEmpty({ f }: { f: AlertsFilters }) {
  const filtered = f.kind !== null || f.q.trim() !== "";
  const what = f.state === "open" ? "open alerts" : f.state === "resolved" ? "resolved alerts" : "alerts";
  return (
    <div data-testid="alerts-empty" className="mx-auto my-6 max-w-2xl rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <h2 className="text-base font-semibold text-slate-900">{filtered ? `No ${what} match these filters` : `No ${what}`}</h2>
      <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
        {filtered
          ? "Clear the kind or the search to see the others."
          : f.state === "open"
            ? "Nothing needs a look right now. Alerts open here, and in the header, as soon as a condition holds."
            : "Alerts appear here once one has opened."}
      </p>
    </div>
  );
}
