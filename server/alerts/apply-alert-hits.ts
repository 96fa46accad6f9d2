import "server-only";
import type pg from "pg";
import { ALERT_KINDS, type AlertKind } from "@/lib/alerts/kinds";
import type { AlertSettings } from "@/lib/alerts/settings";
import { subjectKey } from "@/lib/alerts/subject";
import { inTransaction } from "@/server/db/in-transaction";
import { announceAlertChanges, type AlertChange, type AlertChangeKind } from "./announce-alert-change";
import { findAlertHits } from "./find-alert-hits";

// One kind's evaluation, in one transaction (docs/ALERTS.md, "Lifecycle"):
//   hits now → alert_condition (when each condition was first seen; cleared ones deleted)
//   held ≥ forSeconds → INSERT … ON CONFLICT DO NOTHING (opened) or UPDATE … WHERE state = 'resolved' (reopened)
//   open and no longer a hit → UPDATE … WHERE state = 'open' (resolved)
// Every instance may run it at once: an advisory lock per kind makes them take turns, and the
// unique (kind, subject_key) with conditional updates means a transition happens once whatever
// the timing, so each change is announced (pg_notify, on commit) and recorded in alert_event once.

export interface Evaluation {
  kind: AlertKind;
  /** Restrict to these SKUs (the SKU kinds after ingest), or null for every subject of the kind. */
  skus: number[] | null;
}

export async function evaluateKind(pool: pg.Pool, settings: AlertSettings, e: Evaluation): Promise<AlertChange[]> {
  const s = settings[e.kind];
  return inTransaction(pool, async (db) => {
    await db.query("SELECT pg_advisory_xact_lock(hashtext('onepool.alerts'), $1)", [ALERT_KINDS.indexOf(e.kind)]);
    const now = (await db.query<{ now: Date }>("SELECT now()")).rows[0].now;
    const hits = s.enabled ? await findAlertHits(db, e.kind, settings, e.skus, now.getTime()) : [];
    const keys = hits.map((h) => subjectKey(h.subject));
    // A SKU-scoped evaluation only clears what it looked at: subjects whose key starts with one of its SKUs.
    const scope = e.skus === null ? null : e.skus.map((id) => `sku:${id}`);

    const conditions = await db.query<{ subject_key: string; since: Date; due: boolean }>(
      `INSERT INTO alert_condition (kind, subject_key, since, last_seen_at)
       SELECT $1, k, now(), now() FROM unnest($2::text[]) k
       ON CONFLICT (kind, subject_key) DO UPDATE SET last_seen_at = now()
       RETURNING subject_key, since, since <= now() + interval '1 millisecond' - make_interval(secs => $3) AS due`,
      [e.kind, keys, s.forSeconds],
    );
    await db.query(
      `DELETE FROM alert_condition WHERE kind = $1 AND NOT (subject_key = ANY($2::text[]))
          AND ($3::text[] IS NULL OR split_part(subject_key, '/', 1) = ANY($3::text[]))`,
      [e.kind, keys, scope],
    );

    const since = new Map(conditions.rows.map((r) => [r.subject_key, r]));
    const due = hits.filter((_h, i) => since.get(keys[i])?.due);
    const dueKeys = due.map((h) => subjectKey(h.subject));
    const col = <T>(f: (h: (typeof hits)[number]) => T | undefined) => due.map((h) => f(h) ?? null);
    const changes: { id: string; change: AlertChangeKind }[] = [];

    if (due.length > 0) {
      const opened = await db.query<{ id: string }>(
        `INSERT INTO alert (kind, subject_key, sku_id, channel_id, location_id, source, listing_channel, listing_external_id, state, value, first_seen_at, last_seen_at, opened_at)
         SELECT $1, h.k, h.sku, h.channel, h.location, h.source, h.lc, h.le, 'open', h.v, h.since, now(), now()
           FROM unnest($2::text[], $3::int[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[], $9::jsonb[], $10::timestamptz[])
                AS h(k, sku, channel, location, source, lc, le, v, since)
         ON CONFLICT (kind, subject_key) DO NOTHING
         RETURNING id::text`,
        [
          e.kind,
          dueKeys,
          col((h) => h.subject.skuId),
          col((h) => h.subject.channelId),
          col((h) => h.subject.locationId),
          col((h) => h.subject.source),
          col((h) => h.subject.listing?.channel),
          col((h) => h.subject.listing?.externalId),
          due.map((h) => JSON.stringify(h.value)),
          dueKeys.map((k) => since.get(k)!.since),
        ],
      );
      for (const r of opened.rows) changes.push({ id: r.id, change: "opened" });
      // The same (kind, subject) again after it resolved: the same row opens again (one row per
      // kind and subject, docs/ALERTS.md), its acknowledgement cleared; alert_event keeps the earlier turns.
      const reopened = await db.query<{ id: string }>(
        `UPDATE alert a SET state = 'open', value = h.v, first_seen_at = h.since, last_seen_at = now(), opened_at = now(), resolved_at = NULL,
                openings = a.openings + 1, acknowledged_by = NULL, acknowledged_at = NULL
           FROM unnest($2::text[], $3::jsonb[], $4::timestamptz[]) AS h(k, v, since)
          WHERE a.kind = $1 AND a.subject_key = h.k AND a.state = 'resolved'
         RETURNING a.id::text`,
        [e.kind, dueKeys, due.map((h) => JSON.stringify(h.value)), dueKeys.map((k) => since.get(k)!.since)],
      );
      for (const r of reopened.rows) changes.push({ id: r.id, change: "reopened" });
    }
    // Still holding: what it measures now (e.g. the reorder suggestion follows the stock). Written
    // only when the value moved, or once a minute for last_seen_at: the after-ingest evaluations run
    // every second over every touched SKU, and rewriting hundreds of unchanged open rows each time
    // was most of the engine's cost per event (bench/alerts-cpu.ts).
    if (hits.length > 0) {
      await db.query(
        `UPDATE alert a SET last_seen_at = now(), value = h.v
           FROM unnest($2::text[], $3::jsonb[]) AS h(k, v)
          WHERE a.kind = $1 AND a.subject_key = h.k AND a.state = 'open'
            AND (a.value IS DISTINCT FROM h.v OR a.last_seen_at < now() - interval '1 minute')`,
        [e.kind, keys, hits.map((h) => JSON.stringify(h.value))],
      );
    }
    const resolved = await db.query<{ id: string }>(
      `UPDATE alert SET state = 'resolved', resolved_at = now()
        WHERE kind = $1 AND state = 'open' AND NOT (subject_key = ANY($2::text[]))
          AND ($3::text[] IS NULL OR split_part(subject_key, '/', 1) = ANY($3::text[]))
       RETURNING id::text`,
      [e.kind, keys, scope],
    );
    for (const r of resolved.rows) changes.push({ id: r.id, change: "resolved" });

    if (changes.length === 0) return [];
    await db.query(
      `INSERT INTO alert_event (alert_id, change, value)
       SELECT c.id, c.change, a.value FROM unnest($1::bigint[], $2::text[]) AS c(id, change) JOIN alert a ON a.id = c.id`,
      [changes.map((c) => c.id), changes.map((c) => c.change)],
    );
    return announceAlertChanges(db, changes);
  });
}
