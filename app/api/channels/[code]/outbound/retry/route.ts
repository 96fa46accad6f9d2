import { authorizedRoute } from "@/server/http/route-helpers";
import { retryOutboundNow } from "@/server/outbound/save-outbound";
import { getServices } from "@/server/services";

/** Send the channel's waiting pushes now rather than at their next backoff (after the cause is fixed). */
export const POST = authorizedRoute("connectors.manage", async ({ actor }, { code }: { code: string }) => {
  const { pool, outbound } = getServices();
  const r = await retryOutboundNow(pool, code, actor);
  outbound.kick();
  return Response.json(r);
});
