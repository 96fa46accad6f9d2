import "server-only";
import type pg from "pg";
import { heldLongEnough, lagBreach, lowCover, returnsSpike, signatureFailures, staleLocation, stockoutListed, varianceBreach } from "@/lib/alerts/conditions";
import type { AlertKind } from "@/lib/alerts/kinds";
import type { AlertSettings } from "@/lib/alerts/settings";
import type { AlertSubject } from "@/lib/alerts/subject";
import { readCoverInputs } from "./read-cover-inputs";

// Where each kind's condition is read from (docs/ALERTS.md): SQL gathers the numbers, lib/alerts
// decides. A hit is a subject whose condition holds now, with what it measured.

export interface AlertHit {
  subject: AlertSubject;
  value: Record<string, unknown>;
}

type Db = Pick<pg.PoolClient, "query">;
/** SKU ids to look at, or null for every SKU. */
type SkuScope = number[] | null;
const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function findAlertHits(db: Db, kind: AlertKind, s: AlertSettings, skus: SkuScope, nowMs: number): Promise<AlertHit[]> {
  switch (kind) {
    case "stockout_listed":
      return stockoutListedHits(db);
    case "low_cover":
      return lowCoverHits(db, s.low_cover.safetyDays, skus);
    case "returns_spike":
      return returnsSpikeHits(db, s.returns_spike, skus);
    case "lag_sla":
      return lagHits(db, s.lag_sla);
    case "stale_location":
      return staleHits(db, s.stale_location.quietSeconds, nowMs);
    case "variance":
      return varianceHits(db, s.variance, skus);
    case "drift":
      return driftHits(db, s.drift.olderThanSeconds, nowMs);
    case "unmapped":
      return unmappedHits(db, s.unmapped.waitingSeconds, nowMs);
    case "signature_failures":
      return signatureHits(db, s.signature_failures);
    case "push_failing":
      return pushFailingHits(db);
  }
}

/** Channels whose last acknowledged number is > 0 for a SKU with nothing sellable anywhere. */
async function stockoutListedHits(db: Db): Promise<AlertHit[]> {
  const r = await db.query<{ sku_id: number; channel_id: number; acked_quantity: number; acked_at: Date | null }>(
    `SELECT op.sku_id, op.channel_id, op.acked_quantity, op.acked_at
       FROM outbound_push op
      WHERE op.acked_quantity > 0
        AND NOT EXISTS (SELECT 1 FROM stock_level sl JOIN location l ON l.id = sl.location_id
                         WHERE sl.sku_id = op.sku_id AND l.sellable AND sl.available > 0)`,
  );
  return r.rows
    .filter((x) => stockoutListed(0, x.acked_quantity))
    .map((x) => ({ subject: { skuId: x.sku_id, channelId: x.channel_id }, value: { availableReal: 0, acknowledged: x.acked_quantity, acknowledgedAt: iso(x.acked_at) } }));
}

/** Cover below lead time + safety days, with the reorder suggestion. Only SKUs that sold in 7 days can be low. */
async function lowCoverHits(db: Db, safetyDays: number, skus: SkuScope): Promise<AlertHit[]> {
  const hits: AlertHit[] = [];
  for (const x of await readCoverInputs(db, skus, { unsold: false })) {
    const low = lowCover({ ...x, safetyDays });
    if (low) hits.push({ subject: { skuId: x.skuId }, value: { ...low, availableReal: x.availableReal, incoming: x.incoming, leadTimeDays: x.leadTimeDays, safetyDays } });
  }
  return hits;
}

