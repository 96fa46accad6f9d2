import { authorize, route } from "@/server/http/route-helpers";
import { unlockPerson } from "@/server/people/unlock-person";
import { getServices } from "@/server/services";

/** Clear a person's failed sign-ins (their account's backoff), audited. */
export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const auth = await authorize(req, "users.manage");
  if (!auth.ok) return auth.response;
  const { id } = await ctx.params;
  const services = getServices();
  return Response.json(await unlockPerson(services.pool, services.loginLimiter, id, auth.actor));
});
