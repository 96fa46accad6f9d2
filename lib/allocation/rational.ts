// Exact non-negative rationals over BigInt: docs/CHANNEL-RULES.md forbids binary floats for buffers, because
// ⌈base − buffer⌉ must not flip on a rounding error (base 100, buffer 56 % → exactly 44).
export interface Rational {
  n: bigint;
  d: bigint;
}

export const rat = (n: bigint | number, d: bigint | number = 1n): Rational => ({ n: BigInt(n), d: BigInt(d) });

/** A decimal string such as "1.25" (dynamicK) as an exact rational. */
export function parseDecimal(s: string): Rational {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s.trim());
  if (!m) throw new Error(`not a non-negative decimal: ${s}`);
  const frac = m[2] ?? "";
  return { n: BigInt(m[1] + frac), d: 10n ** BigInt(frac.length) };
}

export const mul = (a: Rational, b: Rational): Rational => ({ n: a.n * b.n, d: a.d * b.d });
export const cmp = (a: Rational, b: Rational): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const max = (...xs: Rational[]): Rational => xs.reduce((m, x) => (cmp(x, m) > 0 ? x : m));
export const ceil = (a: Rational): bigint => (a.n + a.d - 1n) / a.d;
export const floor = (a: Rational): bigint => a.n / a.d;
export const toNumber = (a: Rational): number => Number(a.n) / Number(a.d);
