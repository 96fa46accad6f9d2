import "server-only";
import type pg from "pg";
import { parseCanonicalEvent, type CanonicalEvent, type EventRejection } from "@/lib/events/parse-canonical-event";
import { eventRestriction, type EventScope, type TokenRestrictions } from "@/lib/auth/token-restrictions";
import type { ConnectorToken } from "@/server/auth/connector-tokens";
import type { Metrics } from "@/server/metrics/metrics";
import { CatalogCache } from "./catalog-cache";
import type { GroupCommitter } from "./group-commit";
import type { PendingEvent } from "./append-to-ledger";

export type EventResult =
  | { id: string | null; status: "accepted"; seq: string }
  | { id: string | null; status: "duplicate" }
  | { id: string | null; status: "unmapped" }
  | { id: string | null; status: "rejected"; error: EventRejection };

export interface IngestDeps {
  pool: pg.Pool;
  catalog: CatalogCache;
  committer: GroupCommitter;
  futureToleranceMs: number;
  /** GET /metrics: events by source and result, events per call. Absent in tools that ingest offline (seed). */
  metrics?: Metrics;
}

/** Where a batch came from when it is not a canonical POST: a provider webhook, kept whole for re-submission. */
export interface DeliveryOrigin {
  provider: string;
  topic: string | null;
  headers: Record<string, string>;
  raw: string;
}

export interface IngestContext {
  /** The connector token that sent the events, held to its limits; null for Onepool's own writes and webhooks. */
  token: ConnectorToken | null;
  receivedAt: Date;
  /** Per-event receipt times (replays of parked events keep when they first arrived); else `receivedAt`. */
  receivedAts?: readonly Date[];
  /** Events must carry this source (a webhook URL names its source). */
  source?: string;
  /** Set for webhooks: a rejection stores the delivery's raw body and headers, not the translated event. */
  origin?: DeliveryOrigin;
  /** false when re-submitting a stored rejection: a renewed failure updates that row instead. */
  recordRejected?: boolean;
}

type Resolved =
  | { kind: "pending"; pending: PendingEvent }
  | { kind: "unmapped"; event: CanonicalEvent; channel: string; externalId: string; body: string }
  | { kind: "rejected"; error: EventRejection };

/**
 * Validate, resolve and write canonical events (docs/QUANTITY-MODEL.md §4): each event ends accepted, duplicate,
 * unmapped (kept for a later mapping) or rejected (kept in the rejected log with its reason).
 * Accepted events are written by the group committer; this resolves only after they commit.
 */
export async function ingestEvents(deps: IngestDeps, raw: readonly unknown[], ctx: IngestContext): Promise<EventResult[]> {
  const metrics = deps.metrics;
  if (!metrics) return ingestAll(deps, raw, ctx);
  // Counted by the source the event names (a webhook's is its URL's), or its caller's answer is all they have.
  const sources = raw.map((item) => ctx.source ?? sourceOf(item) ?? NO_SOURCE);
  let results: EventResult[];
  try {
    results = await ingestAll(deps, raw, ctx);
  } catch (err) {
    // Nothing was stored and the sender gets a 503: every event of the call failed.
    metrics.recordIngest(
      sources,
      raw.map(() => "failed"),
    );
    throw err;
  }
  metrics.recordIngest(
    sources,
    results.map((r) => r.status),
  );
  return results;
}

/** The source label of an event that names none (or not as text). */
const NO_SOURCE = "(no source)";

function sourceOf(item: unknown): string | null {
  const v = item as { source?: unknown } | null;
  return v && typeof v === "object" && typeof v.source === "string" ? v.source.slice(0, 100) : null;
}

