import { z } from "zod";
import { bodyRoute, queryRoute } from "@/server/http/route-helpers";
import { createPauseSchema } from "@/lib/contracts/pauses";
import { createPause, getPauses } from "@/server/pauses/save-pause";
import { getServices } from "@/server/services";

export const GET = queryRoute("stock.read", z.object({}).strict(), async () => Response.json({ pauses: await getPauses(getServices().pool) }));

/** Pause a channel, a SKU on every channel, or one (channel, SKU); answered once the numbers show 0. */
export const POST = bodyRoute("pauses.write", createPauseSchema, 4 * 1024, async ({ data, actor }) => {
  const { pool, publisher } = getServices();
  const pause = await createPause(pool, data, actor, publisher);
  return Response.json(pause, { status: 201 });
});
