import { rotateSourceSecretSchema } from "@/lib/contracts/sources";
import { rotateSourceSecret } from "@/server/connectors/rotate-source-secret";
import { readAuthorizedBody, route } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** Rotate: add a secret (generated unless given) and let the current ones expire after the overlap. */
export const POST = route(async (req: Request, ctx: { params: Promise<{ code: string }> }) => {
  const parsed = await readAuthorizedBody(req, "connectors.manage", rotateSourceSecretSchema, 8 * 1024);
  if (!parsed.ok) return parsed.response;
  const { code } = await ctx.params;
  const services = getServices();
  const r = await rotateSourceSecret(services.pool, services.box, code, parsed.data, parsed.actor);
  services.sources.forget(code);
  return Response.json(r, { status: 201 });
});
