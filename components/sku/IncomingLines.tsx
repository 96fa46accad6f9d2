"use client";

import { DataTable } from "@/components/ui/DataTable";
import type { LocationLevel } from "@/client/api/types";
import { formatInt } from "@/client/format/numbers";
import { formatAbsolute, formatDay, formatRelative } from "@/client/format/time";
import { useHydrated } from "@/hooks/use-hydrated";
import { useNow } from "@/hooks/use-now";

/** Open POs, ASNs and transfers for this SKU, soonest first; overdue ones stand out. */
export function IncomingLines({ locations }: { locations: LocationLevel[] }) {
  const now = useNow(60_000);
  // Dates in the viewer's time zone and relative times: only once hydrated (the page is server-rendered).
  const hydrated = useHydrated();
  const lines = locations.flatMap((l) => l.incomingLines.map((line) => ({ ...line, location: l.code }))).sort((a, b) => ((a.expectedAt ?? "9") < (b.expectedAt ?? "9") ? -1 : 1));
  return (
    <section aria-labelledby="incoming-title">
      <h2 id="incoming-title" className="mb-2 text-sm font-semibold text-slate-900">
        Incoming
      </h2>
      {lines.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-3 py-4 text-center text-sm text-slate-500">Nothing incoming.</p>
      ) : (
        <DataTable
          layout="scroll"
          testId="incoming-lines"
          columns={["Reference", "Location", { label: "Qty", className: "text-right" }, { label: "Expected", className: "text-right" }]}
          rows={lines}
          rowKey={(l) => `${l.location}/${l.reference}`}
          row={(l) => {
            const overdue = l.expectedAt !== null && new Date(l.expectedAt).getTime() < now;
            return (
              <tr className="border-b border-slate-100 last:border-0">
                <td className="px-3 py-1.5 font-mono text-xs text-slate-800">{l.reference}</td>
                <td className="px-3 py-1.5 text-slate-600">{l.location}</td>
                <td className="px-3 py-1.5 text-right font-medium tabular-nums">{formatInt(l.qty)}</td>
                <td className="px-3 py-1.5 text-right sm:whitespace-nowrap">
                  {!hydrated ? null : l.expectedAt ? (
                    <time dateTime={l.expectedAt} title={formatAbsolute(l.expectedAt)} className={overdue ? "font-medium text-rose-700" : "text-slate-700"}>
                      {formatDay(l.expectedAt)}
                      <span className="ml-1 text-xs whitespace-nowrap text-slate-400 max-sm:block">
                        ({overdue ? "overdue, " : ""}
                        {formatRelative(l.expectedAt, now)})
                      </span>
                    </time>
                  ) : (
                    <span className="text-slate-400">no date</span>
                  )}
                </td>
              </tr>
            );
          }}
        />
      )}
    </section>
  );
}
