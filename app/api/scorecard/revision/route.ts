import { z } from "zod";
import { queryRoute } from "@/server/http/route-helpers";
import { getRevisedAt } from "@/server/scorecard/get-revision";
import { scorecardWeek } from "@/server/scorecard/scorecard-week";
import { getServices } from "@/server/services";
import { weekRange } from "@/lib/time/iso-week";

const querySchema = z.object({ week: z.string().max(20).optional() }).strict();

/** Whether a closed week was revised by events that arrived after it ended: `{ week, revisedAt }` (null: never). */
export const GET = queryRoute("scorecard.read", querySchema, async ({ query }) => {
  const { pool, env } = getServices();
  const week = scorecardWeek(query.week, env.ONEPOOL_TIMEZONE);
  if (!week.ok) return week.response;
  const { from, to } = weekRange(week.week, env.ONEPOOL_TIMEZONE);
  const at = await getRevisedAt(pool, from, to);
  return Response.json({ week: week.week, revisedAt: at?.toISOString() ?? null });
});
