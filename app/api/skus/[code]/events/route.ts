import { z } from "zod";
import { readQuery, route, skuNotFound } from "@/server/http/route-helpers";
import { getSkuEvents } from "@/server/queries/get-sku-events";
import { getServices } from "@/server/services";

const query = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  // A ledger sequence is an int8: 19 digits beyond 9223372036854775807 would be a 500 from Postgres.
  before: z.string().regex(/^\d{1,19}$/, "a ledger sequence number").refine((v) => BigInt(v) <= 9_223_372_036_854_775_807n, "a ledger sequence number").optional(),
});

/** The SKU's latest ledger events, newest first; page back with ?before=<seq>. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ code: string }> }) => {
  const parsed = await readQuery(req, query);
  if (!parsed.ok) return parsed.response;
  // Next hands params over decoded: decoding again broke codes holding "%" (a 500) or "%20".
  const { code } = await ctx.params;
  const { pool } = getServices();
  const missing = await skuNotFound(code);
  if (missing) return missing;
  const events = await getSkuEvents(pool, code, parsed.query.limit, parsed.query.before);
  return Response.json({ events, nextBefore: events.length === parsed.query.limit ? events[events.length - 1].seq : null });
});
