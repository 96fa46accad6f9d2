import { rotateTokenSchema } from "@/lib/contracts/tokens";
import { rotateToken } from "@/server/auth/manage-tokens";
import { readAuthorizedBody, route } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const parsed = await readAuthorizedBody(req, "tokens.manage", rotateTokenSchema, 4 * 1024);
  if (!parsed.ok) return parsed.response;
  const { id } = await ctx.params;
  const services = getServices();
  const r = await rotateToken(services.pool, id, parsed.data, parsed.actor);
  services.tokens.forget();
  // Overlap 0 revokes the old token now; otherwise its sockets end at the overlap's expiry (re-check).
  if (parsed.data.overlapSeconds === 0) services.hub?.revoke({ kind: "token", id });
  return Response.json(r, { status: 201 });
});
