import { adminErrorResponse } from "@/server/http/admin-error-response";
import { authorize, readBody, route } from "@/server/http/route-helpers";
import { previewRule } from "@/server/rules/preview-rule";
import { previewRuleSchema } from "@/lib/contracts/rules";
import { getServices } from "@/server/services";

/** What a candidate rule (new, edited or deleted) would change, without saving it. Anyone who reads may ask. */
export const POST = route(async (req: Request) => {
  const auth = await authorize(req, "stock.read");
  if (!auth.ok) return auth.response;
  const parsed = await readBody(req, previewRuleSchema, 8 * 1024);
  if (!parsed.ok) return parsed.response;
  try {
    return Response.json(await previewRule(getServices().readPool, parsed.data));
  } catch (err) {
    return adminErrorResponse(err);
  }
});
