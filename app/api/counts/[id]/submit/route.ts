import { submitCount } from "@/server/counts/move-count";
import { authorize, route } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** open → in_review. */
export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const auth = await authorize(req, "counts.write");
  if (!auth.ok) return auth.response;
  return Response.json(await submitCount(getServices().pool, (await ctx.params).id, auth.actor));
});
