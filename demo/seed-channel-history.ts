import "server-only";
import type pg from "pg";
import { velocityRate } from "@/lib/metrics/velocity";
import { applyEvent, locationsTouched } from "@/lib/quantity/apply-event";
import { compareEvents } from "@/lib/quantity/event-order";
import { foldLevel } from "@/lib/quantity/fold-level";
import { availableOf } from "@/lib/quantity/level-math";
import { emptyLevel, type LevelState, type StockEvent, type TrustedSources } from "@/lib/quantity/types";
import { LEDGER_COLUMNS, ledgerRowToEvent, type LedgerRow } from "@/server/projection/level-rows";
import { loadAllocationContext, publishedNumbersFor, type AllocationContext } from "@/server/queries/load-allocation-context";
import type { ChannelOutage } from "./history-book";
import { createRng, hashString } from "./random";
import { DEMO_CHANNEL_PROFILES } from "./sim-channels";
import { HOUR_MS as HOUR } from "@/lib/time/durations";

// The demo's history is ingested in one go, long after it "happened", so the live publisher and
// outbound sender never saw it: published_history and outbound_ack would start at the seed. The
// oversell engine (docs/OVERSELLS.md) and the scorecard's end-to-end lag read those two tables at past
// instants, so the seed writes them as the live system would have: each SKU's numbers recomputed
// (publishedNumbersFor, the publisher's own computation) after every instant at which Onepool
// received an event of it, from what it knew then (the fold of the events received so far), and
// each changed number acknowledged by the channel after its push, except while it was failing.

const BATCH_SKUS = 100;
const INSERT_ROWS = 20_000;
/** The publisher's pass after the commit that brought the event. */
const PUBLISH_AFTER_MS = 150;
/** Retries while a channel fails (the outbound sender's backoff, roughly). */
const RETRY_EVERY_MS = 5 * 60_000;

interface Change {
  at: number;
  occurredAt: number;
  quantity: number;
}
interface LoadedEvent {
  e: StockEvent;
  receivedAt: number;
}

export interface ChannelHistorySummary {
  published: number;
  acks: number;
  ms: number;
}

/** Write the published numbers and acknowledgements of the seeded history (its events are in the ledger). */
export async function seedChannelHistory(pool: pg.Pool, outages: readonly ChannelOutage[]): Promise<ChannelHistorySummary> {
  const started = Date.now();
  // An answer still to come is the live sender's to record.
  const wallNow = started;
  const ctx = await loadAllocationContext(pool);
  const [skus, locations, listings] = await Promise.all([
    pool.query<{ id: number; code: string; tags: string[] }>("SELECT id, code, tags FROM sku ORDER BY id"),
    pool.query<{ id: number; sellable: boolean; trusted_sources: string[] }>("SELECT id, sellable, trusted_sources FROM location"),
    pool.query<{ sku_id: number; channel_id: number }>("SELECT DISTINCT sku_id, channel_id FROM listing"),
  ]);
  const locs = new Map(locations.rows.map((l) => [String(l.id), { sellable: l.sellable, trusted: l.trusted_sources }]));
  const listed = new Set(listings.rows.map((l) => `${l.sku_id}:${l.channel_id}`));
  const pushed = new Set(Object.keys(DEMO_CHANNEL_PROFILES));

  let pub = emptyCols();
  let ack = emptyAckCols();
  let published = 0;
  let acks = 0;
  // One insert in flight while the next SKUs are computed (Postgres writes, this process folds).
  let writing: Promise<void> = Promise.resolve();
  const flush = async (force: boolean) => {
    const p = pub.sku.length >= INSERT_ROWS || (force && pub.sku.length) ? pub : null;
    const a = ack.sku.length >= INSERT_ROWS || (force && ack.sku.length) ? ack : null;
    if (!p && !a) return;
    if (p) pub = emptyCols();
    if (a) ack = emptyAckCols();
    await writing;
    writing = (async () => {
      if (p) published += await insertPublished(pool, p);
      if (a) acks += await insertAcks(pool, a);
    })();
    writing.catch(() => {}); // awaited by the next flush or at the end
  };

  const ids = skus.rows.map((s) => s.id);
  for (let i = 0; i < ids.length; i += BATCH_SKUS) {
    const batch = skus.rows.slice(i, i + BATCH_SKUS);
    const ledgers = await loadLedgers(
      pool,
      batch.map((s) => s.id),
    );
    for (const sku of batch) {
      const changes = numbersOverTime(ctx, sku, ledgers.get(sku.id) ?? [], locs);
      ctx.channels.forEach((ch, c) => {
        if (!listed.has(`${sku.id}:${ch.id}`)) return;
        for (const x of changes[c]) {
          pub.sku.push(sku.id);
          pub.channel.push(ch.id);
          pub.quantity.push(x.quantity);
          pub.at.push(new Date(x.at));
        }
        if (pushed.has(ch.code))
          acknowledge(
            ack,
            sku.id,
            ch.id,
            ch.code,
            changes[c],
            outages.filter((o) => o.channel === ch.code),
            wallNow,
          );
      });
    }
    await flush(false);
  }
  await flush(true);
  await writing;
  return { published, acks, ms: Date.now() - started };
}

