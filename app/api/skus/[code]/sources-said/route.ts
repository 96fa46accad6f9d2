import { z } from "zod";
import { skuReadRoute } from "@/server/http/route-helpers";
import { getSourcesSaid } from "@/server/queries/get-drift";
import { getServices } from "@/server/services";

/** Per location, the latest absolute each source sent for this SKU (trusted or not) next to the pool. */
export const GET = skuReadRoute(z.object({}).strict(), ({ id }) => getSourcesSaid(getServices().pool, id));
