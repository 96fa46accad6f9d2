import { actorCan } from "@/lib/auth/actor";
import { sourceSchema } from "@/lib/contracts/sources";
import { upsertSource } from "@/server/connectors/upsert-source";
import { authorizedRoute, bodyRoute, jsonError } from "@/server/http/route-helpers";
import { getSources } from "@/server/queries/get-sources";
import { getServices } from "@/server/services";

export const GET = authorizedRoute("stock.read", async ({ actor }, { code }: { code: string }) => {
  const { pool, limiter } = getServices();
  const [source] = await getSources(pool, code, { secretHints: actorCan(actor, "connectors.manage") });
  if (!source) return jsonError(404, "not_found", `no source "${code}"`);
  return Response.json({ ...source, health: { ...source.health, rateLimitedSinceStart: limiter.refused.get(code) ?? 0 } });
});

export const PUT = bodyRoute("connectors.manage", sourceSchema, 64 * 1024, async ({ data, actor }, { code }: { code: string }) => {
  const services = getServices();
  const { created } = await upsertSource(services.pool, services.box, code, data, actor);
  services.sources.forget(code);
  const [source] = await getSources(services.pool, code, { secretHints: true });
  return Response.json(source, { status: created ? 201 : 200 });
});
