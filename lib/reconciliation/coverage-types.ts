// GET /api/counts/coverage (docs/RECONCILIATION.md#numbers "count coverage", issue 15's shared contract). The NUMBERS
// side answers it; the coverage page reads it. Types only, plus the small pure helpers the page uses.

/** Aging buckets of a count, in display order (docs/RECONCILIATION.md#numbers). */
export const AGING_BUCKETS = ["0-7", "8-30", "31-90", ">90"] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export interface CoverageLocation {
  location: string;
  /** (SKU, location) rows with on_hand > 0. */
  rows: number;
  /** Rows by the age of their last counted line now; ">90" includes never counted. */
  buckets: Record<AgingBucket, number>;
}

export interface CoverageDueRow {
  sku: string;
  skuName: string;
  location: string;
  onHand: number;
  /** null: never counted. */
  lastCountedAt: string | null;
  ageDays: number | null;
  /** on_hand × unitCost; null when the SKU has no unit cost. */
  value: number | null;
}

export interface CoverageResponse {
  locations: CoverageLocation[];
  /** Oldest first (never counted first), then by on_hand × unitCost. */
  due: CoverageDueRow[];
}

export interface BucketShare {
  bucket: AgingBucket;
  n: number;
  /** Whole percent of the location's rows; the four add up to 100 (0 when there are no rows). */
  percent: number;
}

/**
 * Each bucket's share of a location's rows as whole percents that add up to exactly 100 (largest
 * remainder), so a stacked bar fills its width and the labels agree with it. Rows are the sum of the
 * buckets, not `rows`, so a bar never overflows if the two ever disagree.
 */
export function bucketShares(buckets: Record<AgingBucket, number>): BucketShare[] {
  const counts = AGING_BUCKETS.map((b) => Math.max(0, buckets[b] ?? 0));
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return AGING_BUCKETS.map((bucket) => ({ bucket, n: 0, percent: 0 }));
  const exact = counts.map((n) => (n * 100) / total);
  const percent = exact.map(Math.floor);
  let left = 100 - percent.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    percent[i]++;
    left--;
  }
  return AGING_BUCKETS.map((bucket, i) => ({ bucket, n: counts[i], percent: percent[i] }));
}

/** Rows counted within 30 days, as a whole percent (the share a count SLA usually asks about); null without rows. */
export function countedWithin30(buckets: Record<AgingBucket, number>): number | null {
  const total = AGING_BUCKETS.reduce((a, b) => a + Math.max(0, buckets[b] ?? 0), 0);
  if (total === 0) return null;
  return Math.round(((Math.max(0, buckets["0-7"]) + Math.max(0, buckets["8-30"])) * 100) / total);
}

/** The API address of the coverage, as JSON or as the due list in CSV, for one location or all. */
export function coverageUrl(opts: { location?: string | null; format?: "csv"; limit?: number }): string {
  const p = new URLSearchParams();
  if (opts.location) p.set("location", opts.location);
  if (opts.format) p.set("format", opts.format);
  if (opts.limit !== undefined) p.set("limit", String(opts.limit));
  const q = p.toString();
  return `/api/counts/coverage${q ? `?${q}` : ""}`;
}

/** How long ago a row was last counted, in words a counter reads at a glance. */
export function describeAge(ageDays: number | null): string {
  if (ageDays === null) return "never counted";
  if (ageDays <= 0) return "today";
  if (ageDays === 1) return "yesterday";
  return `${ageDays} days ago`;
}
