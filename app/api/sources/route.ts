import { z } from "zod";
import { actorCan } from "@/lib/auth/actor";
import { queryRoute } from "@/server/http/route-helpers";
import { getSources } from "@/server/queries/get-sources";
import { getServices } from "@/server/services";

export const GET = queryRoute("stock.read", z.object({}).strict(), async ({ actor }) => {
  const { pool, limiter, senders } = getServices();
  // A secret's last characters narrow a guess: only for those who manage connectors (review #19).
  const sources = await getSources(pool, undefined, { secretHints: actorCan(actor, "connectors.manage") });
  const registered = new Set(sources.map((s) => s.code));
  return Response.json({
    sources: sources.map((s) => ({ ...s, health: { ...s.health, rateLimitedSinceStart: limiter.refused.get(s.code) ?? 0 } })),
    // Senders of canonical events (POST /api/events) that are not webhook sources; this instance's view.
    senders: senders.summary(Date.now()).filter((s) => !registered.has(s.source)),
  });
});
