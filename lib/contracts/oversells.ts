import { z } from "zod";

// An oversold order line and its root cause (docs/OVERSELLS.md, docs/API.md GET /api/oversells).

/** Causes in the order they are tested: the first that holds is the cause. */
export const OVERSELL_CAUSES = ["stale_channel", "late_events", "correction", "buffer_too_small", "unexplained"] as const;
export type OversellCause = (typeof OVERSELL_CAUSES)[number];

export const oversellLine = z.object({
  orderId: z.string(),
  sku: z.string(),
  channel: z.string().nullable(),
  quantity: z.number().int(),
  placedAt: z.string(),
  cancelledAt: z.string(),
  /** What Onepool had published to the channel just before the line was placed (null: no record). */
  published: z.number().int().nullable(),
  /** What the channel had last acknowledged just before (null: it never acknowledged). */
  acknowledged: z.number().int().nullable(),
  /** Available real as Onepool knew it then (events received by placedAt). */
  availableKnown: z.number().int(),
  /** Available real as it really was (every event that occurred by placedAt, whenever received). */
  availableReal: z.number().int(),
  /** The largest receivedAt − occurredAt among the events that moved the SKU around the sale. */
  ingestLagMs: z.number().int().nullable(),
  cause: z.enum(OVERSELL_CAUSES),
});
export type OversellLine = z.infer<typeof oversellLine>;

/** `timezone`: ONEPOOL_TIMEZONE, the zone the week is taken in (as the scorecard answers it); the page shows times in it. */
export const oversellsResponse = z.object({ week: z.string(), timezone: z.string(), oversells: z.array(oversellLine) });
export type OversellsResponse = z.infer<typeof oversellsResponse>;
