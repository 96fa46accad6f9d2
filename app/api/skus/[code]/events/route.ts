import { z } from "zod";
import { readQuery, route, skuNotFound } from "@/server/http/route-helpers";
import { getSkuEvents } from "@/server/queries/get-sku-events";
import { getServices } from "@/server/services";

const query = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.string().regex(/^\d{1,19}$/, "a ledger sequence number").optional(),
});

/** The SKU's latest ledger events, newest first; page back with ?before=<seq>. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ code: string }> }) => {
  const parsed = await readQuery(req, query);
  if (!parsed.ok) return parsed.response;
  const code = decodeURIComponent((await ctx.params).code);
  const { pool } = getServices();
  const missing = await skuNotFound(code);
  if (missing) return missing;
  const events = await getSkuEvents(pool, code, parsed.query.limit, parsed.query.before);
  return Response.json({ events, nextBefore: events.length === parsed.query.limit ? events[events.length - 1].seq : null });
});
