import { mapListingSchema } from "@/lib/contracts/mappings";
import { applyCatalog } from "@/server/catalog/apply-catalog";
import { CatalogError } from "@/server/catalog/upsert-catalog";
import { jsonError, readAuthorizedBody, route } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** Map one unmapped listing to a SKU (the Unmapped screen's action): same as a catalogue listing upsert, which replays the parked events. */
export const POST = route(async (req: Request) => {
  const parsed = await readAuthorizedBody(req, "mappings.write", mapListingSchema, 8 * 1024);
  if (!parsed.ok) return parsed.response;
  const services = getServices();
  try {
    // applyCatalog records it in the audit log as "listing.mapped", with the mapping before and after.
    const r = await applyCatalog(services, { listings: [parsed.data] }, parsed.actor);
    return Response.json({ listing: parsed.data, replayed: r.replayed });
  } catch (err) {
    if (err instanceof CatalogError) return jsonError(err.code.startsWith("unknown") ? 422 : 400, err.code, err.message, { field: err.field });
    throw err;
  }
});
