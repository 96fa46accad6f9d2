import { z } from "zod";

// Pauses: what POST /api/pauses accepts (docs/CHANNEL-RULES.md "Pauses"), used by the route to parse and
// by the pause dialog to check.

/** The longest reason: it is shown wherever the paused number is. */
export const MAX_PAUSE_REASON = 200;

const code = z.string().trim().min(1).max(100);
export const createPauseSchema = z
  .object({
    channel: code.optional(),
    sku: code.optional(),
    reason: z.string().trim().min(1, "say why (it is shown wherever the number is)").max(MAX_PAUSE_REASON),
    until: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((p) => p.channel || p.sku, { message: "name a channel, a SKU, or both", path: ["channel"] })
  // The one clock read in a contract: "in the future" can only mean now, on whichever side parses it.
  .refine((p) => !p.until || Date.parse(p.until) > Date.now(), { message: "must be in the future", path: ["until"] });
export type CreatePauseBody = z.input<typeof createPauseSchema>;
export type CreatePauseInput = z.output<typeof createPauseSchema>;
