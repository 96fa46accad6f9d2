import { z } from "zod";
import { bodyRoute, jsonError, queryRoute } from "@/server/http/route-helpers";
import { updateRuleSchema } from "@/lib/contracts/rules";
import { deleteRule, updateRule } from "@/server/rules/save-rule";
import { getServices } from "@/server/services";
import { isRowId } from "@/lib/contracts/row-id";

const ruleId = (id: string) => (isRowId(id) ? id : null);

/** Change fields (null removes one); `version` must be the one edited, else 409 with the rule as it is now. */
export const PATCH = bodyRoute("rules.write", updateRuleSchema, 8 * 1024, async ({ data, actor }, params: { id: string }) => {
  const id = ruleId(params.id);
  if (!id) return jsonError(404, "not_found", "no such rule");
  const { pool, publisher } = getServices();
  const rule = await updateRule(pool, id, data, actor, publisher);
  return Response.json(rule);
});

export const DELETE = queryRoute("rules.write", z.object({ version: z.coerce.number().int().min(1).optional() }).strict(), async ({ query, actor }, params: { id: string }) => {
  const id = ruleId(params.id);
  if (!id) return jsonError(404, "not_found", "no such rule");
  const { pool, publisher } = getServices();
  const r = await deleteRule(pool, id, query.version ?? null, actor, publisher);
  return Response.json(r);
});
