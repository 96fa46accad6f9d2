import { z } from "zod";
import { adminErrorResponse } from "@/server/http/admin-error-response";
import { authorize, readBody, readQuery, route } from "@/server/http/route-helpers";
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
  const auth = await authorize(req, "pauses.write");
  if (!auth.ok) return auth.response;
  const parsed = await readBody(req, createPauseSchema, 4 * 1024);
  if (!parsed.ok) return parsed.response;
  const { pool, publisher } = getServices();
  try {
    const pause = await createPause(pool, parsed.data, auth.actor, publisher);
    return Response.json(pause, { status: 201 });
  } catch (err) {
    return adminErrorResponse(err);
  }
});
