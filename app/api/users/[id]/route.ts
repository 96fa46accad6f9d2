import { bodyRoute } from "@/server/http/route-helpers";
import { updatePersonSchema } from "@/lib/contracts/people";
import { updatePerson } from "@/server/people/update-person";
import { getServices } from "@/server/services";

/** Change name, role, active (false = deactivate: sessions and live connections end now) or password. */
export const PATCH = bodyRoute("users.manage", updatePersonSchema, 4 * 1024, async ({ data, actor }, { id }: { id: string }) => {
  const services = getServices();
  const r = await updatePerson(services.pool, services.auth, id, data, actor);
  if (r.disconnect) services.hub?.disconnectPerson(id);
  return Response.json(r);
});