async function returnsSpikeHits(db: Db, s: AlertSettings["returns_spike"], skus: SkuScope): Promise<AlertHit[]> {
  // Every SKU: only those with a return received lately can spike (the ledger's received_at index).
  const ids =
    skus ??
    (await db.query<{ sku_id: number }>("SELECT DISTINCT sku_id FROM event WHERE type = 'return.received' AND received_at > now() - make_interval(secs => $1)", [s.windowSeconds + 86_400])).rows.map(
      (x) => x.sku_id,
    );
  if (ids.length === 0) return [];
  // The window first (a day of each SKU's events): only a SKU with ≥ minUnits returns in it can
  // spike, so the 28-day baseline is read for those few alone.
  const recent = await db.query<{ sku_id: number; recent: number }>(
    `SELECT sku_id, SUM(quantity)::float8 AS recent FROM event
      WHERE sku_id = ANY($1) AND type = 'return.received' AND occurred_at > now() - make_interval(secs => $2)
      GROUP BY sku_id HAVING SUM(quantity) >= $3`,
    [ids, s.windowSeconds, s.minUnits],
  );
  if (recent.rows.length === 0) return [];
  const baseline = await db.query<{ sku_id: number; baseline: number }>(
    `SELECT sku_id, SUM(quantity)::float8 AS baseline FROM event
      WHERE sku_id = ANY($1) AND type = 'return.received'
        AND occurred_at <= now() - make_interval(secs => $2) AND occurred_at > now() - make_interval(secs => $2) - make_interval(days => $3)
      GROUP BY sku_id`,
    [recent.rows.map((x) => x.sku_id), s.windowSeconds, s.baselineDays],
  );
  const before = new Map(baseline.rows.map((x) => [x.sku_id, x.baseline]));
  return recent.rows
    .map((x) => ({ sku_id: x.sku_id, recent: x.recent, baseline: before.get(x.sku_id) ?? 0 }))
    .filter((x) => returnsSpike({ recentUnits: x.recent, baselineUnits: x.baseline }, s))
    .map((x) => ({ subject: { skuId: x.sku_id }, value: { units: x.recent, baselineUnits: x.baseline, dailyRate: x.baseline / s.baselineDays, windowSeconds: s.windowSeconds } }));
}

/** Ingest p95 per source (Onepool's own count workflow excluded: its occurredAt is when a line was counted, not sent) and end-to-end p95 per channel. */
async function lagHits(db: Db, s: AlertSettings["lag_sla"]): Promise<AlertHit[]> {
  const ingest = await db.query<{ source: string; p95: number; n: number }>(
    `SELECT source, percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM received_at - occurred_at) * 1000)::float8 AS p95, count(*)::int AS n
       FROM event WHERE received_at > now() - make_interval(secs => $1) AND source NOT LIKE 'onepool-%'
      GROUP BY source`,
    [s.windowSeconds],
  );
  const e2e = await db.query<{ channel_id: number; p95: number; n: number }>(
    `SELECT channel_id, percentile_cont(0.95) WITHIN GROUP (ORDER BY lag_ms)::float8 AS p95, count(*)::int AS n
       FROM outbound_ack WHERE acked_at > now() - make_interval(secs => $1) AND lag_ms IS NOT NULL
      GROUP BY channel_id`,
    [s.windowSeconds],
  );
  const value = (lag: string, p95: number, sla: number, n: number) => ({ lag, p95Ms: Math.round(p95), slaSeconds: sla, windowSeconds: s.windowSeconds, samples: n });
  return [
    ...ingest.rows.filter((x) => lagBreach(x.p95, s.ingestP95Seconds)).map((x) => ({ subject: { source: x.source }, value: value("ingest", x.p95, s.ingestP95Seconds, x.n) })),
    ...e2e.rows.filter((x) => lagBreach(x.p95, s.endToEndP95Seconds)).map((x) => ({ subject: { channelId: x.channel_id }, value: value("end_to_end", x.p95, s.endToEndP95Seconds, x.n) })),
  ];
}

/** No event and no count at a location: its latest, or since it was created when it never had one. */
async function staleHits(db: Db, quietSeconds: number, nowMs: number): Promise<AlertHit[]> {
  const r = await db.query<{ id: number; last_activity: Date | null; created_at: Date }>(
    `SELECT l.id, l.created_at, GREATEST(MAX(sl.last_event_at), MAX(sl.last_count_at)) AS last_activity
       FROM location l LEFT JOIN stock_level sl ON sl.location_id = l.id GROUP BY l.id`,
  );
  return r.rows
    .filter((x) => staleLocation((x.last_activity ?? x.created_at).getTime(), nowMs, quietSeconds))
    .map((x) => ({ subject: { locationId: x.id }, value: { lastActivityAt: iso(x.last_activity), quietSeconds } }));
}

