import { cycleCountSchema, recordCycleCount } from "@/server/counts/record-cycle-count";
import { adminErrorResponse } from "@/server/http/admin-error-response";
import { authorize, readJson, route, skuNotFound, validationError } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** An analyst's cycle count of one SKU at one location: 201 with the event id, `trusted` says whether it moves on_hand. */
export const POST = route(async (req: Request, ctx: { params: Promise<{ code: string }> }) => {
  const auth = await authorize(req, "counts.write");
  if (!auth.ok) return auth.response;
  const body = await readJson(req, 4 * 1024);
  if (!body.ok) return body.response;
  const parsed = cycleCountSchema.safeParse(body.body);
  if (!parsed.success) return validationError(parsed.error);
  const code = decodeURIComponent((await ctx.params).code);
  const missing = await skuNotFound(code);
  if (missing) return missing;
  try {
    return Response.json(await recordCycleCount(getServices(), code, parsed.data, auth.actor), { status: 201 });
  } catch (err) {
    return adminErrorResponse(err);
  }
});
