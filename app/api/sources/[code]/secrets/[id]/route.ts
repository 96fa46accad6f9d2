import { revokeSourceSecret } from "@/server/connectors/rotate-source-secret";
import { authorizedRoute } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** Revoke a secret at once: deliveries signed with it are refused from the next request on. */
export const DELETE = authorizedRoute("connectors.manage", async ({ actor }, { code, id }: { code: string; id: string }) => {
  const services = getServices();
  const r = await revokeSourceSecret(services.pool, code, id, actor);
  services.sources.forget(code);
  return Response.json(r);
});
