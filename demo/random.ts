// A small seeded PRNG and the distributions the demo needs. Seeded so every demo database looks
// the same (the same SKUs sell, the same ones run out), which makes screenshots and docs repeatable.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
  weighted<T>(xs: readonly T[], weight: (x: T) => number): T;
  poisson(mean: number): number;
  /** Log-normal with the given median; `spread` is sigma of the underlying normal. */
  logNormal(median: number, spread: number): number;
}

/** mulberry32: tiny, fast and good enough for simulation (not for anything secret). */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    const u = 1 - next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    weighted(xs, weight) {
      const total = xs.reduce((s, x) => s + weight(x), 0);
      let r = next() * total;
      for (const x of xs) {
        r -= weight(x);
        if (r < 0) return x;
      }
      return xs[xs.length - 1];
    },
    poisson(mean) {
      if (mean <= 0) return 0;
      // Knuth for small means; a rounded normal approximation above 30 is plenty for demo demand.
      if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
      const l = Math.exp(-mean);
      let k = 0;
      let p = 1;
      do {
        k++;
        p *= next();
      } while (p > l);
      return k - 1;
    },
    logNormal: (median, spread) => median * Math.exp(spread * normal()),
  };
}

/** A stable 32-bit hash of a string, to derive per-SKU seeds and ids that do not shift when the catalogue grows. */
export function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
