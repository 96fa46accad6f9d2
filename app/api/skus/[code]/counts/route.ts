import { cycleCountSchema } from "@/lib/contracts/counts";
import { recordCycleCount } from "@/server/counts/record-cycle-count";
import { adminErrorResponse } from "@/server/http/admin-error-response";
import { authorize, readBody, route, skuNotFound } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** An analyst's cycle count of one SKU at one location: 201 with the event id, `trusted` says whether it moves on_hand. */
export const POST = route(async (req: Request, ctx: { params: Promise<{ code: string }> }) => {
  const auth = await authorize(req, "counts.write");
  if (!auth.ok) return auth.response;
  const parsed = await readBody(req, cycleCountSchema, 4 * 1024);
  if (!parsed.ok) return parsed.response;
  // Next hands params over decoded: decoding again broke codes holding "%" (a 500) or "%20".
  const { code } = await ctx.params;
  const missing = await skuNotFound(code);
  if (missing) return missing;
  try {
    return Response.json(await recordCycleCount(getServices(), code, parsed.data, auth.actor), { status: 201 });
  } catch (err) {
    return adminErrorResponse(err);
  }
});
