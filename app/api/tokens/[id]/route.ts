import { revokeToken } from "@/server/auth/manage-tokens";
import { authorize, route } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** Revoke at once: the verifier's cache is dropped and its live sockets end, here and on every other instance. */
export const DELETE = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const auth = await authorize(req, "tokens.manage");
  if (!auth.ok) return auth.response;
  const { id } = await ctx.params;
  const services = getServices();
  const r = await revokeToken(services.pool, id, auth.actor);
  services.tokens.forget();
  services.hub?.revoke({ kind: "token", id });
  return Response.json(r);
});
