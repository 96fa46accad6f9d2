import { applyCatalog } from "@/server/catalog/apply-catalog";
import { refuseCatalogError } from "@/server/catalog/refuse-catalog-error";
import { catalogSchema } from "@/server/catalog/upsert-catalog";
import { bodyRoute, queryRoute } from "@/server/http/route-helpers";
import { getCatalogCodes } from "@/server/queries/get-catalog-codes";
import { getServices } from "@/server/services";
import { z } from "zod";

const MAX_BYTES = 16 * 1024 * 1024;

export const PUT = bodyRoute("catalog.write", catalogSchema, MAX_BYTES, async ({ data, actor }) => {
  return refuseCatalogError(async () => Response.json(await applyCatalog(getServices(), data, actor)));
});

/** Channels and locations (codes, names), for pickers and scripts. */
export const GET = queryRoute("stock.read", z.object({}).strict(), async () => Response.json(await getCatalogCodes(getServices().pool)));
