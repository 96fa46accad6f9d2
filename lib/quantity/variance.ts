// Count variance and drift, one convention everywhere (docs/RECONCILIATION.md#numbers, docs/RECONCILIATION.md#drift): the count dialog, the
// ledger and the fold. Positive always means the other side sees fewer units than the pool.

const units = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** Variance = system − counted: positive means units are missing, negative that units were found. */
export function countVariance(system: number, counted: number): number {
  return system - counted;
}

/** What a variance means, in words: "3 units missing", "2 units found", "no variance". */
export function describeVariance(variance: number): string {
  if (variance === 0) return "no variance";
  const n = Math.abs(variance);
  return `${units.format(n)} unit${n === 1 ? "" : "s"} ${variance > 0 ? "missing" : "found"}`;
}

/** Drift = the pool's value − what an untrusted source reported (docs/RECONCILIATION.md#drift): the same sign as variance. */
export function sourceDrift(pool: number, reported: number): number {
  return pool - reported;
}

/** What a drift means, in words: "the source sees 3 fewer", "the source sees 2 more". */
export function describeDrift(drift: number): string {
  if (drift === 0) return "the source agrees";
  const n = Math.abs(drift);
  return `the source sees ${units.format(n)} ${drift > 0 ? "fewer" : "more"}`;
}
