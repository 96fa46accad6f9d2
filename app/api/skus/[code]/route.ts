import { authorize, jsonError, route } from "@/server/http/route-helpers";
import { getSkuDetail } from "@/server/queries/get-sku-detail";
import { getServices } from "@/server/services";

export const GET = route(async (req: Request, ctx: { params: Promise<{ code: string }> }) => {
  const auth = await authorize(req, "stock.read");
  if (!auth.ok) return auth.response;
  const { code } = await ctx.params;
  const { pool, env } = getServices();
  const sku = await getSkuDetail(pool, decodeURIComponent(code), env.ONEPOOL_SAFETY_DAYS);
  return sku ? Response.json(sku) : jsonError(404, "not_found", `no SKU with code "${decodeURIComponent(code)}"`);
});
