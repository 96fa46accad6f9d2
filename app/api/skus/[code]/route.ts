import { authorize, jsonError, route } from "@/server/http/route-helpers";
import { getSkuDetail } from "@/server/queries/get-sku-detail";
import { getServices } from "@/server/services";

export const GET = route(async (req: Request, ctx: { params: Promise<{ code: string }> }) => {
  const auth = await authorize(req, "stock.read");
  if (!auth.ok) return auth.response;
  const { code } = await ctx.params;
  const { pool, env } = getServices();
  // Next hands params over decoded: decoding again broke codes holding "%" (a 500) or "%20".
  const sku = await getSkuDetail(pool, code, env.ONEPOOL_SAFETY_DAYS);
  return sku ? Response.json(sku) : jsonError(404, "not_found", `no SKU with code "${code}"`);
});
