import { AGING_BUCKETS, type AgingBucket, type DriftResponse, type MatrixCell, type ReconciliationMatrix, type VarianceFigures } from "@/lib/contracts/reconciliation";

export interface GridRow {
  location: string;
  /** Every bucket, in order; null where the location had no counted line of that age. */
  cells: Record<AgingBucket, MatrixCell | null>;
  total: VarianceFigures;
}

export interface Grid {
  rows: GridRow[];
  /** Per bucket over every location: the API's byBucket, else summed from the cells (rate and accuracy as §6.1 defines them). */
  byBucket: Record<AgingBucket, VarianceFigures>;
  total: VarianceFigures;
}

const EMPTY: VarianceFigures = { lines: 0, net: 0, absolute: 0, rate: null, accurate: 0, accuracy: null, value: null };

/**
 * The heat table from the matrix answer: one row per location (the API's byLocation order, then any
 * location that only has cells), a cell per aging bucket. The bucket totals come from `byBucket`;
 * without it (an older server) they are summed from the cells, where a cell with rate 0 hides its
 * Σ system and leaves the total's rate unknown.
 */
export function matrixGrid(m: ReconciliationMatrix): Grid {
  const locs = [...m.byLocation.map((l) => l.location)];
  for (const c of m.cells) if (!locs.includes(c.location)) locs.push(c.location);
  const rows = locs.map((location) => {
    const cells = Object.fromEntries(AGING_BUCKETS.map((b) => [b, m.cells.find((c) => c.location === location && c.bucket === b) ?? null])) as Record<AgingBucket, MatrixCell | null>;
    const total = m.byLocation.find((l) => l.location === location) ?? sumFigures(AGING_BUCKETS.map((b) => cells[b]).filter((c): c is MatrixCell => c !== null));
    return { location, cells, total };
  });
  const byBucket = Object.fromEntries(AGING_BUCKETS.map((b) => [b, m.byBucket?.find((x) => x.bucket === b) ?? sumFigures(m.cells.filter((c) => c.bucket === b))])) as Record<
    AgingBucket,
    VarianceFigures
  >;
  return { rows, byBucket, total: m.total };
}

/**
 * §6.1 figures of a union of disjoint sets of lines. Σ system comes back from each part as
 * absolute / rate (rate null: Σ system = 0); a part with rate 0 hides its Σ system, so then the
 * union's rate is unknown (null) unless every part is exact: the table shows accuracy there instead.
 */
export function sumFigures(parts: VarianceFigures[]): VarianceFigures {
  if (parts.length === 0) return EMPTY;
  let lines = 0,
    net = 0,
    absolute = 0,
    accurate = 0,
    system = 0;
  let known = true;
  let value: number | null = null;
  for (const p of parts) {
    lines += p.lines;
    net += p.net;
    absolute += p.absolute;
    accurate += p.accurate;
    if (p.rate !== null && p.rate > 0) system += p.absolute / p.rate;
    else if (p.rate === 0) known = false;
    if (p.value !== null) value = (value ?? 0) + p.value;
  }
  const rate = absolute === 0 && parts.some((p) => p.rate !== null) ? 0 : known && system > 0 ? absolute / system : null;
  return { lines, net, absolute, rate, accurate, accuracy: lines ? accurate / lines : null, value };
}

/** A live frame's per-source totals over the cached answer: sources gone from the frame drop their drifts too. */
export function applyDriftSources(cached: DriftResponse | undefined, sources: DriftResponse["sources"]): DriftResponse {
  const still = new Set(sources.map((s) => s.source));
  return { sources, drifts: (cached?.drifts ?? []).filter((d) => still.has(d.source)) };
}
