import "server-only";
import type pg from "pg";
import type { CatalogCache } from "@/server/ingest/catalog-cache";
import { RESERVATION_COLUMNS, reservationView, type ReservationRow, type ReservationView } from "./reservation-row";

/** One hold as the API shows it; an active hold past its expiry reads as expired (the sweeper may be a moment behind). */
export async function getReservation(pool: pg.Pool, catalog: CatalogCache, id: string): Promise<ReservationView | null> {
  const r = await pool.query<ReservationRow>(`SELECT ${RESERVATION_COLUMNS} FROM reservation WHERE id = $1 AND status <> 'refused'`, [id]);
  const row = r.rows[0];
  if (!row) return null;
  const lapsed = row.status === "active" && row.expires_at.getTime() <= Date.now();
  return reservationView(lapsed ? { ...row, status: "expired", ended_at: row.expires_at } : row, catalog);
}
