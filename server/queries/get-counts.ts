import "server-only";
import type pg from "pg";

export interface CountSummary {
  id: string;
  location: string;
  status: string;
  blind: boolean;
  lines: number;
  expected: number;
  createdAt: string;
  createdBy: string;
}

/** Counts, newest first, optionally by status and location (GET /api/counts). */
export async function getCounts(pool: pg.Pool, filter: { status?: string; location?: string }): Promise<CountSummary[]> {
  const r = await pool.query<{ id: string; location: string; status: string; blind: boolean; lines: number; expected: number; created_at: Date; created_by: string }>(
    `SELECT c.id, l.code AS location, c.status, c.blind, c.created_at, c.created_by,
            COALESCE(cardinality(c.expected), 0) AS expected,
            (SELECT count(*)::int FROM stock_count_line cl WHERE cl.count_id = c.id) AS lines
       FROM stock_count c JOIN location l ON l.id = c.location_id
      WHERE ($1::text IS NULL OR c.status = $1) AND ($2::text IS NULL OR l.code = $2)
      ORDER BY c.created_at DESC, c.id LIMIT 500`,
    [filter.status ?? null, filter.location ?? null],
  );
  return r.rows.map((c) => ({
    id: c.id,
    location: c.location,
    status: c.status,
    blind: c.blind,
    lines: c.lines,
    expected: c.expected,
    createdAt: c.created_at.toISOString(),
    createdBy: c.created_by,
  }));
}
