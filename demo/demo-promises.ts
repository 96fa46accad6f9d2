// What each demo channel promises its buyers and how long its parcels really take, for the
// scorecard's promise accuracy (docs/SCORECARD.md#figures). Derived from the order id (not the history's random
// stream), so adding promises did not change the rest of the seeded story.

import type { ChannelCode } from "./demo-network";
import { hashString } from "./random";
import { DAY_MS as DAY, MINUTE_MS as MIN } from "@/lib/time/durations";

/** Promised delivery after the order is placed; stores hand the goods over the counter (no promise). */
const PROMISE_MS: Partial<Record<ChannelCode, number>> = { web: 4 * DAY, mercadolibre: 3 * DAY, amazon: 2 * DAY, rappi: 40 * MIN };
/** Median time from shipment to the buyer's door. */
const TRANSIT_MS: Partial<Record<ChannelCode, number>> = { web: 2.2 * DAY, mercadolibre: 1.6 * DAY, amazon: 0.9 * DAY, rappi: 14 * MIN };

/** The promise carried by order.placed, or null where the channel makes none. */
export function promiseFor(channel: ChannelCode, placedAt: number): number | null {
  const p = PROMISE_MS[channel];
  return p === undefined ? null : placedAt + p;
}

/**
 * When a shipped order reaches the buyer: the channel's median transit spread by the order (a long
 * tail: about one parcel in ten takes twice the median), or null for the counter.
 */
export function deliveredAt(channel: ChannelCode, orderId: string, shippedAt: number): number | null {
  const median = TRANSIT_MS[channel];
  if (median === undefined) return null;
  const u = (hashString(`${orderId}#transit`) % 10_000) / 10_000;
  const factor = u < 0.9 ? 0.6 + (u / 0.9) * 0.8 : 1.4 + ((u - 0.9) / 0.1) * 1.6;
  return shippedAt + Math.round(median * factor);
}
