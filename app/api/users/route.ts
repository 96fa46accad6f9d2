import { authorizedRoute, bodyRoute } from "@/server/http/route-helpers";
import { createPerson } from "@/server/people/create-person";
import { createPersonSchema } from "@/lib/contracts/people";
import { inTransaction } from "@/server/db/in-transaction";
import { getPeople } from "@/server/queries/get-people";
import { getServices } from "@/server/services";

export const GET = authorizedRoute("users.manage", async () => Response.json({ people: await getPeople(getServices().pool) }));

/** An admin creates a person with a first password, to hand over; they change it under Account. */
export const POST = bodyRoute("users.manage", createPersonSchema, 4 * 1024, async ({ data, actor }) => {
  const { pool, auth: betterAuth } = getServices();
  return Response.json(await inTransaction(pool, (db) => createPerson(db, betterAuth, data, actor)), { status: 201 });
});
