import { rotateSourceSecretSchema } from "@/lib/contracts/sources";
import { rotateSourceSecret } from "@/server/connectors/rotate-source-secret";
import { bodyRoute } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** Rotate: add a secret (generated unless given) and let the current ones expire after the overlap. */
export const POST = bodyRoute("connectors.manage", rotateSourceSecretSchema, 8 * 1024, async ({ data, actor }, { code }: { code: string }) => {
  const services = getServices();
  const r = await rotateSourceSecret(services.pool, services.box, code, data, actor);
  services.sources.forget(code);
  return Response.json(r, { status: 201 });
});