/**
 * Each channel's published number (ctx.channels order) after every instant at which Onepool received
 * an event of the SKU, as it knew the SKU then: per location the fold of the events received so far
 * (applied one by one while they arrive in fold order; refolded when one arrives late). Velocity
 * counts the orders that occurred in the 24 h and 7 days before (as the hourly rollup would).
 */
function numbersOverTime(ctx: AllocationContext, sku: { code: string; tags: string[] }, ledger: LoadedEvent[], locs: Map<string, { sellable: boolean; trusted: TrustedSources }>): Change[][] {
  const out: Change[][] = ctx.channels.map(() => []);
  const last: (number | null)[] = ctx.channels.map(() => null);
  const byArrival = [...ledger].sort((a, b) => a.receivedAt - b.receivedAt);
  const sales = ledger.filter((x) => x.e.type === "order.placed" || x.e.type === "order.cancelled").sort((a, b) => a.e.occurredAt - b.e.occurredAt);
  const times = sales.map((x) => x.e.occurredAt);
  const prefix = [0];
  for (const x of sales) prefix.push(prefix[prefix.length - 1] + (x.e.type === "order.placed" ? x.e.quantity : -x.e.quantity));
  const unitsUpTo = (t: number) => prefix[upperBound(times, t)];

  const levels = new Map<string, { state: LevelState; applied: StockEvent[] }>();
  const numbers = { published: [] as number[], pauseIds: [] as (number | null)[] };
  for (let i = 0; i < byArrival.length; i++) {
    const { e, receivedAt } = byArrival[i];
    for (const loc of locationsTouched(e)) {
      const info = locs.get(loc);
      if (!info) continue;
      let l = levels.get(loc);
      if (!l) levels.set(loc, (l = { state: emptyLevel(), applied: [] }));
      const prev = l.applied[l.applied.length - 1];
      l.applied.push(e);
      if (prev === undefined || compareEvents(prev, e, info.trusted) < 0) l.state = applyEvent(l.state, e, loc, info.trusted).state;
      else {
        l.applied.sort((a, b) => compareEvents(a, b, info.trusted));
        l.state = foldLevel(l.applied, loc, info.trusted).state;
      }
    }
    // One publisher pass per arrival instant.
    if (i + 1 < byArrival.length && byArrival[i + 1].receivedAt === receivedAt) continue;
    let real = 0;
    for (const [loc, l] of levels) if (locs.get(loc)?.sellable) real += Math.max(0, availableOf(l.state));
    const now = receivedAt;
    const velocity = velocityRate({ units24h: unitsUpTo(now) - unitsUpTo(now - 24 * HOUR), units7d: unitsUpTo(now) - unitsUpTo(now - 168 * HOUR) });
    publishedNumbersFor(ctx, sku, real, velocity, numbers);
    numbers.published.forEach((q, c) => {
      if (q === last[c]) return;
      last[c] = q;
      out[c].push({ at: receivedAt + PUBLISH_AFTER_MS, occurredAt: e.occurredAt, quantity: q });
    });
  }
  return out;
}

