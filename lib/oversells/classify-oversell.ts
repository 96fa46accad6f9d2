import type { OversellCause } from "@/lib/contracts/oversells";

/**
 * What was true around one oversold order line (docs/OVERSELLS.md), as plain numbers: `published`,
 * `acknowledged`, `availableKnown` and `availableReal` as just before the line was placed (t); the
 * rest over (t, cancellation].
 */
export interface OversellChain {
  /** Units of the cancelled line. */
  quantity: number;
  /** What Onepool had published to the channel at t (null: no record, e.g. pruned or before history began). */
  published: number | null;
  /** What the channel had last acknowledged at t (null: never acknowledged, or the channel has no outbound connector). */
  acknowledged: number | null;
  /** Available real from the events received by t. */
  availableKnown: number;
  /** Available real from every event that occurred by t, whenever received. */
  availableReal: number;
  /** Units that counts (positive variance), shrink and damage removed after t, before the cancellation. */
  correctionUnits: number;
  /** Units ordered on other channels after t, before the cancellation. */
  otherChannelUnits: number;
}

/** The first cause that holds, in the order of OVERSELL_CAUSES (docs/OVERSELLS.md). */
export function classifyOversell(c: OversellChain): OversellCause {
  // The channel showed more than Onepool allowed: the push had not landed (lag or a failing channel).
  if (c.acknowledged !== null && c.published !== null && c.acknowledged > c.published) return "stale_channel";
  // Onepool's view covered the line; the events that would have said otherwise arrived after it.
  if (c.availableKnown >= c.quantity && c.availableReal < c.quantity) return "late_events";
  if (c.correctionUnits > 0) return "correction";
  // Everything was right at t; the channels together sold more than there was before the numbers caught up.
  if (c.published !== null && c.published >= c.quantity && c.availableReal >= c.quantity && c.otherChannelUnits > 0) return "buffer_too_small";
  return "unexplained";
}
