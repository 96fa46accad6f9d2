import { z } from "zod";
import { authorize, route, skuNotFound, validationError } from "@/server/http/route-helpers";
import { getSkuDailySales } from "@/server/queries/get-sku-sales";
import { getServices } from "@/server/services";

const query = z.object({ days: z.coerce.number().int().min(1).max(365).default(60) });

/** Units sold per day (order.placed − order.cancelled), for the velocity chart. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ code: string }> }) => {
  const denied = await authorize(req, "read", { allowAnonymous: true });
  if (denied) return denied;
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return validationError(parsed.error);
  const code = decodeURIComponent((await ctx.params).code);
  const { pool } = getServices();
  const missing = await skuNotFound(code);
  if (missing) return missing;
  return Response.json({ days: await getSkuDailySales(pool, code, parsed.data.days) });
});
