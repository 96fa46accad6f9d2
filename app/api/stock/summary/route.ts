import { authorize, route } from "@/server/http/route-helpers";
import { getStockSummary } from "@/server/queries/get-stock-summary";
import { getServices } from "@/server/services";

/** Totals over every SKU for the dashboard's summary bar: SKUs, stockouts, low cover, units. */
export const GET = route(async (req: Request) => {
  const auth = await authorize(req, "stock.read");
  if (!auth.ok) return auth.response;
  const { readPool, env } = getServices();
  return Response.json(await getStockSummary(readPool, env.ONEPOOL_SAFETY_DAYS));
});
