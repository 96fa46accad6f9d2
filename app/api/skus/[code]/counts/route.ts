import { cycleCountSchema } from "@/lib/contracts/counts";
import { recordCycleCount } from "@/server/counts/record-cycle-count";
import { readAuthorizedBody, route, skuNotFound } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** An analyst's cycle count of one SKU at one location: 201 with the event id, `trusted` says whether it moves on_hand. */
export const POST = route(async (req: Request, ctx: { params: Promise<{ code: string }> }) => {
  const parsed = await readAuthorizedBody(req, "counts.write", cycleCountSchema, 4 * 1024);
  if (!parsed.ok) return parsed.response;
  // Next hands params over decoded: decoding again broke codes holding "%" (a 500) or "%20".
  const { code } = await ctx.params;
  const missing = await skuNotFound(code);
  if (missing) return missing;
  return Response.json(await recordCycleCount(getServices(), code, parsed.data, parsed.actor), { status: 201 });
});
