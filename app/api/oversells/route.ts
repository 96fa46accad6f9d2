import { z } from "zod";
import { isoWeekParam } from "@/lib/contracts/scorecard";
import { OVERSELL_CAUSES, type OversellsResponse } from "@/lib/contracts/oversells";
import { lastCompleteWeek, weekRange } from "@/lib/time/iso-week";
import { requireCatalogId } from "@/server/catalog/find-catalog-id";
import { queryRoute } from "@/server/http/route-helpers";
import { getOversells } from "@/server/oversells/get-oversells";
import { getServices } from "@/server/services";

const querySchema = z
  .object({
    week: isoWeekParam.optional(),
    channel: z.string().trim().min(1).max(100).optional(),
    cause: z.enum(OVERSELL_CAUSES).optional(),
  })
  .strict();

/** docs/OVERSELLS.md, docs/API.md: the oversold order lines whose cancellation falls in the week (default: the last complete one), with their cause. */
export const GET = queryRoute("scorecard.read", querySchema, async ({ query }) => {
  const { pool, env } = getServices();
  const { channel, cause } = query;
  if (channel !== undefined) await requireCatalogId(pool, "channel", channel, { code: "invalid_field", message: `channel: no channel with code "${channel}"` });
  const week = query.week ?? lastCompleteWeek(Date.now(), env.ONEPOOL_TIMEZONE);
  const { from, to } = weekRange(week, env.ONEPOOL_TIMEZONE);
  const body: OversellsResponse = { week, timezone: env.ONEPOOL_TIMEZONE, oversells: await getOversells(pool, { from, to, channel, cause }) };
  return Response.json(body);
});
