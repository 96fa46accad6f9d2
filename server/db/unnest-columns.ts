import "server-only";

/**
 * The parameters of an `INSERT … SELECT * FROM unnest($1::…[], $2::…[], …)` of `rows`: `row` lists
 * one row's values in the order of the parameters, and the k-th parameter is the array of every
 * row's k-th value. `rows` must not be empty (an empty batch has no width: callers skip it).
 */
export function unnestColumns<R>(rows: readonly R[], row: (r: R) => readonly unknown[]): unknown[][] {
  const columns: unknown[][] = [];
  rows.forEach((r, i) => {
    row(r).forEach((v, k) => {
      (columns[k] ??= new Array(rows.length))[i] = v;
    });
  });
  return columns;
}