async function ingestAll(deps: IngestDeps, raw: readonly unknown[], ctx: IngestContext): Promise<EventResult[]> {
  const resolved: Resolved[] = [];
  for (let i = 0; i < raw.length; i++) resolved.push(await resolveOne(deps, raw[i], ctx, ctx.receivedAts?.[i] ?? ctx.receivedAt));

  const results: EventResult[] = new Array(raw.length);
  const pendingIdx: number[] = [];
  const rejected: { i: number; error: EventRejection }[] = [];
  const unmapped: { i: number; r: Extract<Resolved, { kind: "unmapped" }> }[] = [];
  resolved.forEach((r, i) => {
    if (r.kind === "pending") pendingIdx.push(i);
    else if (r.kind === "rejected") rejected.push({ i, error: r.error });
    else unmapped.push({ i, r });
  });

  const idOf = (i: number): string | null => {
    const v = raw[i] as { id?: unknown } | null;
    return v && typeof v === "object" && typeof v.id === "string" ? v.id : null;
  };

  // What the rejections log keeps of an event refused at validation or at write time.
  const rejection = ({ i, error }: { i: number; error: EventRejection }) => ({
    source: ctx.source ?? sourceOf(raw[i]),
    eventId: idOf(i),
    error,
    raw: ctx.origin?.raw ?? safeStringify(raw[i]),
    tokenId: ctx.token?.id ?? null,
    origin: ctx.origin,
  });

  const [outcomes] = await Promise.all([
    deps.committer.submit(pendingIdx.map((i) => (resolved[i] as Extract<Resolved, { kind: "pending" }>).pending)),
    recordRejections(deps.pool, ctx.recordRejected === false ? [] : rejected.map(rejection)),
    parkUnmapped(
      deps.pool,
      unmapped.map((u) => u.r),
    ).then((fresh) => unmapped.forEach((u, k) => (results[u.i] = { id: u.r.event.id, status: fresh[k] ? "unmapped" : "duplicate" }))),
  ]);
  const refused: { i: number; error: EventRejection }[] = [];
  pendingIdx.forEach((i, k) => {
    const o = outcomes[k];
    if (o.status === "rejected") refused.push({ i, error: o.error });
    results[i] =
      o.status === "accepted" ? { id: idOf(i), status: "accepted", seq: o.seq } : o.status === "rejected" ? { id: idOf(i), status: "rejected", error: o.error } : { id: idOf(i), status: "duplicate" };
  });
  // Refused at write time (a stored total out of range): logged like any other rejection.
  if (ctx.recordRejected !== false && refused.length > 0) {
    await recordRejections(deps.pool, refused.map(rejection));
  }
  for (const { i, error } of rejected) results[i] = { id: idOf(i), status: "rejected", error };
  return results;
}

/** A webhook source has no token, but it is still outside: Onepool's own sources and types stay refused. */
const NO_LIMITS: TokenRestrictions = { sources: [], eventTypes: [], locations: [] };

async function resolveOne(deps: IngestDeps, item: unknown, ctx: IngestContext, receivedAt: Date): Promise<Resolved> {
  // Before parsing, so a forbidden event is refused as forbidden, not as a transient-looking
  // problem (clock drift) that someone could re-submit later (review #8).
  const limits = ctx.token ?? (ctx.source !== undefined ? NO_LIMITS : null);
  if (limits && item !== null && typeof item === "object") {
    const refused = eventRestriction(limits, item as EventScope);
    if (refused) return { kind: "rejected", error: refused };
  }
  const parsed = parseCanonicalEvent(item, ctx.receivedAt, deps.futureToleranceMs);
  if (!parsed.ok) return { kind: "rejected", error: parsed.error };
  const e = parsed.event;
  // Again on what the parser made of it, so a parser that normalises a field cannot open a way round.
  const late = limits && eventRestriction(limits, e);
  if (late) return { kind: "rejected", error: late };
  if (ctx.source !== undefined && e.source !== ctx.source) {
    return { kind: "rejected", error: { code: "forbidden_source", message: `events sent to source "${ctx.source}" must carry source "${ctx.source}", not "${e.source}"`, field: "source" } };
  }

  const lookup = () => {
    const c = deps.catalog;
    const listingSku = e.listing ? c.listings.get(CatalogCache.listingKey(e.listing.channel, e.listing.externalId)) : undefined;
    return {
      sku: e.sku ? c.skus.get(e.sku) : undefined,
      listingSku,
      location: c.locations.get(e.location),
      toLocation: e.toLocation ? c.locations.get(e.toLocation) : undefined,
      channel: e.channel ? c.channels.get(e.channel) : e.listing ? c.channels.get(e.listing.channel) : undefined,
    };
  };
  let found = lookup();
  const missing = (f: typeof found) => (e.sku && !f.sku) || (e.listing && f.listingSku === undefined) || !f.location || (e.toLocation && !f.toLocation) || (e.channel && !f.channel);
  if (missing(found)) {
    await deps.catalog.refreshOnMiss();
    found = lookup();
  }

  const reject = (code: string, message: string, field: string): Resolved => ({ kind: "rejected", error: { code, message, field } });
  if (!found.location) return reject("unknown_location", `unknown location "${e.location}"`, "location");
  if (e.toLocation && !found.toLocation) return reject("unknown_location", `unknown toLocation "${e.toLocation}"`, "toLocation");
  if (e.channel && !found.channel) return reject("unknown_channel", `unknown channel "${e.channel}"`, "channel");
  if (e.sku && !found.sku) return reject("unknown_sku", `unknown sku "${e.sku}"`, "sku");

  let skuId = found.sku?.id;
  if (e.listing) {
    if (found.listingSku === undefined) {
      if (skuId === undefined) {
        return { kind: "unmapped", event: e, channel: e.listing.channel, externalId: e.listing.externalId, body: safeStringify(item) };
      }
    } else if (skuId !== undefined && skuId !== found.listingSku) {
      return reject("sku_listing_mismatch", `sku "${e.sku}" does not match the SKU mapped to listing ${e.listing.channel}/${e.listing.externalId}`, "listing");
    } else {
      skuId = found.listingSku;
    }
  }
  return {
    kind: "pending",
    pending: {
      canonical: e,
      skuId: skuId!,
      locationId: found.location.id,
      toLocationId: found.toLocation?.id ?? null,
      channelId: found.channel?.id ?? null,
      body: safeStringify(item),
      receivedAt,
    },
  };
}

