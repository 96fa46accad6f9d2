import { adminErrorResponse } from "@/server/http/admin-error-response";
import { readBody, route } from "@/server/http/route-helpers";
import { createFirstAdmin } from "@/server/people/create-first-admin";
import { firstAdminSchema } from "@/server/people/person-input";
import { getServices } from "@/server/services";

/** First run only: create the first admin. Once anybody exists this is a 409, whoever asks. */
export const POST = route(async (req: Request) => {
  const parsed = await readBody(req, firstAdminSchema, 4 * 1024);
  if (!parsed.ok) return parsed.response;
  const { pool, auth } = getServices();
  try {
    return Response.json(await createFirstAdmin(pool, auth, parsed.data), { status: 201 });
  } catch (err) {
    return adminErrorResponse(err);
  }
});
