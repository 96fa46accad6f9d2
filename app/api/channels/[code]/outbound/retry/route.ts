import { authorize, route } from "@/server/http/route-helpers";
import { retryOutboundNow } from "@/server/outbound/save-outbound";
import { getServices } from "@/server/services";

type Ctx = { params: Promise<{ code: string }> };

/** Send the channel's waiting pushes now rather than at their next backoff (after the cause is fixed). */
export const POST = route(async (req: Request, ctx: Ctx) => {
  const auth = await authorize(req, "connectors.manage");
  if (!auth.ok) return auth.response;
  const { pool, outbound } = getServices();
  const r = await retryOutboundNow(pool, (await ctx.params).code, auth.actor);
  outbound.kick();
  return Response.json(r);
});
