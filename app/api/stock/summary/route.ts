import { authorize, route } from "@/server/http/route-helpers";
import { getStockSummary } from "@/server/queries/get-stock-summary";
import { getServices } from "@/server/services";

/** Totals over every SKU for the dashboard's summary bar: SKUs, stockouts, low cover, units. */
export const GET = route(async (req: Request) => {
  const denied = await authorize(req, "read", { allowAnonymous: true });
  if (denied) return denied;
  const { pool, env } = getServices();
  return Response.json(await getStockSummary(pool, env.ONEPOOL_SAFETY_DAYS));
});
