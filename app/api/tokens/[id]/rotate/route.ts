import { rotateTokenSchema } from "@/lib/contracts/tokens";
import { rotateToken } from "@/server/auth/manage-tokens";
import { bodyRoute } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

export const POST = bodyRoute("tokens.manage", rotateTokenSchema, 4 * 1024, async ({ data, actor }, { id }: { id: string }) => {
  const services = getServices();
  const r = await rotateToken(services.pool, id, data, actor);
  services.tokens.forget();
  // Overlap 0 revokes the old token now; otherwise its sockets end at the overlap's expiry (re-check).
  if (data.overlapSeconds === 0) services.hub?.revoke({ kind: "token", id });
  return Response.json(r, { status: 201 });
});
