import { bodyRoute } from "@/server/http/route-helpers";
import { previewRule } from "@/server/rules/preview-rule";
import { previewRuleSchema } from "@/lib/contracts/rules";
import { getServices } from "@/server/services";

/** What a candidate rule (new, edited or deleted) would change, without saving it. Anyone who reads may ask. */
export const POST = bodyRoute("stock.read", previewRuleSchema, 8 * 1024, async ({ data }) => Response.json(await previewRule(getServices().readPool, data)));
