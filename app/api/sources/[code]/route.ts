import { actorCan } from "@/lib/auth/actor";
import { sourceSchema } from "@/lib/contracts/sources";
import { upsertSource } from "@/server/connectors/upsert-source";
import { authorize, jsonError, readAuthorizedBody, route } from "@/server/http/route-helpers";
import { getSources } from "@/server/queries/get-sources";
import { getServices } from "@/server/services";

type Ctx = { params: Promise<{ code: string }> };

export const GET = route(async (req: Request, ctx: Ctx) => {
  const auth = await authorize(req, "stock.read");
  if (!auth.ok) return auth.response;
  const { code } = await ctx.params;
  const { pool, limiter } = getServices();
  const [source] = await getSources(pool, code, { secretHints: actorCan(auth.actor, "connectors.manage") });
  if (!source) return jsonError(404, "not_found", `no source "${code}"`);
  return Response.json({ ...source, health: { ...source.health, rateLimitedSinceStart: limiter.refused.get(code) ?? 0 } });
});

export const PUT = route(async (req: Request, ctx: Ctx) => {
  const parsed = await readAuthorizedBody(req, "connectors.manage", sourceSchema, 64 * 1024);
  if (!parsed.ok) return parsed.response;
  const { code } = await ctx.params;
  const services = getServices();
  const { created } = await upsertSource(services.pool, services.box, code, parsed.data, parsed.actor);
  services.sources.forget(code);
  const [source] = await getSources(services.pool, code, { secretHints: true });
  return Response.json(source, { status: created ? 201 : 200 });
});
