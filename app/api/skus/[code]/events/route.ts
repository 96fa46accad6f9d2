import { z } from "zod";
import { authorize, route, skuNotFound, validationError } from "@/server/http/route-helpers";
import { getSkuEvents } from "@/server/queries/get-sku-events";
import { getServices } from "@/server/services";

const query = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.string().regex(/^\d{1,19}$/, "a ledger sequence number").optional(),
});

/** The SKU's latest ledger events, newest first; page back with ?before=<seq>. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ code: string }> }) => {
  const denied = await authorize(req, "read", { allowAnonymous: true });
  if (denied) return denied;
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return validationError(parsed.error);
  const code = decodeURIComponent((await ctx.params).code);
  const { pool } = getServices();
  const missing = await skuNotFound(code);
  if (missing) return missing;
  const events = await getSkuEvents(pool, code, parsed.data.limit, parsed.data.before);
  return Response.json({ events, nextBefore: events.length === parsed.data.limit ? events[events.length - 1].seq : null });
});