/**
 * The channel's acknowledgements of its numbers: each push answered after the channel's usual delay;
 * a number that changes again before its push goes out is coalesced into the newer one (the outbox
 * keeps one row per SKU); while the channel fails, nothing is acknowledged and the latest number
 * goes through when it is back, after some retries.
 */
function acknowledge(out: AckCols, skuId: number, channelId: number, code: string, changes: readonly Change[], outages: readonly ChannelOutage[], wallNow: number): void {
  const profile = DEMO_CHANNEL_PROFILES[code];
  const rng = createRng(hashString(`${skuId}:${code}`));
  let freeAt = -Infinity;
  let sequence = 0;
  for (let i = 0; i < changes.length; ) {
    let sendAt = Math.max(changes[i].at, freeAt);
    let attempts = 1;
    const down = outages.find((o) => o.from <= sendAt && sendAt < o.to);
    if (down) {
      attempts += Math.ceil((down.to - sendAt) / RETRY_EVERY_MS);
      sendAt = down.to;
    }
    // Everything that changed before the push went out rides on it; lag counts from the first change.
    let j = i;
    while (j + 1 < changes.length && changes[j + 1].at <= sendAt) j++;
    sequence += j - i + 1;
    const ackedAt = sendAt + Math.round(profile.minMs + rng.next() * (profile.maxMs - profile.minMs));
    if (ackedAt > wallNow) return;
    const occurredAt = changes[i].occurredAt;
    out.channel.push(channelId);
    out.sku.push(skuId);
    out.sequence.push(sequence);
    out.quantity.push(changes[j].quantity);
    out.attempts.push(attempts);
    out.occurredAt.push(new Date(occurredAt));
    out.ackedAt.push(new Date(ackedAt));
    out.lagMs.push(Math.max(0, ackedAt - occurredAt));
    freeAt = ackedAt;
    i = j + 1;
  }
}

function upperBound(xs: readonly number[], t: number): number {
  let lo = 0,
    hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

async function loadLedgers(pool: pg.Pool, skuIds: readonly number[]): Promise<Map<number, LoadedEvent[]>> {
  const r = await pool.query<LedgerRow & { received_at: Date }>(
    `SELECT ${LEDGER_COLUMNS}, e.received_at FROM event e WHERE e.sku_id = ANY($1::int[]) AND e.type NOT IN ('order.delivered', 'asn', 'po')`,
    [skuIds],
  );
  const out = new Map<number, LoadedEvent[]>();
  for (const row of r.rows) {
    let list = out.get(row.sku_id);
    if (!list) out.set(row.sku_id, (list = []));
    list.push({ e: ledgerRowToEvent(row), receivedAt: row.received_at.getTime() });
  }
  return out;
}

interface Cols {
  sku: number[];
  channel: number[];
  quantity: number[];
  at: Date[];
}
interface AckCols {
  channel: number[];
  sku: number[];
  sequence: number[];
  quantity: number[];
  attempts: number[];
  occurredAt: Date[];
  ackedAt: Date[];
  lagMs: number[];
}
const emptyCols = (): Cols => ({ sku: [], channel: [], quantity: [], at: [] });
const emptyAckCols = (): AckCols => ({ channel: [], sku: [], sequence: [], quantity: [], attempts: [], occurredAt: [], ackedAt: [], lagMs: [] });

async function insertPublished(pool: pg.Pool, c: Cols): Promise<number> {
  const r = await pool.query("INSERT INTO published_history (sku_id, channel_id, quantity, at) SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::timestamptz[])", [
    c.sku,
    c.channel,
    c.quantity,
    c.at,
  ]);
  return r.rowCount ?? 0;
}

async function insertAcks(pool: pg.Pool, c: AckCols): Promise<number> {
  const r = await pool.query(
    `INSERT INTO outbound_ack (channel_id, sku_id, sequence, quantity, attempts, occurred_at, acked_at, lag_ms)
     SELECT * FROM unnest($1::int[], $2::int[], $3::bigint[], $4::int[], $5::int[], $6::timestamptz[], $7::timestamptz[], $8::int[])`,
    [c.channel, c.sku, c.sequence, c.quantity, c.attempts, c.occurredAt, c.ackedAt, c.lagMs],
  );
  return r.rowCount ?? 0;
}
