import { authorize, jsonError, route } from "@/server/http/route-helpers";
import { endPause } from "@/server/pauses/save-pause";
import { getServices } from "@/server/services";

/** Resume: the numbers come back before this answers. */
export const DELETE = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const auth = await authorize(req, "pauses.write");
  if (!auth.ok) return auth.response;
  const { id } = await ctx.params;
  if (!/^\d{1,18}$/.test(id)) return jsonError(404, "not_found", "no such pause");
  const { pool, publisher } = getServices();
  const r = await endPause(pool, id, auth.actor, publisher);
  return Response.json(r);
});
