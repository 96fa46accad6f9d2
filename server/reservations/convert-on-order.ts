import "server-only";
import type pg from "pg";
import type { CatalogCache } from "@/server/ingest/catalog-cache";
import type { PendingEvent } from "@/server/ingest/append-to-ledger";
import { holdEvents } from "./hold-events";
import { endReservations, lockReservations, partsOf } from "./reservation-row";

/**
 * `order.placed` naming a reservation converts the hold (docs/QUANTITY-MODEL.md §5): in the order's own
 * transaction the hold is released where it sat (all of it: a smaller order gives the rest back)
 * while the order commits its units where it names. Only a first delivery of the order gets here
 * (duplicates are not fresh) and only an active hold converts, so it happens exactly once. A hold
 * already past its expiry ends as expired instead; the order still commits.
 */
export function convertOnOrder(catalog: CatalogCache) {
  return async (client: pg.PoolClient, fresh: readonly PendingEvent[]): Promise<PendingEvent[]> => {
    const orders = new Map<string, PendingEvent>();
    for (const p of fresh) if (p.canonical.type === "order.placed" && p.canonical.reservationId && !orders.has(p.canonical.reservationId)) orders.set(p.canonical.reservationId, p);
    if (orders.size === 0) return [];
    const now = new Date();
    const extra: PendingEvent[] = [];
    const ends: { id: string; status: "converted" | "expired"; orderId: string | null }[] = [];
    for (const row of await lockReservations(client, [...orders.keys()])) {
      const order = orders.get(row.id)!;
      if (row.status !== "active" || row.sku_id !== order.skuId) continue;
      const lapsed = row.expires_at.getTime() <= now.getTime();
      const hold = { id: row.id, skuId: row.sku_id, channelId: row.channel_id, parts: partsOf(row), orderId: order.canonical.orderId };
      extra.push(...holdEvents(hold, lapsed ? "expired" : "converted", lapsed ? row.expires_at : order.canonical.occurredAt, catalog));
      ends.push({ id: row.id, status: lapsed ? "expired" : "converted", orderId: lapsed ? null : order.canonical.orderId });
    }
    await endReservations(client, ends, now);
    return extra;
  };
}
