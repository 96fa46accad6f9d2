import { readAuthorizedBody, route } from "@/server/http/route-helpers";
import { updatePersonSchema } from "@/lib/contracts/people";
import { updatePerson } from "@/server/people/update-person";
import { getServices } from "@/server/services";

/** Change name, role, active (false = deactivate: sessions and live connections end now) or password. */
export const PATCH = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const parsed = await readAuthorizedBody(req, "users.manage", updatePersonSchema, 4 * 1024);
  if (!parsed.ok) return parsed.response;
  const { id } = await ctx.params;
  const services = getServices();
  const r = await updatePerson(services.pool, services.auth, id, parsed.data, parsed.actor);
  if (r.disconnect) services.hub?.disconnectPerson(id);
  return Response.json(r);
});
