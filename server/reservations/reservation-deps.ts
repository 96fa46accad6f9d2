import "server-only";
import type pg from "pg";
import type { CatalogCache } from "@/server/ingest/catalog-cache";
import type { TrustOf } from "@/server/projection/fold-into-projection";
import type { Publisher } from "@/server/publishing/publisher";
import type { KeyedQueue } from "@/lib/reservations/keyed-queue";

/** What the reservation paths need: they write through the same batch writer as ingest. */
export interface ReservationDeps {
  pool: pg.Pool;
  catalog: CatalogCache;
  trustOf: TrustOf;
  publisher: Publisher;
  /** Checkouts of one SKU queue here, in memory, before they take a connection (lib/reservations/keyed-queue.ts). */
  skuQueue: KeyedQueue;
}

/** Advisory-lock class of per-SKU reservation locks (the second key is the SKU id). */
export const SKU_LOCK_CLASS = 0x4f50; // "OP"
