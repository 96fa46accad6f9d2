import "server-only";
import type pg from "pg";
import { inTransaction } from "@/server/db/in-transaction";
import { writeBatch } from "@/server/ingest/write-batch";
import { holdEvents } from "./hold-events";
import type { ReservationDeps } from "./reservation-deps";
import { endReservations, partsOf, RESERVATION_COLUMNS, type ReservationRow } from "./reservation-row";
import { loggerFor } from "@/server/log/logger";

const reservationLog = loggerFor("reservations");

const BATCH = 500;

/**
 * End these lapsed holds (locked by the caller): each one's `reservation.expired` event at its own
 * expiresAt, then its row. The sweeper below and a new hold on the same SKU (create-reservation.ts) both do it.
 */
export async function expireHolds(client: pg.PoolClient, rows: readonly ReservationRow[], now: Date, deps: Pick<ReservationDeps, "catalog" | "trustOf">): Promise<void> {
  await writeBatch(
    client,
    rows.flatMap((r) => holdEvents({ id: r.id, skuId: r.sku_id, channelId: r.channel_id, parts: partsOf(r) }, "expired", r.expires_at, deps.catalog)),
    deps.trustOf,
  );
  await endReservations(
    client,
    rows.map((r) => ({ id: r.id, status: "expired" })),
    now,
  );
}

/**
 * Give back holds whose time is up: a `reservation.expired` event at each hold's expiresAt (so a
 * replay of the ledger folds it at the same point whenever the sweeper ran). SKIP LOCKED: several
 * instances sweep side by side, and a hold being released or converted right now is left to that.
 * Returns how many ended.
 */
export async function expireReservations(deps: ReservationDeps, now = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const ended = await inTransaction(deps.pool, async (client) => {
      const due = await client.query<ReservationRow>(`SELECT ${RESERVATION_COLUMNS} FROM reservation WHERE status = 'active' AND expires_at <= $1 ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`, [
        now,
      ]);
      if (due.rows.length === 0) return [];
      await expireHolds(client, due.rows, now, deps);
      return due.rows;
    });
    if (ended.length)
      deps.publisher.markDirty(
        ended.map((r) => r.sku_id),
        new Map(ended.map((r) => [r.sku_id, r.expires_at.getTime()])),
      );
    total += ended.length;
    if (ended.length < BATCH) return total;
  }
}

/** Runs the sweep every quarter second (docs/QUANTITY-MODEL.md §5: an expired hold is given back within 2 s). */
export class ReservationSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly deps: ReservationDeps,
    private readonly everyMs = 250,
    private readonly log: (m: string) => void = (m) => reservationLog.error(m),
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = expireReservations(this.deps)
        .catch((e) => this.log(`[reservations] expiry sweep failed: ${e instanceof Error ? e.message : String(e)}`))
        .finally(() => (this.running = null));
    }, this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
