import { z } from "zod";
import { readAuthorizedBody, readQuery, route } from "@/server/http/route-helpers";
import { getChannelLatencies } from "@/server/queries/get-channel-latencies";
import { getRules } from "@/server/queries/get-rules";
import { createRuleSchema } from "@/lib/contracts/rules";
import { createRule } from "@/server/rules/save-rule";
import { getServices } from "@/server/services";

export const GET = route(async (req: Request) => {
  const q = await readQuery(req, z.object({ channel: z.string().trim().min(1).max(100).optional() }).strict());
  if (!q.ok) return q.response;
  const { pool } = getServices();
  // With the rules, the latency their dynamic k multiplies (the Rules page shows it).
  const [rules, latencies] = await Promise.all([getRules(pool, q.query.channel), getChannelLatencies(pool, q.query.channel)]);
  return Response.json({ rules, latencies });
});

/** A rule for a channel, a tag or a SKU; answered once every published number reflects it. */
export const POST = route(async (req: Request) => {
  const parsed = await readAuthorizedBody(req, "rules.write", createRuleSchema, 8 * 1024);
  if (!parsed.ok) return parsed.response;
  const { pool, publisher } = getServices();
  const rule = await createRule(pool, parsed.data, parsed.actor, publisher);
  return Response.json(rule, { status: 201 });
});
