import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { velocityRate } from "@/lib/metrics/velocity";
import { placeHold } from "@/lib/reservations/place-hold";
import { AdminError } from "@/server/http/admin-error";
import { writeBatch } from "@/server/ingest/write-batch";
import { loadPublishInputs } from "@/server/publishing/load-publish-inputs";
import { loadAllocationContext, publishedNumbersFor, type AllocationContext } from "@/server/queries/load-allocation-context";
import type { Rational } from "@/lib/allocation/rational";
import type { SkuRef } from "@/server/ingest/catalog-cache";
import { expireHolds } from "./expire-reservations";
import { holdEvents } from "./hold-events";
import { SKU_LOCK_CLASS, type ReservationDeps } from "./reservation-deps";
import { RESERVATION_COLUMNS, reservationView, type ReservationRow, type ReservationView } from "./reservation-row";

export const reservationInput = z
  .object({
    sku: z.string().trim().min(1).max(100),
    channel: z.string().trim().min(1).max(100),
    quantity: z.number().int("must be a whole number of units").min(1).max(1_000_000),
    ttlSeconds: z.number().int().min(1).max(86_400).default(900),
    idempotencyKey: z.string().trim().min(1).max(200),
  })
  .strict();
export type ReservationInput = z.infer<typeof reservationInput>;

export interface CreatedReservation {
  reservation: ReservationView;
  /** The key had been used with this body before: this is the first answer again. */
  replayed: boolean;
}

const requestHash = (i: ReservationInput) =>
  createHash("sha256")
    .update(JSON.stringify([i.sku, i.channel, i.quantity, i.ttlSeconds]))
    .digest("hex");
const newId = () => `res_${randomBytes(15).toString("base64url")}`;

/**
 * POST /api/reservations (docs/QUANTITY-MODEL.md §5): hold units for a cart only while the channel's published
 * quantity covers them. Linearizable per SKU, on one instance or many: a transaction-scoped
 * advisory lock per SKU orders the checkouts, the SKU's stock rows are locked, and the channel's
 * number is computed inside the lock from the committed stock (not the stored number, which lags by
 * a publisher pass). The hold is ledger events written in the same transaction, so when the lock is
 * released the next checkout sees it. The idempotency key is locked first, so concurrent retries
 * wait for the first answer and get it.
 */
export async function createReservation(deps: ReservationDeps, input: ReservationInput, actor: Actor, channels: readonly string[] = []): Promise<CreatedReservation> {
  assertChannelAllowed(channels, input.channel);
  const sku = deps.catalog.skus.get(input.sku) ?? (await deps.catalog.refreshOnMiss(), deps.catalog.skus.get(input.sku));
  if (!sku) throw new AdminError(422, "unknown_sku", `no SKU "${input.sku}"`, "sku");
  const channel = deps.catalog.channels.get(input.channel) ?? (await deps.catalog.refreshOnMiss(), deps.catalog.channels.get(input.channel));
  if (!channel) throw new AdminError(422, "unknown_channel", `no channel "${input.channel}"`, "channel");
  const hash = requestHash(input);
  let ctx = await deps.publisher.context();
  // A channel newer than the cached rules (added a moment ago, perhaps on another instance).
  if (!ctx.channels.some((c) => c.id === channel.id)) ctx = await loadAllocationContext(deps.pool);

  // Sales rates move by the hour: read outside the lock (the stock itself is read under it).
  const [sales] = await loadPublishInputs(deps.pool, [sku.id]);
  const velocity = velocityRate({ units24h: sales?.units24h ?? 0, units7d: sales?.units7d ?? 0 });

  const { row, replayed } = await deps.skuQueue.run(sku.id, () => decide(deps, { input, hash, sku, channelId: channel.id, ctx, velocity, actor }));
  if (replayed) return answerAgain(deps, row, hash);
  if (row.status === "refused") throw refusal(deps, row);
  return { reservation: reservationView(row, deps.catalog), replayed: false };
}

interface Decision {
  input: ReservationInput;
  hash: string;
  sku: SkuRef;
  channelId: number;
  ctx: AllocationContext;
  velocity: Rational;
  actor: Actor;
}

