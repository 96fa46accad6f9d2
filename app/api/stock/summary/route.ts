import { authorizedRoute } from "@/server/http/route-helpers";
import { getStockSummary } from "@/server/queries/get-stock-summary";
import { getServices } from "@/server/services";

/** Totals over every SKU for the dashboard's summary bar: SKUs, stockouts, low cover, units. */
export const GET = authorizedRoute("stock.read", async () => {
  const { readPool, env } = getServices();
  return Response.json(await getStockSummary(readPool, env.ONEPOOL_SAFETY_DAYS));
});
