import { adminErrorResponse } from "@/server/http/admin-error-response";
import { readJson, route, validationError } from "@/server/http/route-helpers";
import { createFirstAdmin } from "@/server/people/create-first-admin";
import { firstAdminSchema } from "@/server/people/person-input";
import { getServices } from "@/server/services";

/** First run only: create the first admin. Once anybody exists this is a 409, whoever asks. */
export const POST = route(async (req: Request) => {
  const body = await readJson(req, 4 * 1024);
  if (!body.ok) return body.response;
  const parsed = firstAdminSchema.safeParse(body.body);
  if (!parsed.success) return validationError(parsed.error);
  const { pool, auth } = getServices();
  try {
    return Response.json(await createFirstAdmin(pool, auth, parsed.data), { status: 201 });
  } catch (err) {
    return adminErrorResponse(err);
  }
});
