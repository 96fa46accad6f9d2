import "server-only";
import type pg from "pg";

/** What a SKU's published numbers depend on besides rules and pauses: available real and sales. */
export interface PublishInput {
  id: number;
  code: string;
  tags: string[];
  availableReal: number;
  units24h: number;
  units7d: number;
}

// Which SKUs: a list of ids (driven from the list: index lookups per id, whatever the ids are), or
// an id range (index range scans; what a full recompute reads, 5,000 consecutive ids at a time).
// Aggregated joins either way, not a subquery per SKU. `DISTINCT` keeps one row per SKU and keeps
// the planner on index lookups (it estimates 200 distinct ids), where `= ANY(ids)` over 5,000 ids
// made it scan the whole stock and sales tables for every chunk.
const sql = (scope: "ids" | "range") => {
  const join = (col: string) => (scope === "ids" ? `JOIN i ON i.id = ${col}` : "");
  const where = (col: string) => (scope === "ids" ? "TRUE" : `${col} BETWEEN $1 AND $2`);
  return `
  WITH ${scope === "ids" ? "i AS (SELECT DISTINCT id FROM unnest($1::int[]) AS u(id))," : ""}
  a AS (
    SELECT sl.sku_id, SUM(GREATEST(0, sl.available)) FILTER (WHERE l.sellable) AS available_real
      FROM stock_level sl ${join("sl.sku_id")} JOIN location l ON l.id = sl.location_id
     WHERE ${where("sl.sku_id")}
     GROUP BY sl.sku_id),
  v AS (
    SELECT h.sku_id, SUM(h.units) FILTER (WHERE h.hour >= date_trunc('hour', now()) - interval '23 hours') AS units24h, SUM(h.units) AS units7d
      FROM sales_hourly h ${join("h.sku_id")}
     WHERE h.hour >= date_trunc('hour', now()) - interval '167 hours' AND ${where("h.sku_id")}
     GROUP BY h.sku_id)
  -- float8: sums of 32-bit totals may pass 2^31; float8 holds them exactly (far below 2^53) as a JS number.
  SELECT s.id, s.code, s.tags, COALESCE(a.available_real, 0)::float8 AS available_real,
         COALESCE(v.units24h, 0)::float8 AS units24h, COALESCE(v.units7d, 0)::float8 AS units7d
    FROM sku s ${join("s.id")} LEFT JOIN a ON a.sku_id = s.id LEFT JOIN v ON v.sku_id = s.id
   WHERE ${where("s.id")}`;
};
const BY_IDS = sql("ids");
const BY_RANGE = sql("range");

type Row = { id: number; code: string; tags: string[] | null; available_real: number; units24h: number; units7d: number };
const toInput = (x: Row): PublishInput => ({ id: x.id, code: x.code, tags: x.tags ?? [], availableReal: x.available_real, units24h: x.units24h, units7d: x.units7d });

/** The inputs of these SKUs (each once; unknown ids are left out; in no particular order). */
export async function loadPublishInputs(db: pg.Pool | pg.PoolClient, ids: readonly number[]): Promise<PublishInput[]> {
  if (ids.length === 0) return [];
  const r = await db.query<Row>({ name: "publish-inputs-ids", text: BY_IDS, values: [ids] });
  return r.rows.map(toInput);
}

/** The inputs of every SKU whose id is in [from, to]. */
export async function loadPublishInputsInRange(db: pg.Pool | pg.PoolClient, from: number, to: number): Promise<PublishInput[]> {
  const r = await db.query<Row>({ name: "publish-inputs-range", text: BY_RANGE, values: [from, to] });
  return r.rows.map(toInput);
}

/** Sorted ids that (nearly) fill their range, as a full recompute's chunks do: read them as a range. */
export const isDense = (sorted: readonly number[]): boolean => sorted.length > 0 && sorted[sorted.length - 1] - sorted[0] + 1 <= 2 * sorted.length;

/** loadPublishInputs for ids sorted ascending (no duplicates): as an id range when they are dense, else by the list. */
export async function loadPublishInputsSorted(db: pg.Pool | pg.PoolClient, sorted: readonly number[]): Promise<PublishInput[]> {
  if (!isDense(sorted)) return loadPublishInputs(db, sorted);
  const from = sorted[0];
  const to = sorted[sorted.length - 1];
  const inputs = await loadPublishInputsInRange(db, from, to);
  if (to - from + 1 === sorted.length) return inputs; // every id in the range
  const wanted = new Set(sorted);
  return inputs.filter((s) => wanted.has(s.id));
}
