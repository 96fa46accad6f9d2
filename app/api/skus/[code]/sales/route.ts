import { z } from "zod";
import { readQuery, route, skuNotFound } from "@/server/http/route-helpers";
import { getSkuDailySales } from "@/server/queries/get-sku-sales";
import { getServices } from "@/server/services";

const query = z.object({ days: z.coerce.number().int().min(1).max(365).default(60) });

/** Units sold per day (order.placed − order.cancelled), for the velocity chart. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ code: string }> }) => {
  const parsed = await readQuery(req, query);
  if (!parsed.ok) return parsed.response;
  // Next hands params over decoded: decoding again broke codes holding "%" (a 500) or "%20".
  const { code } = await ctx.params;
  const { pool } = getServices();
  const missing = await skuNotFound(code);
  if (missing) return missing;
  return Response.json({ days: await getSkuDailySales(pool, code, parsed.query.days) });
});
