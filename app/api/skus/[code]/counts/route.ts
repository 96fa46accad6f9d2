import { cycleCountSchema } from "@/lib/contracts/counts";
import { recordCycleCount } from "@/server/counts/record-cycle-count";
import { bodyRoute, skuNotFound } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** An analyst's cycle count of one SKU at one location: 201 with the event id, `trusted` says whether it moves on_hand. */
export const POST = bodyRoute("counts.write", cycleCountSchema, 4 * 1024, async ({ data, actor }, { code }: { code: string }) => {
  const missing = await skuNotFound(code);
  if (missing) return missing;
  return Response.json(await recordCycleCount(getServices(), code, data, actor), { status: 201 });
});
