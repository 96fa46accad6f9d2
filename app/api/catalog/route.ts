import { applyCatalog } from "@/server/catalog/apply-catalog";
import { catalogSchema, CatalogError } from "@/server/catalog/upsert-catalog";
import { jsonError, readAuthorizedBody, readQuery, route } from "@/server/http/route-helpers";
import { getCatalogCodes } from "@/server/queries/get-catalog-codes";
import { getServices } from "@/server/services";
import { z } from "zod";

const MAX_BYTES = 16 * 1024 * 1024;

export const PUT = route(async (req: Request) => {
  const parsed = await readAuthorizedBody(req, "catalog.write", catalogSchema, MAX_BYTES);
  if (!parsed.ok) return parsed.response;
  try {
    return Response.json(await applyCatalog(getServices(), parsed.data, parsed.actor));
  } catch (err) {
    if (err instanceof CatalogError) return jsonError(err.code.startsWith("unknown") ? 422 : 400, err.code, err.message, { field: err.field });
    throw err;
  }
});

/** Channels and locations (codes, names), for pickers and scripts. */
export const GET = route(async (req: Request) => {
  const parsed = await readQuery(req, z.object({}).strict());
  if (!parsed.ok) return parsed.response;
  return Response.json(await getCatalogCodes(getServices().pool));
});
