import { revokeSourceSecret } from "@/server/connectors/rotate-source-secret";
import { authorize, route } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** Revoke a secret at once: deliveries signed with it are refused from the next request on. */
export const DELETE = route(async (req: Request, ctx: { params: Promise<{ code: string; id: string }> }) => {
  const auth = await authorize(req, "connectors.manage");
  if (!auth.ok) return auth.response;
  const { code, id } = await ctx.params;
  const services = getServices();
  const r = await revokeSourceSecret(services.pool, code, id, auth.actor);
  services.sources.forget(code);
  return Response.json(r);
});
