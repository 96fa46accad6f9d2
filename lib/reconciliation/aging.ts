import { DAY_MS } from "@/lib/time/durations";

// Aging buckets of docs/RECONCILIATION.md#numbers: whole days since the previous counted line of the same (SKU, location).

export const AGING_BUCKETS = ["0-7", "8-30", "31-90", ">90"] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** Whole days from `from` to `to` (floored: 7 days 23 hours is 7). */
export function wholeDays(fromMs: number, toMs: number): number {
  return Math.floor((toMs - fromMs) / DAY_MS);
}

/** The bucket of an age in whole days; null (never counted) is `>90`. Edges 7/8, 30/31, 90/91. */
export function bucketOfDays(days: number | null): AgingBucket {
  if (days === null) return ">90";
  if (days <= 7) return "0-7";
  if (days <= 30) return "8-30";
  if (days <= 90) return "31-90";
  return ">90";
}

/** The bucket of a count at `atMs` whose previous counted line was at `previousMs` (null: none). */
export function agingBucket(atMs: number, previousMs: number | null): AgingBucket {
  return bucketOfDays(previousMs === null ? null : wholeDays(previousMs, atMs));
}

export const isAgingBucket = (v: string): v is AgingBucket => (AGING_BUCKETS as readonly string[]).includes(v);
