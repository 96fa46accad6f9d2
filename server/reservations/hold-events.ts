import "server-only";
import type { CanonicalEvent } from "@/lib/events/parse-canonical-event";
import type { HoldPart } from "@/lib/reservations/place-hold";
import type { CatalogCache } from "@/server/ingest/catalog-cache";
import type { PendingEvent } from "@/server/ingest/append-to-ledger";

/** The ledger source of the events Onepool's reservation API writes (docs/QUANTITY-MODEL.md §4: reservation.*). */
export const RESERVATION_SOURCE = "onepool-reservations";

/** What happened to a hold: each becomes one ledger event per location holding part of it. */
export type HoldChange = "created" | "released" | "expired" | "converted";

export interface HoldRef {
  id: string;
  skuId: number;
  channelId: number;
  parts: readonly HoldPart[];
  orderId?: string | null;
}

const TYPE = {
  created: "reservation.created",
  released: "reservation.released",
  converted: "reservation.released",
  expired: "reservation.expired",
} as const;

/**
 * The ledger events of a hold's change. Their ids are derived from the hold's id and the change,
 * so a change can enter the ledger once only: (source, id) is unique, whatever retries or races.
 */
export function holdEvents(hold: HoldRef, change: HoldChange, at: Date, catalog: CatalogCache): PendingEvent[] {
  const sku = catalog.skusById.get(hold.skuId)?.code ?? String(hold.skuId);
  const channel = catalog.channelsById.get(hold.channelId)?.code ?? null;
  return hold.parts.map((part) => {
    const location = catalog.locationsById.get(part.locationId)?.code ?? String(part.locationId);
    const canonical: CanonicalEvent = {
      id: `${hold.id}:${change}:${location}`,
      source: RESERVATION_SOURCE,
      type: TYPE[change],
      sku,
      listing: null,
      location,
      toLocation: null,
      channel,
      quantity: part.quantity,
      occurredAt: at,
      version: null,
      orderId: change === "converted" ? (hold.orderId ?? null) : null,
      reservationId: hold.id,
      reference: null,
      reason: change === "created" ? null : change,
      condition: null,
      bucket: null,
      expectedAt: null,
      promisedAt: null,
      payload: null,
    };
    return {
      canonical,
      skuId: hold.skuId,
      locationId: part.locationId,
      toLocationId: null,
      channelId: hold.channelId,
      body: JSON.stringify({ ...canonical, occurredAt: at.toISOString() }),
      receivedAt: at,
    };
  });
}
