import "server-only";
import { AdminError } from "@/server/http/admin-error";
import { inTransaction } from "@/server/db/in-transaction";
import { writeBatch } from "@/server/ingest/write-batch";
import { assertChannelAllowed } from "./create-reservation";
import { holdEvents } from "./hold-events";
import type { ReservationDeps } from "./reservation-deps";
import { endReservations, lockReservations, partsOf, reservationView, type ReservationStatus, type ReservationView } from "./reservation-row";

/**
 * DELETE /api/reservations/<id>: give the units back. A hold that already ended (released,
 * expired, converted) is answered with its state and nothing changes; one past its expiry ends as
 * expired (its units went back at expiresAt, whether or not the sweeper had run).
 */
export async function releaseReservation(deps: ReservationDeps, id: string, channels: readonly string[] = []): Promise<{ reservation: ReservationView; changed: boolean }> {
  const now = new Date();
  const r = await inTransaction(deps.pool, async (client) => {
    const [row] = await lockReservations(client, [id]);
    if (!row || row.status === "refused") throw new AdminError(404, "not_found", `no reservation "${id}"`);
    assertChannelAllowed(channels, reservationView(row, deps.catalog).channel);
    if (row.status !== "active") return { row, changed: false };
    const change: "expired" | "released" = row.expires_at.getTime() <= now.getTime() ? "expired" : "released";
    await writeBatch(
      client,
      holdEvents({ id: row.id, skuId: row.sku_id, channelId: row.channel_id, parts: partsOf(row) }, change, change === "expired" ? row.expires_at : now, deps.catalog),
      deps.trustOf,
    );
    await endReservations(client, [{ id: row.id, status: change }], now);
    return { row: { ...row, status: change as ReservationStatus, ended_at: now }, changed: true };
  });
  if (r.changed) deps.publisher.markDirty([r.row.sku_id], new Map([[r.row.sku_id, now.getTime()]]));
  return { reservation: reservationView(r.row, deps.catalog), changed: r.changed };
}
