import { authorize, readAuthorizedBody, route } from "@/server/http/route-helpers";
import { createPerson } from "@/server/people/create-person";
import { createPersonSchema } from "@/lib/contracts/people";
import { inTransaction } from "@/server/db/in-transaction";
import { getPeople } from "@/server/queries/get-people";
import { getServices } from "@/server/services";

export const GET = route(async (req: Request) => {
  const auth = await authorize(req, "users.manage");
  if (!auth.ok) return auth.response;
  return Response.json({ people: await getPeople(getServices().pool) });
});

/** An admin creates a person with a first password, to hand over; they change it under Account. */
export const POST = route(async (req: Request) => {
  const parsed = await readAuthorizedBody(req, "users.manage", createPersonSchema, 4 * 1024);
  if (!parsed.ok) return parsed.response;
  const { pool, auth: betterAuth } = getServices();
  return Response.json(await inTransaction(pool, (db) => createPerson(db, betterAuth, parsed.data, parsed.actor)), { status: 201 });
});
