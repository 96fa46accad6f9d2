import { z } from "zod";
import { jsonError, queryRoute } from "@/server/http/route-helpers";
import { getSkuRows, InvalidCursor, SKU_SORTS } from "@/server/queries/get-sku-rows";
import { getServices } from "@/server/services";

const querySchema = z.object({
  q: z.string().max(200).optional(),
  sort: z.enum(SKU_SORTS).optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export const GET = queryRoute("stock.read", querySchema, async ({ query }) => {
  // The whole catalogue per page: on the read pool (few connections, statement_timeout), never ingest's.
  const { readPool, env } = getServices();
  try {
    return Response.json(await getSkuRows(readPool, query, env.ONEPOOL_SAFETY_DAYS));
  } catch (err) {
    if (err instanceof InvalidCursor) return jsonError(400, "invalid_cursor", "cursor is not one this API returned");
    throw err;
  }
});
