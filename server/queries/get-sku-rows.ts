import "server-only";
import type pg from "pg";
import { searchWords } from "@/lib/search/search-words";
import { drainSortKeys } from "@/server/projection/drain-sort-keys";
import { daysOfInventory, stockStatus, velocity24h, velocity7d, type StockStatus } from "@/lib/metrics/velocity";

export interface SkuRow {
  code: string;
  name: string;
  tags: string[];
  availableReal: number;
  onHand: number;
  incoming: number;
  velocity7d: number;
  velocity24h: number;
  daysOfInventory: number | null;
  status: StockStatus;
  /** The stored published numbers (server/publishing), every channel. */
  channels: ChannelNumber[];
  /** Highest ledger sequence reflected in this row: lets a client drop an older copy. */
  lastSeq: string;
}

export interface ChannelNumber {
  code: string;
  published: number;
  paused: boolean;
  pausedBy: { id: string; reason: string; by: string; until: string | null } | null;
}

export const SKU_SORTS = ["code", "-code", "name", "-name", "availableReal", "-availableReal", "daysOfInventory", "-daysOfInventory", "velocity", "-velocity"] as const;
export type SkuSort = (typeof SKU_SORTS)[number];

interface BaseRow {
  id: number;
  code: string;
  name: string;
  tags: string[];
  lead_time_days: number;
  available_real: number;
  on_hand: number;
  incoming: number;
  last_seq: string;
  units24h: number;
  units7d: number;
  channels: { code: string; published: number | null; pause: { id: string; reason: string; by: string; until: string | null } | null }[] | null;
}

// Stock and sales per SKU in one statement. A sales window of N hours is the current hour and the
// N − 1 before it (sales are rolled up per hour).
// Sums of 32-bit totals may pass 2^31: float8 holds them exactly (far below 2^53) and arrives as a JS number.
const BASE_SQL = `
  SELECT s.id, s.code, s.name, s.tags, s.lead_time_days,
         COALESCE(a.available_real, 0)::float8 AS available_real, COALESCE(a.on_hand, 0)::float8 AS on_hand,
         COALESCE(a.incoming, 0)::float8 AS incoming, COALESCE(a.last_seq, 0)::text AS last_seq,
         COALESCE(v.units24h, 0)::float8 AS units24h, COALESCE(v.units7d, 0)::float8 AS units7d, pub.channels
    FROM sku s
    LEFT JOIN LATERAL (
      SELECT SUM(GREATEST(0, sl.available)) FILTER (WHERE l.sellable) AS available_real,
             SUM(sl.on_hand) AS on_hand, SUM(sl.incoming_total) AS incoming, MAX(sl.last_seq) AS last_seq
        FROM stock_level sl JOIN location l ON l.id = sl.location_id
       WHERE sl.sku_id = s.id) a ON true
    LEFT JOIN LATERAL (
      SELECT SUM(h.units) FILTER (WHERE h.hour >= date_trunc('hour', now()) - interval '23 hours') AS units24h,
             SUM(h.units) AS units7d
        FROM sales_hourly h
       WHERE h.sku_id = s.id AND h.hour >= date_trunc('hour', now()) - interval '167 hours') v ON true
    LEFT JOIN LATERAL (
      SELECT json_agg(json_build_object(
               'code', c.code, 'published', pq.quantity,
               'pause', CASE WHEN p.id IS NULL THEN NULL ELSE json_build_object('id', p.id::text, 'reason', p.reason, 'by', p.created_by, 'until', p.until) END
             ) ORDER BY c.code) AS channels
        FROM channel c
        LEFT JOIN published_quantity pq ON pq.channel_id = c.id AND pq.sku_id = s.id
        LEFT JOIN pause p ON p.id = pq.pause_id) pub ON true`;

// Every word (lib/search) must occur in the code, name or tags, case and punctuation ignored. The
// text is searched with punctuation and spaces removed, so "kneebrace" also finds KNEE-BRACE-M-BLK.
// Words hold only letters and digits, never what the stored text drops ([[:punct:][:space:]]):
// sku.search_text, kept by a trigger (migration sku_search_text).
const SEARCH_WHERE = `
   WHERE NOT EXISTS (SELECT 1 FROM unnest($1::text[]) w WHERE position(w IN s.search_text) = 0)`;

export interface SkuRowQuery {
  q?: string;
  sort?: SkuSort;
  cursor?: string | null;
  limit?: number;
}

