// The spread of a preview's changes (after − before per SKU and channel) in a few buckets that
// stay readable whether a rule moves numbers by 1 or by 1,000: exact values when all are small,
// else widening ranges on each side of zero.
import type { RulePreviewSku } from "@/client/api/types";
import { formatSigned } from "@/client/format/numbers";

export interface Bucket {
  label: string;
  /** Lowest and highest change in the bucket, for the tooltip. */
  lo: number;
  hi: number;
  count: number;
  /** Fewer units shown (more withheld) or more. */
  sign: "down" | "up";
}

const EDGES = [1, 2, 6, 11, 51, 101, 501, 1001];

function ranges(maxAbs: number): [number, number][] {
  if (maxAbs <= 8) return Array.from({ length: maxAbs }, (_, i) => [i + 1, i + 1]);
  const out: [number, number][] = [];
  for (let i = 0; i < EDGES.length && EDGES[i] <= maxAbs; i++) out.push([EDGES[i], i + 1 < EDGES.length ? EDGES[i + 1] - 1 : Infinity]);
  return out;
}

const signed = formatSigned;

/**
 * A bucket of changes from `lo` to `hi` (signed, lo ≤ hi), read left to right like the axis:
 * "−100…−51", "+51…+100", "−3"; open ends as "≤ −1,001" and "≥ +1,001". Never a range that
 * looks as if it crossed zero.
 */
export function bucketLabel(lo: number, hi: number): string {
  if (lo === -Infinity) return `≤ ${signed(hi)}`;
  if (hi === Infinity) return `≥ ${signed(lo)}`;
  return lo === hi ? signed(lo) : `${signed(lo)}…${signed(hi)}`;
}

export const changesOf = (skus: RulePreviewSku[]) => skus.filter((s) => s.after !== s.before);

/** Buckets from the biggest drop to the biggest rise, empty ones at either end left out. */
export function bucketChanges(skus: RulePreviewSku[]): Bucket[] {
  const deltas = changesOf(skus).map((s) => s.after - s.before);
  if (!deltas.length) return [];
  const maxAbs = Math.max(...deltas.map(Math.abs));
  const rs = ranges(maxAbs);
  const down = [...rs].reverse().map(([lo, hi]): Bucket => ({ label: bucketLabel(-hi, -lo), lo: -hi, hi: -lo, count: 0, sign: "down" }));
  const up = rs.map(([lo, hi]): Bucket => ({ label: bucketLabel(lo, hi), lo, hi, count: 0, sign: "up" }));
  const all = [...down, ...up];
  for (const d of deltas) {
    const b = all.find((x) => d >= x.lo && d <= x.hi);
    if (b) b.count++;
  }
  const first = all.findIndex((b) => b.count > 0);
  const last = all.length - 1 - [...all].reverse().findIndex((b) => b.count > 0);
  return all.slice(first, last + 1);
}

/** The biggest moves first, so the table's first rows are the ones worth checking. */
export const largestChanges = (skus: RulePreviewSku[], n: number) =>
  changesOf(skus)
    .sort((a, b) => Math.abs(b.after - b.before) - Math.abs(a.after - a.before) || a.code.localeCompare(b.code))
    .slice(0, n);