const clean = <T extends string | null>(v: T): T => (v === null ? v : (v.replaceAll("\u0000", "\uFFFD") as T));

export async function recordRejections(
  pool: pg.Pool,
  rows: readonly { source: string | null; eventId: string | null; error: EventRejection; raw: string; tokenId: string | null; origin?: DeliveryOrigin }[],
): Promise<void> {
  if (rows.length === 0) return;
  await pool.query(
    `INSERT INTO rejected_event (source, event_id, code, message, raw, token_id, provider, topic, headers)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[])`,
    [
      rows.map((r) => clean(r.source)),
      rows.map((r) => clean(r.eventId?.slice(0, 200) ?? null)),
      rows.map((r) => clean(r.error.code)),
      rows.map((r) => clean(r.error.message)),
      // Postgres text cannot hold NUL bytes; the rejected body keeps everything else as received.
      // The topic comes from the payload too, and jsonb refuses a \u0000 escape as text refuses the byte.
      rows.map((r) => clean(r.raw)),
      rows.map((r) => r.tokenId),
      rows.map((r) => clean(r.origin?.provider ?? null)),
      rows.map((r) => clean(r.origin?.topic ?? null)),
      rows.map((r) => (r.origin ? JSON.stringify(r.origin.headers, (_, v: unknown) => (typeof v === "string" ? clean(v) : v)) : null)),
    ],
  );
}

/** Park events for unknown listings; returns, per event, whether it was new (false = a redelivery). */
async function parkUnmapped(pool: pg.Pool, items: readonly Extract<Resolved, { kind: "unmapped" }>[]): Promise<boolean[]> {
  if (items.length === 0) return [];
  const r = await pool.query<{ source: string; event_id: string }>(
    `INSERT INTO unmapped_event (source, event_id, channel, external_id, body)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[])
     ON CONFLICT (source, event_id) DO NOTHING RETURNING source, event_id`,
    [items.map((u) => u.event.source), items.map((u) => u.event.id), items.map((u) => u.channel), items.map((u) => u.externalId), items.map((u) => u.body)],
  );
  const fresh = new Set(r.rows.map((x) => `${x.source}\u0000${x.event_id}`));
  const seen = new Set<string>();
  return items.map((u) => {
    const k = `${u.event.source}\u0000${u.event.id}`;
    const isNew = fresh.has(k) && !seen.has(k);
    seen.add(k);
    return isNew;
  });
}

export function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v) ?? "null";
  } catch {
    return String(v);
  }
}
