import { AdminError } from "@/server/http/admin-error";
import { readBody, route } from "@/server/http/route-helpers";
import { createFirstAdmin } from "@/server/people/create-first-admin";
import { firstAdminSchema } from "@/lib/contracts/auth";
import { hasPeople } from "@/server/queries/get-people";
import { getServices } from "@/server/services";

/** First run only: create the first admin, with the setup code from the server's log (403 if wrong). Once anybody exists this is a 409, whoever asks. */
export const POST = route(async (req: Request) => {
  const { pool, auth, setupCode } = getServices();
  if (await hasPeople(pool)) throw new AdminError(409, "already_set_up", "Onepool already has people: sign in, or ask an admin for an account");
  const parsed = await readBody(req, firstAdminSchema, 4 * 1024);
  if (!parsed.ok) return parsed.response;
  return Response.json(await createFirstAdmin(pool, auth, parsed.data, setupCode), { status: 201 });
});
