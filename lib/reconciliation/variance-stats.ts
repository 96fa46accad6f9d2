// Reconciliation variance of a set of counted lines (docs/RECONCILIATION.md#numbers), never netting gains against
// losses. Kept as additive sums so cells, rollup days and edges add up before the ratios are taken.

export interface VarianceSums {
  lines: number;
  net: number;
  absolute: number;
  /** Σ system, the rate's denominator. */
  system: number;
  accurate: number;
  /** Lines whose SKU has a unit cost: value is null when none has. */
  valued: number;
  /** Σ |variance| × unitCost over the valued lines, in cents (exact integer sums). */
  valueCents: number;
}

export interface VarianceStats {
  lines: number;
  net: number;
  absolute: number;
  rate: number | null;
  accurate: number;
  accuracy: number | null;
  value: number | null;
}

export const emptySums = (): VarianceSums => ({ lines: 0, net: 0, absolute: 0, system: 0, accurate: 0, valued: 0, valueCents: 0 });

/** One counted line's contribution. `unitCostCents` null: the SKU has no unit cost. */
export function lineSums(system: number, variance: number, unitCostCents: number | null): VarianceSums {
  return {
    lines: 1,
    net: variance,
    absolute: Math.abs(variance),
    system,
    accurate: variance === 0 ? 1 : 0,
    valued: unitCostCents === null ? 0 : 1,
    valueCents: unitCostCents === null ? 0 : Math.abs(variance) * unitCostCents,
  };
}

export function addSums(a: VarianceSums, b: VarianceSums): VarianceSums {
  return {
    lines: a.lines + b.lines,
    net: a.net + b.net,
    absolute: a.absolute + b.absolute,
    system: a.system + b.system,
    accurate: a.accurate + b.accurate,
    valued: a.valued + b.valued,
    valueCents: a.valueCents + b.valueCents,
  };
}

export const sumAll = (list: readonly VarianceSums[]): VarianceSums => list.reduce(addSums, emptySums());

/** Ratios rounded to 6 places: enough for a percentage with decimals, stable in JSON. */
const ratio = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 1e6) / 1e6);

export function statsOf(s: VarianceSums): VarianceStats {
  return {
    lines: s.lines,
    net: s.net,
    absolute: s.absolute,
    rate: ratio(s.absolute, s.system),
    accurate: s.accurate,
    accuracy: ratio(s.accurate, s.lines),
    value: s.valued === 0 ? null : s.valueCents / 100,
  };
}
