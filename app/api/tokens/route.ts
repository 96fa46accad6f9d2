import { createTokenSchema, issueToken, listTokens } from "@/server/auth/manage-tokens";
import { authorize, readJson, route, validationError } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** Connector tokens are credentials: even listing them (names, scopes, prefixes) needs the admin scope. */
export const GET = route(async (req: Request) => {
  const auth = await authorize(req, "tokens.manage");
  if (!auth.ok) return auth.response;
  return Response.json({ tokens: await listTokens(getServices().pool) });
});

export const POST = route(async (req: Request) => {
  const auth = await authorize(req, "tokens.manage");
  if (!auth.ok) return auth.response;
  const body = await readJson(req, 8 * 1024);
  if (!body.ok) return body.response;
  const parsed = createTokenSchema.safeParse(body.body);
  if (!parsed.success) return validationError(parsed.error);
  return Response.json(await issueToken(getServices().pool, parsed.data, auth.actor), { status: 201 });
});
