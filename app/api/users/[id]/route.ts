import { adminErrorResponse } from "@/server/http/admin-error-response";
import { authorize, readJson, route, validationError } from "@/server/http/route-helpers";
import { updatePersonSchema } from "@/server/people/person-input";
import { updatePerson } from "@/server/people/update-person";
import { getServices } from "@/server/services";

/** Change name, role, active (false = deactivate: sessions and live connections end now) or password. */
export const PATCH = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const auth = await authorize(req, "users.manage");
  if (!auth.ok) return auth.response;
  const body = await readJson(req, 4 * 1024);
  if (!body.ok) return body.response;
  const parsed = updatePersonSchema.safeParse(body.body);
  if (!parsed.success) return validationError(parsed.error);
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
