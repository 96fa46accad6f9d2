import { z } from "zod";
import { queryRoute } from "@/server/http/route-helpers";
import { getReconciliationTrend } from "@/server/queries/get-reconciliation";
import { getServices } from "@/server/services";

const querySchema = z.object({ weeks: z.coerce.number().int().min(1).max(104).default(12) }).strict();

/** Weekly variance rate and accuracy (ISO weeks in ONEPOOL_TIMEZONE, as the scorecard), oldest first. */
export const GET = queryRoute("stock.read", querySchema, async ({ query }) => {
  const { pool, env } = getServices();
  return Response.json({ weeks: await getReconciliationTrend(pool, query.weeks, env.ONEPOOL_TIMEZONE) });
});
