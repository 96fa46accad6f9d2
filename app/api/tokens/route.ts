import { createTokenSchema } from "@/lib/contracts/tokens";
import { issueToken, listTokens } from "@/server/auth/manage-tokens";
import { authorizedRoute, bodyRoute } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** Connector tokens are credentials: even listing them (names, scopes, prefixes) needs the admin scope. */
export const GET = authorizedRoute("tokens.manage", async () => Response.json({ tokens: await listTokens(getServices().pool) }));

export const POST = bodyRoute("tokens.manage", createTokenSchema, 8 * 1024, async ({ data, actor }) => Response.json(await issueToken(getServices().pool, data, actor), { status: 201 }));
