import { authorizedRoute, jsonError } from "@/server/http/route-helpers";
import { getSkuDetail } from "@/server/queries/get-sku-detail";
import { getServices } from "@/server/services";

export const GET = authorizedRoute("stock.read", async (_, { code }: { code: string }) => {
  const { pool, env } = getServices();
  const sku = await getSkuDetail(pool, code, env.ONEPOOL_SAFETY_DAYS);
  return sku ? Response.json(sku) : jsonError(404, "not_found", `no SKU with code "${code}"`);
});
