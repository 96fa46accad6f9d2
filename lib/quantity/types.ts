// The quantity model of docs/QUANTITY-MODEL.md §2–3, docs/QUANTITY-MODEL.md §4 as plain data. No I/O here: everything in lib/quantity is a
// pure function of events, so the live projection and a replay of the ledger can be compared.

export const EVENT_TYPES = [
  "order.placed",
  "order.cancelled",
  "order.shipped",
  "order.reallocated",
  "order.delivered",
  "return.received",
  "return.inspected",
  "receipt",
  "asn",
  "po",
  "transfer.out",
  "transfer.in",
  "adjustment",
  "shrink",
  "damage",
  "cycle_count",
  "snapshot",
  "reservation.created",
  "reservation.released",
  "reservation.expired",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const ABSOLUTE_TYPES: ReadonlySet<EventType> = new Set(["cycle_count", "snapshot"]);
export const CANCEL_REASONS = ["oversold", "customer", "payment", "address", "vendor_delay", "damaged_discovery", "other"] as const;

/** What a return.inspected found the returned units to be. */
export const RETURN_CONDITIONS = ["resellable", "damaged"] as const;
/** Which figure a snapshot reports: the units on hand, or those free to sell. */
export const SNAPSHOT_BUCKETS = ["on_hand", "available"] as const;

/** What an event may say beside what moved where and when (docs/QUANTITY-MODEL.md §4): alike in every form of it, from the canonical input to the model's event. */
export interface EventQualifiers {
  reference?: string | null;
  reason?: string | null;
  condition?: (typeof RETURN_CONDITIONS)[number] | null;
  bucket?: (typeof SNAPSHOT_BUCKETS)[number] | null;
}

/** An event as the quantity model needs it: codes resolved, time in epoch ms. */
export interface StockEvent extends EventQualifiers {
  source: string;
  id: string;
  type: EventType;
  sku: string;
  location: string;
  toLocation?: string | null;
  quantity: number;
  occurredAt: number;
  /** Source-provided ordering version, digits only (may exceed 2^53). */
  version?: string | null;
  expectedAt?: number | null;
}

export interface IncomingLine {
  /** Signed sum of the reference's movements; shown clamped at 0 (see incomingTotal). */
  qty: number;
  expectedAt: number | null;
}

/** The projection of one (SKU, location). `available` is derived, never stored in the state. */
export interface LevelState {
  onHand: number;
  committed: number;
  reserved: number;
  damaged: number;
  qualityControl: number;
  safetyStock: number;
  incoming: Record<string, IncomingLine>;
  lastEventAt: number | null;
  lastAbsoluteAt: number | null;
  lastCountAt: number | null;
}

export const emptyLevel = (): LevelState => ({
  onHand: 0,
  committed: 0,
  reserved: 0,
  damaged: 0,
  qualityControl: 0,
  safetyStock: 0,
  incoming: {},
  lastEventAt: null,
  lastAbsoluteAt: null,
  lastCountAt: null,
});

/** Which sources a location trusts for absolutes, highest precedence first. Empty = all, equal. */
export type TrustedSources = readonly string[];

/** What an absolute event found: the variance a count recorded, or an untrusted source's drift. */
export interface AbsoluteEffect {
  kind: "variance" | "drift";
  amount: number;
}
