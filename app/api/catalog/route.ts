import { applyCatalog } from "@/server/catalog/apply-catalog";
import { catalogSchema, CatalogError } from "@/server/catalog/upsert-catalog";
import { bodyRoute, jsonError, queryRoute } from "@/server/http/route-helpers";
import { getCatalogCodes } from "@/server/queries/get-catalog-codes";
import { getServices } from "@/server/services";
import { z } from "zod";

const MAX_BYTES = 16 * 1024 * 1024;

export const PUT = bodyRoute("catalog.write", catalogSchema, MAX_BYTES, async ({ data, actor }) => {
  try {
    return Response.json(await applyCatalog(getServices(), data, actor));
  } catch (err) {
    if (err instanceof CatalogError) return jsonError(err.code.startsWith("unknown") ? 422 : 400, err.code, err.message, { field: err.field });
    throw err;
  }
});

/** Channels and locations (codes, names), for pickers and scripts. */
export const GET = queryRoute("stock.read", z.object({}).strict(), async () => Response.json(await getCatalogCodes(getServices().pool)));
