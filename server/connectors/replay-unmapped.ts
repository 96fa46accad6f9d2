import "server-only";
import type pg from "pg";
import { ingestEvents, type IngestDeps } from "@/server/ingest/ingest-events";

const PAGE = 1000;

/**
 * Replay the events parked for listings that are now mapped (docs/CONNECTORS.md "Mapping"). Each keeps the
 * time it first arrived; the ledger's (source, id) uniqueness makes the replay apply exactly once,
 * even when two replays or a redelivery race it. A parked event leaves the list once it reached the
 * ledger (accepted or already there) or the rejected log.
 */
export async function replayUnmapped(deps: { pool: pg.Pool; ingest: IngestDeps }, listings: readonly { channel: string; externalId: string }[]) {
  const totals = { replayed: 0, accepted: 0, duplicates: 0, rejected: 0, stillUnmapped: 0 };
  if (listings.length === 0) return totals;
  let after = "0";
  for (;;) {
    const r = await deps.pool.query<{ id: string; body: unknown; received_at: Date }>(
      `SELECT u.id, u.body, u.received_at FROM unmapped_event u
         JOIN unnest($1::text[], $2::text[]) AS k(channel, external_id) ON k.channel = u.channel AND k.external_id = u.external_id
        WHERE u.resolved_at IS NULL AND u.id > $3 ORDER BY u.id LIMIT ${PAGE}`,
      [listings.map((l) => l.channel), listings.map((l) => l.externalId), after],
    );
    if (r.rows.length === 0) return totals;
    after = r.rows[r.rows.length - 1].id;
    const results = await ingestEvents(
      deps.ingest,
      r.rows.map((x) => x.body),
      {
        token: null,
        receivedAt: new Date(),
        receivedAts: r.rows.map((x) => x.received_at),
      },
    );
    // "duplicate" can also mean "still parked" (its listing was unmapped again meanwhile): only what
    // the ledger now holds, or what went to the rejected log, leaves the parking lot.
    const rejectedIds = r.rows.filter((_, i) => results[i].status === "rejected").map((x) => x.id);
    await deps.pool.query(
      `UPDATE unmapped_event u SET resolved_at = now()
        WHERE u.id = ANY($1::bigint[]) AND u.resolved_at IS NULL
          AND (u.id = ANY($2::bigint[]) OR EXISTS (SELECT 1 FROM event e WHERE e.source = u.source AND e.event_id = u.event_id))`,
      [r.rows.map((x) => x.id), rejectedIds],
    );
    totals.replayed += r.rows.length;
    for (const res of results) {
      if (res.status === "accepted") totals.accepted++;
      else if (res.status === "duplicate") totals.duplicates++;
      else if (res.status === "rejected") totals.rejected++;
      else totals.stillUnmapped++;
    }
  }
}
