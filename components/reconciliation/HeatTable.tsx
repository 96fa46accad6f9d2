"use client";

import { formatInt, formatSigned } from "@/client/format/numbers";
import { AGING_BUCKETS, type AgingBucket, type VarianceFigures } from "@/lib/contracts/reconciliation";
import type { Grid } from "@/lib/reconciliation/matrix-grid";
import { formatRatio, formatValue, HEAT_CLASSES, heatLevel, HEAT_STEPS } from "@/lib/reconciliation/screen-format";

export type Mode = "units" | "value";
export interface CellRef {
  location: string | null;
  bucket: AgingBucket | null;
}

const BUCKET_LABEL: Record<AgingBucket, string> = { "0-7": "0–7 d", "8-30": "8–30 d", "31-90": "31–90 d", ">90": "> 90 d" };
const BUCKET_HINT = "Days since the previous count of the same SKU at the location (> 90 also: first count)";

function describe(f: VarianceFigures): string {
  return [
    `${formatInt(f.lines)} counted line${f.lines === 1 ? "" : "s"}`,
    `variance rate ${formatRatio(f.rate)} (Σ |variance| ${formatInt(f.absolute)} / Σ system)`,
    `net ${formatSigned(f.net)} (+ = units missing)`,
    `${formatInt(f.accurate)} exact (${formatRatio(f.accuracy)})`,
    `value ${formatValue(f.value)}`,
  ].join("\n");
}

/**
 * The §6.1 matrix as a heat table: one row per location, a column per aging bucket, totals on the
 * right and at the bottom. Colour always follows the variance rate; the toggle changes the number
 * shown (Σ |variance| in units, or its value). A cell with lines opens them. The table scrolls
 * sideways inside its card on a phone; the location column stays put.
 */
export function HeatTable({ grid, mode, selected, onOpen }: { grid: Grid; mode: Mode; selected: CellRef | null; onOpen: (c: CellRef) => void }) {
  const isSel = (location: string | null, bucket: AgingBucket | null) => selected !== null && selected.location === location && selected.bucket === bucket;
  const cell = (f: VarianceFigures | null, location: string | null, bucket: AgingBucket | null, strong = false) => {
    const fig = f ?? { lines: 0, net: 0, absolute: 0, rate: null, accurate: 0, accuracy: null, value: null };
    const level = heatLevel(fig.rate, fig.lines);
    const where = `${location ?? "All locations"}, ${bucket ? BUCKET_LABEL[bucket] : "all ages"}`;
    return (
      <td
        key={bucket ?? "all"}
        className={`border-l border-slate-100 p-0 ${HEAT_CLASSES[level]} ${isSel(location, bucket) ? "outline-2 -outline-offset-2 outline-sky-600" : ""}`}
        data-testid="heat-cell"
        data-location={location ?? ""}
        data-bucket={bucket ?? ""}
        data-level={level}
        data-lines={fig.lines}
      >
        {fig.lines === 0 ? (
          <span className="block px-3 py-2 text-right text-slate-300" title={`${where}: nothing counted`}>
            ·<span className="sr-only"> {where}: nothing counted</span>
          </span>
        ) : (
          <button
            type="button"
            onClick={() => onOpen({ location, bucket })}
            title={`${where}\n${describe(fig)}\nOpen the lines`}
            aria-pressed={isSel(location, bucket)}
            className="block w-full px-3 py-1.5 text-right tabular-nums hover:brightness-95 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600"
          >
            <span className={`block text-sm ${strong ? "font-bold" : "font-semibold"}`} data-testid="heat-main">
              {mode === "units" ? formatRatio(fig.rate) : formatValue(fig.value)}
            </span>
            <span className="block text-[11px] leading-4 opacity-80">
              {mode === "units" ? `${formatInt(fig.absolute)} u` : formatRatio(fig.rate)} · {formatInt(fig.lines)} ln
              <span className="sr-only">, {where}: open the lines</span>
            </span>
          </button>
        )}
      </td>
    );
  };
  return (
    <div className="relative min-w-0 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs" data-testid="heat-scroller">
      <table className="w-full min-w-[40rem] border-collapse text-sm" data-testid="heat-table">
        <caption className="sr-only">Variance by location and aging bucket; colour by variance rate</caption>
        <thead>
          <tr className="border-b border-slate-200 text-xs text-slate-500">
            <th scope="col" className="sticky left-0 z-10 bg-white px-3 py-2 text-left font-medium">
              Location
            </th>
            {AGING_BUCKETS.map((b) => (
              <th key={b} scope="col" className="px-3 py-2 text-right font-medium whitespace-nowrap" title={BUCKET_HINT}>
                {BUCKET_LABEL[b]}
              </th>
            ))}
            <th scope="col" className="border-l border-slate-200 px-3 py-2 text-right font-semibold whitespace-nowrap text-slate-700">
              All ages
            </th>
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((r) => (
            <tr key={r.location} className="border-b border-slate-100" data-testid="heat-row" data-location={r.location}>
              <th scope="row" className="sticky left-0 z-10 bg-white px-3 py-1.5 text-left font-mono text-xs font-medium [overflow-wrap:anywhere] text-slate-900">
                {r.location}
              </th>
              {AGING_BUCKETS.map((b) => cell(r.cells[b], r.location, b))}
              {cell(r.total, r.location, null, true)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-slate-200" data-testid="heat-total-row">
            <th scope="row" className="sticky left-0 z-10 bg-white px-3 py-1.5 text-left text-xs font-semibold text-slate-700">
              All locations
            </th>
            {AGING_BUCKETS.map((b) => cell(grid.byBucket[b], null, b, true))}
            {cell(grid.total, null, null, true)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** The colour key under the table. */
export function HeatLegend() {
  return (
    <p className="flex flex-wrap items-center gap-1.5 text-[11px] text-slate-500" role="group" aria-label="Colour key: variance rate">
      Variance rate:
      {HEAT_STEPS.map((s) => (
        <span key={s.level} className={`rounded px-1.5 py-0.5 ${HEAT_CLASSES[s.level as 0]}`}>
          {s.label}
        </span>
      ))}
    </p>
  );
}
