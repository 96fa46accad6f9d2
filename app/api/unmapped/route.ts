import { z } from "zod";
import { queryRoute } from "@/server/http/route-helpers";
import { getUnmapped } from "@/server/queries/get-unmapped";
import { getServices } from "@/server/services";

const querySchema = z.object({ channel: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }).strict();

export const GET = queryRoute("stock.read", querySchema, async ({ query }) => Response.json(await getUnmapped(getServices().pool, query)));
