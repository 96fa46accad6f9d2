import "server-only";
import type pg from "pg";
import type { HoldPart } from "@/lib/reservations/place-hold";
import type { CatalogCache } from "@/server/ingest/catalog-cache";

export type ReservationStatus = "active" | "released" | "expired" | "converted" | "refused";

export interface ReservationRow {
  id: string;
  idempotency_key: string;
  request_hash: string;
  sku_id: number;
  channel_id: number;
  quantity: number;
  ttl_seconds: number;
  status: ReservationStatus;
  parts: { location: number; quantity: number }[];
  published: number;
  created_at: Date;
  expires_at: Date;
  ended_at: Date | null;
  order_id: string | null;
}

export const RESERVATION_COLUMNS = "id, idempotency_key, request_hash, sku_id, channel_id, quantity, ttl_seconds, status, parts, published, created_at, expires_at, ended_at, order_id";

export const partsOf = (r: Pick<ReservationRow, "parts">): HoldPart[] => r.parts.map((p) => ({ locationId: p.location, quantity: p.quantity }));

/** The hold as the API shows it (docs/QUANTITY-MODEL.md §5, docs/API.md): codes, ISO times, where it sits. */
export function reservationView(r: ReservationRow, catalog: CatalogCache) {
  return {
    id: r.id,
    sku: catalog.skusById.get(r.sku_id)?.code ?? null,
    channel: catalog.channelsById.get(r.channel_id)?.code ?? null,
    quantity: r.quantity,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    endedAt: r.ended_at?.toISOString() ?? null,
    orderId: r.order_id,
    locations: r.parts.map((p) => ({ location: catalog.locationsById.get(p.location)?.code ?? null, quantity: p.quantity })),
  };
}
export type ReservationView = ReturnType<typeof reservationView>;

/** Lock holds by id (in id order, as every path that changes holds does: no deadlocks). */
export async function lockReservations(client: pg.PoolClient, ids: readonly string[]): Promise<ReservationRow[]> {
  const r = await client.query<ReservationRow>(`SELECT ${RESERVATION_COLUMNS} FROM reservation WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`, [ids]);
  return r.rows;
}

/** Mark holds ended (released, expired or converted) in one statement. */
export async function endReservations(client: pg.PoolClient, ends: readonly { id: string; status: ReservationStatus; orderId?: string | null }[], at: Date): Promise<void> {
  if (ends.length === 0) return;
  await client.query(
    `UPDATE reservation r SET status = u.status, ended_at = $4, order_id = COALESCE(u.order_id, r.order_id)
       FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, status, order_id) WHERE r.id = u.id`,
    [ends.map((e) => e.id), ends.map((e) => e.status), ends.map((e) => e.orderId ?? null), at],
  );
}
