import "server-only";
import type pg from "pg";
import { searchWords } from "@/lib/search/search-words";
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
  id: number; code: string; name: string; tags: string[]; lead_time_days: number;
  available_real: number; on_hand: number; incoming: number; last_seq: string; units24h: number; units7d: number;
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
// Words hold only letters and digits, never what the SQL side removes ([[:punct:][:space:]]).
const SEARCH_WHERE = `
   CROSS JOIN LATERAL (
     SELECT regexp_replace(lower(s.code || ' ' || s.name || ' ' || array_to_string(s.tags, ' ')), '[[:punct:][:space:]]+', '', 'g') AS text) hay
   WHERE NOT EXISTS (SELECT 1 FROM unnest($1::text[]) w WHERE position(w IN hay.text) = 0)`;

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
  const offset = decodeCursor(query.cursor);
  const limit = Math.min(Math.max(query.limit ?? 100, 1), 1000);
  const sort = query.sort ?? "code";
  if (sort === "code" || sort === "-code") return codePage(pool, query.q, sort === "-code", offset, limit, safetyDays);
  const rows = await getAllSkuRows(pool, query, safetyDays);
  const items = rows.slice(offset, offset + limit);
  return { items, nextCursor: offset + limit < rows.length ? encodeCursor(offset + limit) : null, total: rows.length };
}

/**
 * Sorted by code (the default), a page costs its own rows, not the whole catalogue's (review #13):
 * SQL picks the page's ids (byte order, like the JS sort), then only those rows are computed.
 */
async function codePage(pool: pg.Pool, q: string | undefined, desc: boolean, offset: number, limit: number, safetyDays: number) {
  const words = searchWords(q ?? "");
  const where = words.length ? SEARCH_WHERE : "";
  const params: unknown[] = words.length ? [words] : [];
  const n = params.length;
  const [ids, total] = await Promise.all([
    pool.query<{ id: number }>(`SELECT s.id FROM sku s ${where} ORDER BY s.code COLLATE "C" ${desc ? "DESC" : "ASC"} LIMIT $${n + 1} OFFSET $${n + 2}`, [...params, limit, offset]),
    pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM sku s ${where}`, params),
  ]);
  const items = await getSkuRowsByIds(pool, ids.rows.map((r) => r.id), safetyDays);
  sortRows(items, desc ? "-code" : "code");
  const count = total.rows[0].n;
  return { items, nextCursor: offset + limit < count ? encodeCursor(offset + limit) : null, total: count };
}

/** The rows of specific SKUs (live frames). */
export async function getSkuRowsByIds(pool: pg.Pool, ids: readonly number[], safetyDays: number): Promise<SkuRow[]> {
  if (ids.length === 0) return [];
  const base = await pool.query<BaseRow>(`${BASE_SQL} WHERE s.id = ANY($1::int[])`, [ids]);
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
      code: c.code, published: c.published ?? 0, paused: c.pause !== null,
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

// Offsets, opaque to clients: a few thousand SKUs are sorted in memory after computing numbers that
// SQL cannot sort on (published, cover). Persisted published numbers will allow keyset paging.
const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString("base64url");
export function decodeCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString());
  if (!m) throw new InvalidCursor();
  return Number(m[1]);
}
export class InvalidCursor extends Error {}
