import "server-only";
import type pg from "pg";

export interface UnmappedListing {
  channel: string;
  externalId: string;
  events: number;
  sources: string[];
  types: string[];
  firstAt: string;
  lastAt: string;
}

/** Listings that events named but the catalogue does not map, with what is parked for each (`GET /api/unmapped`). */
export async function getUnmapped(pool: pg.Pool, opts: { channel?: string; limit: number }): Promise<{ listings: UnmappedListing[]; totalEvents: number }> {
  const r = await pool.query<{ channel: string; external_id: string; events: number; sources: string[]; types: string[]; first_at: Date; last_at: Date }>(
    `SELECT channel, external_id, COUNT(*)::int AS events, array_agg(DISTINCT source) AS sources, array_agg(DISTINCT body->>'type') AS types,
            MIN(received_at) AS first_at, MAX(received_at) AS last_at
       FROM unmapped_event WHERE resolved_at IS NULL AND ($1::text IS NULL OR channel = $1)
      GROUP BY channel, external_id ORDER BY COUNT(*) DESC, MAX(received_at) DESC LIMIT $2`,
    [opts.channel ?? null, opts.limit],
  );
  const total = await pool.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM unmapped_event WHERE resolved_at IS NULL AND ($1::text IS NULL OR channel = $1)", [opts.channel ?? null]);
  return {
    totalEvents: total.rows[0].n,
    listings: r.rows.map((x) => ({
      channel: x.channel,
      externalId: x.external_id,
      events: x.events,
      sources: x.sources,
      types: x.types.filter(Boolean),
      firstAt: x.first_at.toISOString(),
      lastAt: x.last_at.toISOString(),
    })),
  };
}
