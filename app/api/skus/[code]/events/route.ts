import { z } from "zod";
import { skuReadRoute } from "@/server/http/route-helpers";
import { getSkuEvents } from "@/server/queries/get-sku-events";
import { getServices } from "@/server/services";

const query = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  // A ledger sequence is an int8: 19 digits beyond 9223372036854775807 would be a 500 from Postgres.
  before: z
    .string()
    .regex(/^\d{1,19}$/, "a ledger sequence number")
    .refine((v) => BigInt(v) <= 9_223_372_036_854_775_807n, "a ledger sequence number")
    .optional(),
});

/** The SKU's latest ledger events, newest first; page back with ?before=<seq>. */
export const GET = skuReadRoute(query, async ({ code }, { limit, before }) => {
  const events = await getSkuEvents(getServices().pool, code, limit, before);
  return { events, nextBefore: events.length === limit ? events[events.length - 1].seq : null };
});