/** Every SKU matching `q` with its live numbers, sorted. */
export async function getAllSkuRows(pool: pg.Pool, query: Pick<SkuRowQuery, "q" | "sort">, safetyDays: number): Promise<SkuRow[]> {
  const words = searchWords(query.q ?? "");
  const base = await pool.query<BaseRow>(words.length ? BASE_SQL + SEARCH_WHERE : BASE_SQL, words.length ? [words] : []);
  const rows = base.rows.map((r) => toSkuRow(r, safetyDays));
  sortRows(rows, query.sort ?? "code");
  return rows;
}

/** A page of SKUs with their live numbers (GET /api/skus and the dashboard). */
export async function getSkuRows(pool: pg.Pool, query: SkuRowQuery, safetyDays: number): Promise<{ items: SkuRow[]; nextCursor: string | null; total: number }> {
  const limit = Math.min(Math.max(query.limit ?? 100, 1), 1000);
  const sort = query.sort ?? "code";
  const after = decodeCursor(query.cursor, sort);
  const desc = sort.startsWith("-");
  const key = SORT_KEYS[(desc ? sort.slice(1) : sort) as SortKey];
  const words = searchWords(query.q ?? "");
  const where = words.length ? SEARCH_WHERE : "";
  const params: unknown[] = words.length ? [words] : [];
  const keyset: unknown[] = after ? [after.key, after.code] : [];
  const n = params.length;
  const cmp = desc ? "<" : ">";
  const dir = desc ? "DESC" : "ASC";
  let pageSql: string;
  if (key.stored) {
    // Numeric sorts read the stored keys (sku_sort_key, migration sku_sort_key) by the index of their
    // (key, code bytes) order: the page is the next limit + 1 index entries, whatever the catalogue's
    // size (docs/PERFORMANCE.md#stock-list). The bound `key >= cursor` (<= descending) starts the scan.
    // The keys of SKUs written since the last drain are recomputed first (and the sales window moved).
    await drainSortKeys(pool);
    // With a search, the matches are found first (one scan of search_text) and only they are sorted:
    // walking the key's index and testing each SKU ran through nearly all of it for a narrow search.
    const keysetCond = after ? `AND k.${key.stored} ${cmp}= $${n + 1}::float8 AND (k.${key.stored} ${cmp} $${n + 1}::float8 OR k.code_key > convert_to($${n + 2}::text, 'UTF8'))` : "";
    const from = words.length ? `(SELECT s.id, s.code FROM sku s ${SEARCH_WHERE} OFFSET 0) s JOIN sku_sort_key k ON k.sku_id = s.id` : "sku_sort_key k JOIN sku s ON s.id = k.sku_id";
    pageSql = `
    SELECT k.sku_id AS id, s.code, k.${key.stored}::text AS key_text FROM ${from}
     WHERE true ${keysetCond}
     ORDER BY k.${key.stored} ${dir}, k.code_key LIMIT $${n + keyset.length + 1}`;
  } else {
    // Keyset paging (docs/PERFORMANCE.md#stock-list): SQL computes only the sort key of each SKU and
    // keeps the page after the cursor's (key, code) in a top-N sort; the page's full rows (numbers per
    // channel, pauses) are computed for those ids alone. No OFFSET: page 500 costs what page 1 does.
    // (The key leaves as key_text: ORDER BY key would otherwise sort the text alias, "11" before "3".)
    pageSql = `
    WITH k AS (SELECT s.id, s.code COLLATE "C" AS code, ${key.expr} AS key FROM sku s ${where})
    SELECT id, code, key::text AS key_text FROM k
     ${after ? `WHERE key ${cmp} $${n + 1}::${key.type} OR (key = $${n + 1}::${key.type} AND code > $${n + 2}::text COLLATE "C")` : ""}
     ORDER BY key ${dir}, code LIMIT $${n + keyset.length + 1}`;
  }
  const [ids, total] = await Promise.all([
    pool.query<{ id: number; code: string; key_text: string }>(pageSql, [...params, ...keyset, limit + 1]),
    pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM sku s ${where}`, params),
  ]);
  const page = ids.rows.slice(0, limit);
  const byId = new Map(
    (
      await getSkuRowsByIds(
        pool,
        page.map((r) => r.id),
        safetyDays,
      )
    ).map((r) => [r.code, r]),
  );
  const items = page.map((r) => byId.get(r.code)).filter((r): r is SkuRow => r !== undefined);
  const last = page.at(-1);
  return { items, nextCursor: ids.rows.length > limit && last ? encodeCursor(sort, last.key_text, last.code) : null, total: total.rows[0].n };
}

type SortKey = "code" | "name" | "availableReal" | "daysOfInventory" | "velocity";
/**
 * Each sort's key, equal to what toSkuRow shows (names compare lower-cased; velocity is the higher of
 * 24 h and the rounded 7-day rate; cover is rounded to 0.1 day, no sales = Infinity). Ties go by code
 * in byte order, ascending in both directions (as the list always did), so (key, code) is unique and
 * a cursor names one place. Text keys are computed here; the numeric ones are stored per SKU
 * (`stored`: the sku_sort_key column, recomputed by onepool_sku_sort_drain with the same arithmetic
 * as the SQL it replaced; code_key is the code's UTF-8 bytes, which compare as COLLATE "C" does).
 */
const SORT_KEYS: Record<SortKey, { expr: string; type: "text" | "float8"; stored?: string }> = {
  code: { expr: `s.code COLLATE "C"`, type: "text" },
  name: { expr: `lower(s.name) COLLATE "C"`, type: "text" },
  availableReal: { expr: "", type: "float8", stored: "available_real" },
  velocity: { expr: "", type: "float8", stored: "velocity" },
  daysOfInventory: { expr: "", type: "float8", stored: "days_of_inventory" },
};

// Named (prepared once per connection): the live hub reads rows by id on every flush, and planning
// this statement took longer than running it for a frame's rows (docs/PERFORMANCE.md, "Named statements").
const BY_IDS_SQL = `${BASE_SQL} WHERE s.id = ANY($1::int[])`;

/** The rows of specific SKUs (live frames). */
export async function getSkuRowsByIds(pool: pg.Pool, ids: readonly number[], safetyDays: number): Promise<SkuRow[]> {
  if (ids.length === 0) return [];
  const base = await pool.query<BaseRow>({ name: "sku-rows-by-ids", text: BY_IDS_SQL, values: [ids] });
  return base.rows.map((r) => toSkuRow(r, safetyDays));
}

function toSkuRow(r: BaseRow, safetyDays: number): SkuRow {
  const v = { units24h: r.units24h, units7d: r.units7d };
  const doi = daysOfInventory(r.available_real, v);
  return {
    code: r.code,
    name: r.name,
    tags: r.tags ?? [],
    availableReal: r.available_real,
    onHand: r.on_hand,
    incoming: r.incoming,
    velocity7d: round(velocity7d(v), 2),
    velocity24h: velocity24h(v),
    daysOfInventory: doi === null ? null : round(doi, 1),
    status: stockStatus(r.available_real, doi, r.lead_time_days, safetyDays),
    // A channel or SKU added a moment ago has no stored number until the publisher's pass: 0, never a guess.
    channels: (r.channels ?? []).map((c) => ({
      code: c.code,
      published: c.published ?? 0,
      paused: c.pause !== null,
      pausedBy: c.pause && { ...c.pause, until: c.pause.until && new Date(c.pause.until).toISOString() },
    })),
    lastSeq: r.last_seq,
  };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function sortRows(rows: SkuRow[], sort: SkuSort): void {
  const desc = sort.startsWith("-");
  const key = (desc ? sort.slice(1) : sort) as "code" | "name" | "availableReal" | "daysOfInventory" | "velocity";
  const val = (r: SkuRow): number | string => {
    if (key === "code") return r.code;
    if (key === "name") return r.name.toLowerCase();
    if (key === "availableReal") return r.availableReal;
    if (key === "velocity") return Math.max(r.velocity24h, r.velocity7d);
    return r.daysOfInventory ?? Number.POSITIVE_INFINITY; // no sales = infinite cover
  };
  rows.sort((a, b) => {
    const x = val(a);
    const y = val(b);
    const c = x < y ? -1 : x > y ? 1 : 0;
    return (desc ? -c : c) || (a.code < b.code ? -1 : 1);
  });
}

// Opaque to clients: the sort, and the (key, code) of the page's last row.
const encodeCursor = (sort: SkuSort, key: string, code: string) => Buffer.from(JSON.stringify([sort, key, code])).toString("base64url");
export function decodeCursor(cursor: string | null | undefined, sort: SkuSort): { key: string; code: string } | null {
  if (!cursor) return null;
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, "base64url").toString());
  } catch {
    throw new InvalidCursor();
  }
  // A cursor of another sort (or a hand-made one) would name a place in a different order.
  if (!Array.isArray(v) || v.length !== 3 || v[0] !== sort || typeof v[1] !== "string" || typeof v[2] !== "string") throw new InvalidCursor();
  if (SORT_KEYS[(sort.startsWith("-") ? sort.slice(1) : sort) as SortKey].type === "float8" && !/^(-?\d+(\.\d+)?(e[+-]?\d+)?|-?Infinity)$/.test(v[1])) throw new InvalidCursor();
  return { key: v[1], code: v[2] };
}
export class InvalidCursor extends Error {}
