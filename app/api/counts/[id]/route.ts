import { z } from "zod";
import { jsonError, queryRoute } from "@/server/http/route-helpers";
import { getCount } from "@/server/queries/get-count";
import { getServices } from "@/server/services";

/** A count and its lines; system numbers only for whom blind mode allows (server/queries/get-count.ts). */
export const GET = queryRoute("stock.read", z.object({}).strict(), async ({ actor }, { id }: { id: string }) => {
  const count = await getCount(getServices().pool, id, actor);
  return count ? Response.json(count) : jsonError(404, "not_found", `no count "${id}"`);
});
