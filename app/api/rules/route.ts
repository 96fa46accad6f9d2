import { z } from "zod";
import { bodyRoute, queryRoute } from "@/server/http/route-helpers";
import { getChannelLatencies } from "@/server/queries/get-channel-latencies";
import { getRules } from "@/server/queries/get-rules";
import { createRuleSchema } from "@/lib/contracts/rules";
import { createRule } from "@/server/rules/save-rule";
import { getServices } from "@/server/services";

export const GET = queryRoute("stock.read", z.object({ channel: z.string().trim().min(1).max(100).optional() }).strict(), async ({ query }) => {
  const { pool } = getServices();
  // With the rules, the latency their dynamic k multiplies (the Rules page shows it).
  const [rules, latencies] = await Promise.all([getRules(pool, query.channel), getChannelLatencies(pool, query.channel)]);
  return Response.json({ rules, latencies });
});

/** A rule for a channel, a tag or a SKU; answered once every published number reflects it. */
export const POST = bodyRoute("rules.write", createRuleSchema, 8 * 1024, async ({ data, actor }) => {
  const { pool, publisher } = getServices();
  const rule = await createRule(pool, data, actor, publisher);
  return Response.json(rule, { status: 201 });
});
