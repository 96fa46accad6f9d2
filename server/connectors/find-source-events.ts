import "server-only";
import type pg from "pg";

/**
 * What a translator may know of a source's past events (e.g. where an order line was committed):
 * ledger events, and events parked for an unknown listing (they apply once mapped).
 */
export async function findSourceEvents(pool: pg.Pool, source: string, ids: readonly string[]): Promise<Map<string, { location: string; quantity: number }>> {
  if (ids.length === 0) return new Map();
  const r = await pool.query<{ event_id: string; location: string; quantity: number }>(
    `SELECT e.event_id, l.code AS location, e.quantity FROM event e JOIN location l ON l.id = e.location_id
      WHERE e.source = $1 AND e.event_id = ANY($2::text[])
     UNION ALL
     SELECT u.event_id, u.body->>'location', (u.body->>'quantity')::int FROM unmapped_event u
      WHERE u.source = $1 AND u.event_id = ANY($2::text[]) AND u.resolved_at IS NULL`,
    [source, ids],
  );
  return new Map(r.rows.map((row) => [row.event_id, { location: row.location, quantity: row.quantity }]));
}
