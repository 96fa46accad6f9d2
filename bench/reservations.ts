import { createHash, randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { loadPublishInputs } from "@/server/publishing/load-publish-inputs";
import { LEVELS_SQL } from "@/server/projection/fold-into-projection";
import { CHECKOUT_CHANNEL } from "./checkout-setup";
import type { ReserveResult } from "./checkout-protocol";
import { dist, type Dist } from "./stats";

// The raw ceiling of (f): what Postgres alone does for a checkout hold, without HTTP or the
// server's JS — a plain pg transaction per hold with the same locks and row writes, from the bench
// process, at the concurrency the server can reach (its pool: it never has more transactions open
// than connections). Written into scratch copies of the ledger, stock and reservation tables (same
// columns, defaults, checks and indexes, no foreign keys; the stock rows of the phase's SKUs copied
// in; dropped after), so the real stock and the server's sweeper are untouched. Two variants:
//
// - "same statements": the 13 round trips of createReservation + writeBatch, in the same order
//   (BEGIN, key lock, key lookup, SKU lock, lapsed holds, stock rows FOR UPDATE, publish inputs,
//   ledger insert, create stock rows, lock stock rows, stock update, reservation insert, COMMIT);
//   the publish inputs are read from the real tables with the server's own query.
// - "minimal": the same locks and writes in the fewest round trips a hand-written transaction
//   needs: BEGIN; both advisory locks and the key lookup in one statement; the stock rows FOR
//   UPDATE (the hold is placed from them); ledger row, stock update and reservation row in one
//   statement; COMMIT — 5 round trips, 3 of them while the SKU is locked.
//
// One SKU (f1) is one transaction at a time, so its ceiling is 1 / (time the SKU lock is held):
// each transaction's lock-held time (from the SKU lock granted to COMMIT answered) is reported.

export type CeilingVariant = "same statements" | "minimal";

export interface ReservationCeiling {
  variant: CeilingVariant;
  connections: number;
  roundTrips: number;
  windowSeconds: number;
  committed: number;
  refused: number;
  /** BEGIN sent → COMMIT answered. */
  txLatency: Dist;
  /** SKU lock granted → COMMIT answered: one SKU's transactions cannot overlap this. */
  lockHeld: Dist;
  perSecond: number[];
}

/** What (f1)/(f2) report: the server's figures and the ceilings measured right after. */
export interface ReservationPhase {
  skus: number;
  concurrency: number;
  load: ReserveResult;
  ceilings: ReservationCeiling[];
}

/** A lock class of the ceiling's own, so it can never queue behind (or block) the server's SKU locks. */
const CEILING_LOCK_CLASS = 0x4f5a;
const RESERVATION_COLUMNS = "id, idempotency_key, request_hash, sku_id, channel_id, quantity, ttl_seconds, status, parts, published, created_at, expires_at, ended_at, order_id";

const SCRATCH = ["bench_res_event", "bench_res_stock", "bench_res_reservation"];

async function createScratch(pool: pg.Pool, skuIds: number[]): Promise<void> {
  await dropScratch(pool);
  await pool.query("CREATE TABLE bench_res_event (LIKE event INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
  // Its own sequence: the copied default would draw from the real ledger's.
  await pool.query("CREATE SEQUENCE bench_res_event_seq OWNED BY bench_res_event.seq");
  await pool.query("ALTER TABLE bench_res_event ALTER seq SET DEFAULT nextval('bench_res_event_seq')");
  await pool.query("CREATE TABLE bench_res_stock (LIKE stock_level INCLUDING ALL)");
  await pool.query("INSERT INTO bench_res_stock SELECT * FROM stock_level WHERE sku_id = ANY($1::int[])", [skuIds]);
  await pool.query("CREATE TABLE bench_res_reservation (LIKE reservation INCLUDING ALL)");
  await pool.query(`ANALYZE ${SCRATCH.join(", ")}`);
}

async function dropScratch(pool: pg.Pool): Promise<void> {
  await pool.query(`DROP TABLE IF EXISTS ${SCRATCH.join(", ")}`);
}

// The server's ledger insert (server/ingest/append-to-ledger.ts), stock-row creation, lock and update
// (server/projection/fold-into-projection.ts),
// on the scratch tables; named like the server's, so prepared once per connection as there.
const LEDGER_SQL = `INSERT INTO bench_res_event (source, event_id, type, sku_id, location_id, to_location_id, channel_id, quantity, occurred_at, received_at,
                        version, order_id, reservation_id, reference, reason, condition, bucket, expected_at, body)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::timestamptz[],
                          $10::timestamptz[], $11::bigint[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[],
                          $18::timestamptz[], $19::jsonb[])
     ON CONFLICT (source, event_id) DO NOTHING
     RETURNING seq, source, event_id`;
const CREATE_LEVELS_SQL = "INSERT INTO bench_res_stock (sku_id, location_id) SELECT * FROM unnest($1::int[], $2::int[]) ON CONFLICT DO NOTHING";
const LOCK_LEVELS_SQL = `SELECT sku_id, location_id, on_hand, committed, reserved, damaged, quality_control, safety_stock, incoming, version,
            last_seq, last_event_at, last_absolute_at, last_count_at
       FROM bench_res_stock WHERE (sku_id, location_id) IN (SELECT * FROM unnest($1::int[], $2::int[]))
      ORDER BY sku_id, location_id FOR UPDATE`;
const UPDATE_LEVELS_SQL = LEVELS_SQL.replace("UPDATE stock_level s", "UPDATE bench_res_stock s");
const INSERT_RESERVATION_SQL = `INSERT INTO bench_res_reservation (id, idempotency_key, request_hash, sku_id, channel_id, quantity, ttl_seconds, status, parts, published, created_by, created_at, expires_at, ended_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13, $14) RETURNING ${RESERVATION_COLUMNS}`;

// The minimal variant: both locks and the key lookup, then the stock rows, then every write at once.
const MIN_LOCKS_SQL = `SELECT pg_advisory_xact_lock(hashtextextended($1, 0)), pg_advisory_xact_lock($2::int, $3::int),
       EXISTS (SELECT 1 FROM bench_res_reservation WHERE idempotency_key = $4) AS replay`;
const MIN_LEVELS_SQL = "SELECT location_id, available FROM bench_res_stock WHERE sku_id = $1 AND location_id = ANY($2::int[]) ORDER BY location_id FOR UPDATE";
const MIN_WRITE_SQL = `WITH ev AS (
    INSERT INTO bench_res_event (source, event_id, type, sku_id, location_id, channel_id, quantity, occurred_at, received_at, reservation_id, body)
    VALUES ('onepool-reservations', $1, 'reservation.created', $2, $3, $4, $5, $6, $6, $7, $8::jsonb)
    ON CONFLICT (source, event_id) DO NOTHING RETURNING seq),
  st AS (
    UPDATE bench_res_stock SET reserved = reserved + $5, available = available - $5, version = version + 1,
           last_seq = GREATEST(last_seq, (SELECT seq FROM ev)), last_event_at = $6, updated_at = now()
     WHERE sku_id = $2 AND location_id = $3)
  INSERT INTO bench_res_reservation (id, idempotency_key, request_hash, sku_id, channel_id, quantity, ttl_seconds, status, parts, published, created_by, created_at, expires_at)
  VALUES ($7, $9, $10, $2, $4, $5, $11, 'active', $12::jsonb, $13, 'bench', $6, $14)`;

interface Sku {
  id: number;
  code: string;
}

/** The body the server stores for a hold's ledger event (same fields, so the same bytes to write). */
function holdBody(id: string, sku: string, location: string, quantity: number, at: Date): string {
  return JSON.stringify({
    id: `${id}:created:${location}`,
    source: "onepool-reservations",
    type: "reservation.created",
    sku,
    listing: null,
    location,
    toLocation: null,
    channel: CHECKOUT_CHANNEL,
    quantity,
    occurredAt: at.toISOString(),
    version: null,
    orderId: null,
    reservationId: id,
    reference: null,
    reason: null,
    condition: null,
    bucket: null,
    expectedAt: null,
    payload: null,
  });
}

async function oneHold(
  client: pg.PoolClient,
  variant: CeilingVariant,
  sku: Sku,
  ctx: { channelId: number; sellable: number[]; codeOf: Map<number, string> },
  key: string,
  quantity: number,
  ttlSeconds: number,
): Promise<{ ok: boolean; lockedAt: number }> {
  const id = `res_${randomBytes(15).toString("base64url")}`;
  const hash = createHash("sha256")
    .update(JSON.stringify([sku.code, CHECKOUT_CHANNEL, quantity, ttlSeconds]))
    .digest("hex");
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  await client.query("BEGIN");
  try {
    let lockedAt: number;
    let levels: { location_id: number; available: number }[];
    if (variant === "minimal") {
      await client.query({ name: "rc-min-locks", text: MIN_LOCKS_SQL, values: [`bench-ceiling-key:${key}`, CEILING_LOCK_CLASS, sku.id, key] });
      lockedAt = performance.now();
      levels = (await client.query<{ location_id: number; available: number }>({ name: "rc-min-levels", text: MIN_LEVELS_SQL, values: [sku.id, ctx.sellable] })).rows;
    } else {
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`bench-ceiling-key:${key}`]);
      await client.query(`SELECT ${RESERVATION_COLUMNS} FROM bench_res_reservation WHERE idempotency_key = $1`, [key]);
      await client.query("SELECT pg_advisory_xact_lock($1::int, $2::int)", [CEILING_LOCK_CLASS, sku.id]);
      lockedAt = performance.now();
      await client.query(`SELECT ${RESERVATION_COLUMNS} FROM bench_res_reservation WHERE sku_id = $1 AND status = 'active' AND expires_at <= $2 ORDER BY id FOR UPDATE SKIP LOCKED`, [sku.id, now]);
      levels = (
        await client.query<{ location_id: number; code: string; available: number }>(
          `SELECT sl.location_id, l.code, sl.available FROM bench_res_stock sl JOIN location l ON l.id = sl.location_id
            WHERE sl.sku_id = $1 AND l.sellable ORDER BY sl.location_id FOR UPDATE OF sl`,
          [sku.id],
        )
      ).rows;
      await loadPublishInputs(client, [sku.id]);
    }
    // The hold goes where the most is available (the server's placeHold, for a hold one location covers).
    const at = levels.reduce<{ location_id: number; available: number } | null>((best, l) => (l.available >= quantity && (!best || l.available > best.available) ? l : best), null);
    if (!at) {
      await client.query("COMMIT");
      return { ok: false, lockedAt };
    }
    const location = ctx.codeOf.get(at.location_id) ?? String(at.location_id);
    const body = holdBody(id, sku.code, location, quantity, now);
    const parts = JSON.stringify([{ location: at.location_id, quantity }]);
    const published = levels.reduce((s, l) => s + Math.max(0, l.available), 0);
    if (variant === "minimal") {
      await client.query({
        name: "rc-min-write",
        text: MIN_WRITE_SQL,
        values: [`${id}:created:${location}`, sku.id, at.location_id, ctx.channelId, quantity, now, id, body, key, hash, ttlSeconds, parts, published, expiresAt],
      });
    } else {
      await client.query({
        name: "rc-ledger",
        text: LEDGER_SQL,
        values: [
          ["onepool-reservations"],
          [`${id}:created:${location}`],
          ["reservation.created"],
          [sku.id],
          [at.location_id],
          [null],
          [ctx.channelId],
          [quantity],
          [now],
          [now],
          [null],
          [null],
          [id],
          [null],
          [null],
          [null],
          [null],
          [null],
          [body],
        ],
      });
      await client.query({ name: "rc-create-levels", text: CREATE_LEVELS_SQL, values: [[sku.id], [at.location_id]] });
      const row = (
        await client.query<{ on_hand: number; committed: number; reserved: number; damaged: number; quality_control: number; safety_stock: number; incoming: unknown; last_seq: string }>({
          name: "rc-lock-levels",
          text: LOCK_LEVELS_SQL,
          values: [[sku.id], [at.location_id]],
        })
      ).rows[0];
      const reserved = row.reserved + quantity;
      await client.query({
        name: "rc-update-levels",
        text: UPDATE_LEVELS_SQL,
        values: [
          [sku.id],
          [at.location_id],
          [row.on_hand],
          [row.committed],
          [reserved],
          [row.damaged],
          [row.quality_control],
          [row.safety_stock],
          [at.available - quantity],
          [JSON.stringify(row.incoming)],
          [0],
          [row.last_seq],
          [now],
          [null],
          [null],
        ],
      });
      await client.query(INSERT_RESERVATION_SQL, [id, key, hash, sku.id, ctx.channelId, quantity, ttlSeconds, "active", parts, published, "bench", now, expiresAt, null]);
    }
    await client.query("COMMIT");
    return { ok: true, lockedAt };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  }
}

