import { authorizedRoute } from "@/server/http/route-helpers";
import { unlockPerson } from "@/server/people/unlock-person";
import { getServices } from "@/server/services";

/** Clear a person's failed sign-ins (their account's backoff), audited. */
export const POST = authorizedRoute("users.manage", async ({ actor }, { id }: { id: string }) => {
  const services = getServices();
  return Response.json(await unlockPerson(services.pool, services.loginLimiter, id, actor));
});
