import { revokeToken } from "@/server/auth/manage-tokens";
import { authorizedRoute } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** Revoke at once: the verifier's cache is dropped and its live sockets end, here and on every other instance. */
export const DELETE = authorizedRoute("tokens.manage", async ({ actor }, { id }: { id: string }) => {
  const services = getServices();
  const r = await revokeToken(services.pool, id, actor);
  services.tokens.forget();
  services.hub?.revoke({ kind: "token", id });
  return Response.json(r);
});
