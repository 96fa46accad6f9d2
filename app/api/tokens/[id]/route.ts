import { revokeToken } from "@/server/auth/manage-tokens";
import { adminErrorResponse } from "@/server/http/admin-error-response";
import { authorize, route } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** Revoke at once (the verifier's 1 s cache is dropped here; other instances follow within a second). */
export const DELETE = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const auth = await authorize(req, "tokens.manage");
  if (!auth.ok) return auth.response;
  const { id } = await ctx.params;
  const services = getServices();
  try {
    const r = await revokeToken(services.pool, id, auth.actor);
    services.tokens.forget();
    return Response.json(r);
  } catch (err) {
    return adminErrorResponse(err);
  }
});
