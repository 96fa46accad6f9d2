import { cancelCount } from "@/server/counts/move-count";
import { authorize, route } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** → cancelled; its creator or a reviewer (checked in cancelCount). */
export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const auth = await authorize(req, "counts.write");
  if (!auth.ok) return auth.response;
  return Response.json(await cancelCount(getServices().pool, (await ctx.params).id, auth.actor));
});
