// Count variance, one convention everywhere (DESIGN §6.1): the count dialog, the ledger and the fold.

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
