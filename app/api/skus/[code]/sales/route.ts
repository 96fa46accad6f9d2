import { z } from "zod";
import { skuReadRoute } from "@/server/http/route-helpers";
import { getSkuDailySales } from "@/server/queries/get-sku-sales";
import { getServices } from "@/server/services";

/** Units sold per day (order.placed − order.cancelled), for the velocity chart. */
export const GET = skuReadRoute(z.object({ days: z.coerce.number().int().min(1).max(365).default(60) }), async ({ code }, { days }) => ({
  days: await getSkuDailySales(getServices().pool, code, days),
}));
