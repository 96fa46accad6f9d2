import "server-only";
import type pg from "pg";
import { sumAll, type VarianceSums } from "@/lib/reconciliation/variance-stats";
import { periodSums } from "@/server/queries/get-reconciliation";

/** §6.1 sums of the lines counted in each week (the reconciliation matrix's own sums: rollup days plus edges). */
export async function sumCountedLines(pool: pg.Pool, weeks: readonly { from: Date; to: Date }[], skuIds: readonly number[] | null): Promise<VarianceSums[]> {
  if (skuIds === null) {
    return Promise.all(weeks.map(async (w) => sumAll([...(await periodSums(pool, w.from.getTime(), w.to.getTime())).values()].flatMap((m) => [...m.values()]))));
  }
  // Restricted to some SKUs (tests, a category): the rollup has no SKU, so read the lines.
  const edges = [...weeks.map((w) => w.from), weeks[weeks.length - 1].to];
  const r = await pool.query<{ w: number; lines: string; net: string; absolute: string; system: string; accurate: string; valued: string; value_cents: string }>(
    `SELECT width_bucket(occurred_at, $1::timestamptz[]) AS w, count(*) AS lines, sum(variance) AS net, sum(abs(variance)) AS absolute,
            sum(system) AS system, count(*) FILTER (WHERE variance = 0) AS accurate, count(unit_cost_cents) AS valued,
            coalesce(sum(abs(variance)::bigint * unit_cost_cents), 0) AS value_cents
       FROM counted_line WHERE occurred_at >= $2 AND occurred_at < $3 AND sku_id = ANY($4::int[]) GROUP BY 1`,
    [edges, edges[0], edges[edges.length - 1], skuIds],
  );
  const byWeek = new Map(r.rows.map((x) => [x.w, x]));
  return weeks.map((_, i) => {
    const x = byWeek.get(i + 1);
    return {
      lines: Number(x?.lines ?? 0),
      net: Number(x?.net ?? 0),
      absolute: Number(x?.absolute ?? 0),
      system: Number(x?.system ?? 0),
      accurate: Number(x?.accurate ?? 0),
      valued: Number(x?.valued ?? 0),
      valueCents: Number(x?.value_cents ?? 0),
    };
  });
}
