import { z } from "zod";
import { isoWeekParam } from "@/lib/contracts/scorecard";
import { queryRoute } from "@/server/http/route-helpers";
import { listDeliveries } from "@/server/scorecard-mail/list-deliveries";
import { getServices } from "@/server/services";

const querySchema = z
  .object({
    week: isoWeekParam.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();

/** Admins: the weekly scorecard e-mail's send history (week, person, status, when, error). */
export const GET = queryRoute("users.manage", querySchema, async ({ query }) => {
  const { env, pool } = getServices();
  return Response.json({ mailEnabled: !!env.ONEPOOL_SMTP_URL, timezone: env.ONEPOOL_TIMEZONE, deliveries: await listDeliveries(pool, query) });
});
