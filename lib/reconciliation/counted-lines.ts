import { agingBucket, type AgingBucket } from "./aging";

/** A trusted cycle_count as the fold saw it: `variance` is what the fold recorded (system − counted). */
export interface CountFact {
  seq: string;
  occurredAt: number;
  source: string;
  counted: number;
  variance: number;
}

export interface CountedLine extends CountFact {
  system: number;
  bucket: AgingBucket;
  previousAt: number | null;
}

/**
 * The counted lines of ONE (SKU, location) from its trusted counts (docs/RECONCILIATION.md#numbers): system is what
 * the fold had just before the count (counted + variance), the bucket is the age since the
 * previous counted line. Order: occurredAt, then ledger seq for exact ties. Input order is free.
 */
export function countedLinesOf(facts: readonly CountFact[]): CountedLine[] {
  const sorted = [...facts].sort((a, b) => a.occurredAt - b.occurredAt || compareSeq(a.seq, b.seq));
  let previousAt: number | null = null;
  return sorted.map((f) => {
    const line: CountedLine = { ...f, system: f.counted + f.variance, bucket: agingBucket(f.occurredAt, previousAt), previousAt };
    previousAt = f.occurredAt;
    return line;
  });
}

const compareSeq = (a: string, b: string): number => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);
