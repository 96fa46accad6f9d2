import { adminErrorResponse } from "@/server/http/admin-error-response";
import { authorize, readBody, route } from "@/server/http/route-helpers";
import { updatePersonSchema } from "@/lib/contracts/people";
import { updatePerson } from "@/server/people/update-person";
import { getServices } from "@/server/services";

/** Change name, role, active (false = deactivate: sessions and live connections end now) or password. */
export const PATCH = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const auth = await authorize(req, "users.manage");
  if (!auth.ok) return auth.response;
  const parsed = await readBody(req, updatePersonSchema, 4 * 1024);
  if (!parsed.ok) return parsed.response;
  const { id } = await ctx.params;
  const services = getServices();
  try {
    const r = await updatePerson(services.pool, services.auth, id, parsed.data, auth.actor);
    if (r.disconnect) services.hub?.disconnectPerson(id);
    return Response.json(r);
  } catch (err) {
    return adminErrorResponse(err);
  }
});
