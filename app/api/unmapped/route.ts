import { z } from "zod";
import { readQuery, route } from "@/server/http/route-helpers";
import { getUnmapped } from "@/server/queries/get-unmapped";
import { getServices } from "@/server/services";

const query = z.object({ channel: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }).strict();

export const GET = route(async (req: Request) => {
  const parsed = await readQuery(req, query);
  if (!parsed.ok) return parsed.response;
  return Response.json(await getUnmapped(getServices().pool, parsed.query));
});
