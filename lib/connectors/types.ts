// Provider connectors (issue 3, docs/SECURITY.md, docs/CONNECTORS.md): a verified webhook delivery in, canonical events
// (docs/QUANTITY-MODEL.md §4) out. Translators are pure: everything they need from the database comes through
// `TranslateContext`, so they are unit-tested with plain maps.

import type { EventQualifiers } from "../quantity/types";

export const PROVIDERS = ["shopify", "woocommerce", "amazon", "mercadolibre", "standard"] as const;
export type Provider = (typeof PROVIDERS)[number];

/** A registered source (`PUT /api/sources/<code>`), as a translator sees it. */
export interface SourceConfig {
  /** The source code: the URL segment and every canonical event's `source`. */
  code: string;
  provider: Provider;
  /** Channel code whose listings resolve this source's products and orders (null: a warehouse-only source). */
  channel: string | null;
  /** Provider location key → Onepool location code; `default` for events that name no location. */
  locations: Readonly<Record<string, string>>;
  applicationId: string | null;
  userId: string | null;
}

/**
 * A canonical event exactly as `POST /api/events` accepts it (docs/QUANTITY-MODEL.md §4). Translators emit this
 * plain shape and the shared validator (`parseCanonicalEvent`) checks it, so a provider can never
 * write something the canonical endpoint would refuse.
 */
export interface CanonicalInput extends EventQualifiers {
  id: string;
  source: string;
  type: string;
  sku?: string | null;
  listing?: { channel: string; externalId: string } | null;
  location: string;
  toLocation?: string | null;
  channel?: string | null;
  quantity: number;
  occurredAt: string;
  version?: string | number | null;
  orderId?: string | null;
  reservationId?: string | null;
  expectedAt?: string | null;
  /** order.placed: the delivery date promised to the buyer, where the provider sends one (docs/SCORECARD.md). */
  promisedAt?: string | null;
  payload?: unknown;
}

/** A delivery whose signature has been checked. */
export interface Delivery {
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Readonly<Record<string, string>>;
  /** The body parsed with `parseProviderJson`: integers beyond 2^53 stay exact as strings. */
  body: unknown;
  receivedAt: Date;
}

/** What a translator may ask of the ledger. */
export interface TranslateContext {
  source: SourceConfig;
  /**
   * Events of THIS source already in the ledger (or parked as unmapped), by canonical id → the
   * location code they apply at and their quantity. Ids not found are absent from the map.
   */
  findEvents(ids: readonly string[]): Promise<ReadonlyMap<string, { location: string; quantity: number }>>;
}

export type Translation =
  /** Zero or more canonical events (zero: a delivery that changes no stock, e.g. a no-restock refund). */
  | { kind: "events"; topic: string; deliveryId: string | null; events: CanonicalInput[]; note?: string }
  /** Inconsistent or unusable: goes to the rejected log with the raw body and this reason. */
  | { kind: "rejected"; topic: string | null; code: string; message: string };
