import { z } from "zod";
import { readQuery, route } from "@/server/http/route-helpers";
import { getReconciliationTrend } from "@/server/queries/get-reconciliation";
import { getServices } from "@/server/services";

const query = z.object({ weeks: z.coerce.number().int().min(1).max(104).default(12) }).strict();

/** Weekly variance rate and accuracy (ISO weeks in ONEPOOL_TIMEZONE, as the scorecard), oldest first. */
export const GET = route(async (req: Request) => {
  const parsed = await readQuery(req, query);
  if (!parsed.ok) return parsed.response;
  const { pool, env } = getServices();
  return Response.json({ weeks: await getReconciliationTrend(pool, parsed.query.weeks, env.ONEPOOL_TIMEZONE) });
});
