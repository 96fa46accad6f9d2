import { createTokenSchema } from "@/lib/contracts/tokens";
import { issueToken, listTokens } from "@/server/auth/manage-tokens";
import { authorize, readAuthorizedBody, route } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** Connector tokens are credentials: even listing them (names, scopes, prefixes) needs the admin scope. */
export const GET = route(async (req: Request) => {
  const auth = await authorize(req, "tokens.manage");
  if (!auth.ok) return auth.response;
  return Response.json({ tokens: await listTokens(getServices().pool) });
});

export const POST = route(async (req: Request) => {
  const parsed = await readAuthorizedBody(req, "tokens.manage", createTokenSchema, 8 * 1024);
  if (!parsed.ok) return parsed.response;
  return Response.json(await issueToken(getServices().pool, parsed.data, parsed.actor), { status: 201 });
});