async function runVariant(
  pool: pg.Pool,
  variant: CeilingVariant,
  skus: Sku[],
  ctx: { channelId: number; sellable: number[]; codeOf: Map<number, string> },
  opts: CeilingOptions,
): Promise<ReservationCeiling> {
  const start = performance.now();
  const winStart = start + opts.warmupSeconds * 1000;
  const winEnd = winStart + opts.seconds * 1000;
  const perSecond = new Array<number>(Math.ceil(opts.seconds)).fill(0);
  const tx: number[] = [];
  const held: number[] = [];
  let committed = 0;
  let refused = 0;
  let n = 0;
  let seed = opts.seed >>> 0;
  const pick = () => {
    // xorshift32: cheap, deterministic spread over the SKUs
    seed ^= seed << 13;
    seed >>>= 0;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    seed >>>= 0;
    return skus[seed % skus.length];
  };
  const worker = async () => {
    const client = await pool.connect();
    try {
      while (performance.now() < winEnd) {
        const sku = skus.length === 1 ? skus[0] : pick();
        const t0 = performance.now();
        const r = await oneHold(client, variant, sku, ctx, `${opts.prefix}-${variant === "minimal" ? "m" : "s"}-${n++}`, 1, opts.ttlSeconds);
        const t1 = performance.now();
        if (t1 < winStart || t1 >= winEnd) continue;
        if (!r.ok) {
          refused++;
          continue;
        }
        committed++;
        tx.push(t1 - t0);
        held.push(t1 - r.lockedAt);
        perSecond[Math.floor((t1 - winStart) / 1000)]++;
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, worker));
  return {
    variant,
    connections: opts.connections,
    roundTrips: variant === "minimal" ? 5 : 13,
    windowSeconds: opts.seconds,
    committed,
    refused,
    txLatency: dist(tx),
    lockHeld: dist(held),
    perSecond,
  };
}

export interface CeilingOptions {
  databaseUrl: string;
  skus: string[];
  connections: number;
  warmupSeconds: number;
  seconds: number;
  ttlSeconds: number;
  prefix: string;
  seed: number;
}

/** Both variants, one after the other, on fresh scratch copies of the phase's SKUs' stock rows. */
export async function runReservationCeilings(opts: CeilingOptions): Promise<ReservationCeiling[]> {
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.connections, options: "-c timezone=UTC" });
  try {
    const skus = (await pool.query<Sku>("SELECT id, code FROM sku WHERE code = ANY($1::text[]) ORDER BY id", [opts.skus])).rows;
    if (skus.length !== opts.skus.length) throw new Error(`ceiling: ${opts.skus.length - skus.length} of the phase's SKUs are not in the database`);
    const channel = (await pool.query<{ id: number }>("SELECT id FROM channel WHERE code = $1", [CHECKOUT_CHANNEL])).rows[0];
    if (!channel) throw new Error(`ceiling: no channel ${CHECKOUT_CHANNEL}`);
    const locations = (await pool.query<{ id: number; code: string }>("SELECT id, code FROM location WHERE sellable ORDER BY id")).rows;
    const ctx = { channelId: channel.id, sellable: locations.map((l) => l.id), codeOf: new Map(locations.map((l) => [l.id, l.code])) };
    await createScratch(
      pool,
      skus.map((s) => s.id),
    );
    try {
      const out: ReservationCeiling[] = [];
      for (const variant of ["same statements", "minimal"] as const) {
        await pool.query("CHECKPOINT").catch(() => {});
        out.push(await runVariant(pool, variant, skus, ctx, opts));
      }
      return out;
    } finally {
      await dropScratch(pool);
    }
  } finally {
    await pool.end();
  }
}