/** The checkout's one transaction: the first answer for its key, or a hold (or refusal) decided under the SKU's lock. */
async function decide(deps: ReservationDeps, d: Decision): Promise<{ row: ReservationRow; replayed: boolean }> {
  const { input, hash, sku, channelId, ctx, velocity, actor } = d;
  // Keys are the caller's own (review #12): a guessed key (a cart or order id) never reaches another caller's hold.
  const owner = keyOwner(actor);
  const client = await deps.pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`reservation-key:${owner}:${input.idempotencyKey}`]);
    const prior = await client.query<ReservationRow>(`SELECT ${RESERVATION_COLUMNS} FROM reservation WHERE key_owner = $1 AND idempotency_key = $2`, [owner, input.idempotencyKey]);
    if (prior.rows[0]) {
      await client.query("COMMIT");
      return { row: prior.rows[0], replayed: true };
    }
    await client.query("SELECT pg_advisory_xact_lock($1::int, $2::int)", [SKU_LOCK_CLASS, sku.id]);
    const now = new Date();

    // Expiry honoured at read time: this SKU's lapsed holds end here if the sweeper has not got to them.
    const lapsed = await client.query<ReservationRow>(
      `SELECT ${RESERVATION_COLUMNS} FROM reservation WHERE sku_id = $1 AND status = 'active' AND expires_at <= $2 ORDER BY id FOR UPDATE SKIP LOCKED`,
      [sku.id, now],
    );
    if (lapsed.rows.length) await expireHolds(client, lapsed.rows, now, deps);

    // The SKU's sellable stock rows, locked: nothing moves them until this hold is committed or refused.
    // Available real is theirs (docs/QUANTITY-MODEL.md §2–3: each location clamped at 0, then summed).
    const levels = await client.query<{ location_id: number; code: string; available: number }>(
      `SELECT sl.location_id, l.code, sl.available FROM stock_level sl JOIN location l ON l.id = sl.location_id
        WHERE sl.sku_id = $1 AND l.sellable ORDER BY sl.location_id FOR UPDATE OF sl`,
      [sku.id],
    );
    const availableReal = levels.rows.reduce((sum, l) => sum + Math.max(0, l.available), 0);
    const at = ctx.channels.findIndex((c) => c.id === channelId);
    const published = at < 0 ? 0 : publishedNumbersFor(ctx, sku, availableReal, velocity).published[at];
    const parts =
      published >= input.quantity
        ? placeHold(
            levels.rows.map((l) => ({ id: l.location_id, code: l.code, available: l.available })),
            input.quantity,
          )
        : null;

    const id = newId();
    const expiresAt = new Date(now.getTime() + input.ttlSeconds * 1000);
    if (parts) await writeBatch(client, holdEvents({ id, skuId: sku.id, channelId, parts }, "created", now, deps.catalog), deps.trustOf);
    const row = await client.query<ReservationRow>(
      `INSERT INTO reservation (id, idempotency_key, request_hash, sku_id, channel_id, quantity, ttl_seconds, status, parts, published, created_by, created_at, expires_at, ended_at, key_owner)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13, $14, $15) RETURNING ${RESERVATION_COLUMNS}`,
      [
        id,
        input.idempotencyKey,
        hash,
        sku.id,
        channelId,
        input.quantity,
        input.ttlSeconds,
        parts ? "active" : "refused",
        JSON.stringify((parts ?? []).map((p) => ({ location: p.locationId, quantity: p.quantity }))),
        published,
        actor.label,
        now,
        expiresAt,
        parts ? null : now,
        owner,
      ],
    );
    await client.query("COMMIT");
    if (parts || lapsed.rows.length) deps.publisher.markDirty([sku.id], new Map([[sku.id, now.getTime()]]));
    return { row: row.rows[0], replayed: false };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Whose idempotency keys these are: the token's or the person's id (Onepool itself has one namespace). */
export function keyOwner(actor: Actor): string {
  return actor.id === null ? "system" : `${actor.kind}:${actor.id}`;
}

/** A reserve token limited to channels may hold (and read, and release) only for those (docs/SECURITY.md). */
export function assertChannelAllowed(channels: readonly string[], channel: string | null): void {
  if (channels.length > 0 && (channel === null || !channels.includes(channel))) {
    throw new AdminError(403, "forbidden_channel", `this token may hold stock only for the channels ${channels.join(", ")}, not "${channel ?? "(a removed channel)"}"`, "channel");
  }
}

function answerAgain(deps: ReservationDeps, row: ReservationRow, hash: string): CreatedReservation {
  if (row.request_hash !== hash) {
    throw new AdminError(
      422,
      "idempotency_key_reused",
      "this idempotencyKey was used with a different request (sku, channel, quantity or ttlSeconds); use a new key for a new request",
      "idempotencyKey",
      { reservation: row.status === "refused" ? null : row.id },
    );
  }
  if (row.status === "refused") throw refusal(deps, row);
  return { reservation: reservationView(row, deps.catalog), replayed: true };
}

function refusal(deps: ReservationDeps, row: ReservationRow): AdminError {
  const channel = reservationView(row, deps.catalog).channel;
  return new AdminError(409, "insufficient_quantity", `${channel} may sell ${row.published} of this SKU now; ${row.quantity} requested`, undefined, {
    published: row.published,
    requested: row.quantity,
    decidedAt: row.created_at.toISOString(),
  });
}
