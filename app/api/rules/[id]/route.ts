import { z } from "zod";
import { authorize, jsonError, readAuthorizedBody, route, validationError } from "@/server/http/route-helpers";
import { updateRuleSchema } from "@/lib/contracts/rules";
import { deleteRule, updateRule } from "@/server/rules/save-rule";
import { getServices } from "@/server/services";

type Ctx = { params: Promise<{ id: string }> };
const ruleId = async (ctx: Ctx) => {
  const { id } = await ctx.params;
  return /^\d{1,18}$/.test(id) ? id : null;
};

/** Change fields (null removes one); `version` must be the one edited, else 409 with the rule as it is now. */
export const PATCH = route(async (req: Request, ctx: Ctx) => {
  const parsed = await readAuthorizedBody(req, "rules.write", updateRuleSchema, 8 * 1024);
  if (!parsed.ok) return parsed.response;
  const id = await ruleId(ctx);
  if (!id) return jsonError(404, "not_found", "no such rule");
  const { pool, publisher } = getServices();
  const rule = await updateRule(pool, id, parsed.data, parsed.actor, publisher);
  return Response.json(rule);
});

export const DELETE = route(async (req: Request, ctx: Ctx) => {
  const auth = await authorize(req, "rules.write");
  if (!auth.ok) return auth.response;
  const q = z
    .object({ version: z.coerce.number().int().min(1).optional() })
    .strict()
    .safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!q.success) return validationError(q.error);
  const id = await ruleId(ctx);
  if (!id) return jsonError(404, "not_found", "no such rule");
  const { pool, publisher } = getServices();
  const r = await deleteRule(pool, id, q.data.version ?? null, auth.actor, publisher);
  return Response.json(r);
});
