import type { CanonicalInput, Delivery, TranslateContext, Translation } from "./types";

export const STANDARD_MAX_EVENTS = 1000;

/**
 * Generic sources (WMS, 3PL, OMS, POS, carriers) send canonical events (docs/QUANTITY-MODEL.md §4), one or an
 * array, signed with Standard Webhooks. The URL names the source, so an event may leave `source`
 * out; one naming another source is refused later by the shared validation.
 */
export async function translateStandard(delivery: Delivery, ctx: TranslateContext): Promise<Translation> {
  const deliveryId = delivery.headers["webhook-id"] ?? null;
  const items = Array.isArray(delivery.body) ? delivery.body : [delivery.body];
  if (items.length === 0) return { kind: "rejected", topic: "events", code: "empty_batch", message: "send one event or an array of 1 to 1,000 events" };
  if (items.length > STANDARD_MAX_EVENTS) {
    return { kind: "rejected", topic: "events", code: "batch_too_large", message: `a batch holds at most ${STANDARD_MAX_EVENTS} events; got ${items.length}` };
  }
  const events = items.map((item) => (item !== null && typeof item === "object" && !Array.isArray(item) && !("source" in item) ? { ...item, source: ctx.source.code } : item)) as CanonicalInput[];
  return { kind: "events", topic: "events", deliveryId, events };
}
