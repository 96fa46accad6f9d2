import { applyCatalog } from "@/server/catalog/apply-catalog";
import { catalogSchema, CatalogError } from "@/server/catalog/upsert-catalog";
import { authorize, jsonError, readJson, route, validationError } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

const MAX_BYTES = 16 * 1024 * 1024;

export const PUT = route(async (req: Request) => {
  const denied = await authorize(req, "ingest", { allowAnonymous: false });
  if (denied) return denied;
  const body = await readJson(req, MAX_BYTES);
  if (!body.ok) return body.response;
  const parsed = catalogSchema.safeParse(body.body);
  if (!parsed.success) return validationError(parsed.error);
  try {
    return Response.json(await applyCatalog(getServices(), parsed.data));
  } catch (err) {
    if (err instanceof CatalogError) return jsonError(err.code.startsWith("unknown") ? 422 : 400, err.code, err.message, { field: err.field });
    throw err;
  }
});
