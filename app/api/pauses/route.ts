import { z } from "zod";
import { readAuthorizedBody, readQuery, route } from "@/server/http/route-helpers";
import { createPauseSchema } from "@/lib/contracts/pauses";
import { createPause, getPauses } from "@/server/pauses/save-pause";
import { getServices } from "@/server/services";

export const GET = route(async (req: Request) => {
  const q = await readQuery(req, z.object({}).strict());
  if (!q.ok) return q.response;
  return Response.json({ pauses: await getPauses(getServices().pool) });
});

/** Pause a channel, a SKU on every channel, or one (channel, SKU); answered once the numbers show 0. */
export const POST = route(async (req: Request) => {
  const parsed = await readAuthorizedBody(req, "pauses.write", createPauseSchema, 4 * 1024);
  if (!parsed.ok) return parsed.response;
  const { pool, publisher } = getServices();
  const pause = await createPause(pool, parsed.data, parsed.actor, publisher);
  return Response.json(pause, { status: 201 });
});
