/** Nearest-rank percentile (p in 0–100) of unsorted samples; null for none. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  // p × n / 100, not p / 100 × n: 0.07 × 100 is 7.000000000000001 in floats, whose ceiling skips a rank.
  const rank = Math.ceil((p * sorted.length) / 100);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
