// Small numeric helpers shared by the bench's phases (no dependency on lib/: the bench measures it).

/** Nearest-rank percentile of samples (p in 0–100); null for none. */
export function pct(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export interface Dist {
  n: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

export function dist(samples: readonly number[]): Dist {
  return {
    n: samples.length,
    p50: pct(samples, 50),
    p95: pct(samples, 95),
    p99: pct(samples, 99),
    max: samples.length ? samples.reduce((m, x) => (x > m ? x : m), -Infinity) : null,
  };
}

export const ms = (x: number | null, digits = 1) => (x === null ? "n/a" : `${x.toFixed(digits)} ms`);
/** Milliseconds for figures from ~1 ms to minutes: "734 ms", "4,210 ms", "12.3 s". */
export const fmtMs = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x).toLocaleString("en-US")} ms`);
export const rate = (x: number | null) => (x === null ? "n/a" : `${Math.round(x).toLocaleString("en-US")}/s`);

export function fmtDist(d: Dist): string {
  return `n=${d.n} p50=${ms(d.p50)} p95=${ms(d.p95)} p99=${ms(d.p99)} max=${ms(d.max)}`;
}

/** Per-second completion counts → a compact "min / median / max" line, to see stalls in a phase. */
export function perSecondLine(buckets: readonly number[]): string {
  if (buckets.length === 0) return "n/a";
  const s = [...buckets].sort((a, b) => a - b);
  return `per-second min ${s[0]}, median ${s[Math.floor(s.length / 2)]}, max ${s[s.length - 1]}`;
}
