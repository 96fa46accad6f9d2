import { z } from "zod";
import { jsonError, readQuery, route } from "@/server/http/route-helpers";
import { getCount } from "@/server/queries/get-count";
import { getServices } from "@/server/services";

/** A count and its lines; system numbers only for whom blind mode allows (server/queries/get-count.ts). */
export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const q = await readQuery(req, z.object({}).strict());
  if (!q.ok) return q.response;
  const { id } = await ctx.params;
  const count = await getCount(getServices().pool, id, q.actor);
  return count ? Response.json(count) : jsonError(404, "not_found", `no count "${id}"`);
});