/** The latest counted line of each (SKU, location) in the look-back: an alert while it is over the threshold (a recount that agrees clears it). */
async function varianceHits(db: Db, s: AlertSettings["variance"], skus: SkuScope): Promise<AlertHit[]> {
  const r = await db.query<{ sku_id: number; location_id: number; seq: string; source: string; system: number; counted: number; variance: number; occurred_at: Date }>(
    `SELECT DISTINCT ON (cl.sku_id, cl.location_id) cl.sku_id, cl.location_id, cl.seq::text, cl.source, cl.system, cl.counted, cl.variance, cl.occurred_at
       FROM counted_line cl
      WHERE cl.occurred_at > now() - make_interval(days => $2) AND ($1::int[] IS NULL OR cl.sku_id = ANY($1))
      ORDER BY cl.sku_id, cl.location_id, cl.occurred_at DESC, cl.seq DESC`,
    [skus, s.lookbackDays],
  );
  return r.rows
    .filter((x) => varianceBreach(x.system, x.variance, s))
    .map((x) => ({
      subject: { skuId: x.sku_id, locationId: x.location_id },
      value: { system: x.system, counted: x.counted, variance: x.variance, countedAt: iso(x.occurred_at), source: x.source, seq: x.seq },
    }));
}

async function driftHits(db: Db, olderThanSeconds: number, nowMs: number): Promise<AlertHit[]> {
  const r = await db.query<{ source: string; sku_id: number; location_id: number; bucket: string; drift: number; pool: number; reported: number; since: Date; at: Date }>(
    "SELECT source, sku_id, location_id, bucket, drift, pool, reported, since, at FROM drift_state WHERE since IS NOT NULL AND drift <> 0",
  );
  return r.rows
    .filter((x) => heldLongEnough(x.since.getTime(), nowMs, olderThanSeconds))
    .map((x) => ({
      subject: { source: x.source, skuId: x.sku_id, locationId: x.location_id },
      value: { bucket: x.bucket, drift: x.drift, pool: x.pool, reported: x.reported, since: iso(x.since), at: iso(x.at) },
    }));
}

async function unmappedHits(db: Db, waitingSeconds: number, nowMs: number): Promise<AlertHit[]> {
  const r = await db.query<{ channel: string; external_id: string; events: number; since: Date }>(
    "SELECT channel, external_id, count(*)::int AS events, min(received_at) AS since FROM unmapped_event WHERE resolved_at IS NULL GROUP BY channel, external_id",
  );
  return r.rows
    .filter((x) => heldLongEnough(x.since.getTime(), nowMs, waitingSeconds))
    .map((x) => ({ subject: { listing: { channel: x.channel, externalId: x.external_id } }, value: { events: x.events, since: iso(x.since) } }));
}

/** Deliveries refused as unverified (bad or missing signature) per registered source, in the window. */
async function signatureHits(db: Db, s: AlertSettings["signature_failures"]): Promise<AlertHit[]> {
  const r = await db.query<{ source: string; refused: number; last_reason: string | null }>(
    `SELECT source, count(*)::int AS refused, (array_agg(reason ORDER BY received_at DESC))[1] AS last_reason
       FROM webhook_delivery WHERE outcome = 'unauthorized' AND received_at > now() - make_interval(secs => $1) GROUP BY source`,
    [s.windowSeconds],
  );
  return r.rows
    .filter((x) => signatureFailures(x.refused, s))
    .map((x) => ({ subject: { source: x.source }, value: { refused: x.refused, windowSeconds: s.windowSeconds, lastReason: x.last_reason } }));
}

async function pushFailingHits(db: Db): Promise<AlertHit[]> {
  const r = await db.query<{ channel_id: number; failing_since: Date; failing_reason: string | null }>(
    "SELECT channel_id, failing_since, failing_reason FROM channel_outbound WHERE failing_since IS NOT NULL",
  );
  return r.rows.map((x) => ({ subject: { channelId: x.channel_id }, value: { since: iso(x.failing_since), reason: x.failing_reason } }));
}
