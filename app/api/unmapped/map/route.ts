import { mapListingSchema } from "@/lib/contracts/mappings";
import { applyCatalog } from "@/server/catalog/apply-catalog";
import { refuseCatalogError } from "@/server/catalog/refuse-catalog-error";
import { bodyRoute } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** Map one unmapped listing to a SKU (the Unmapped screen's action): same as a catalogue listing upsert, which replays the parked events. */
export const POST = bodyRoute("mappings.write", mapListingSchema, 8 * 1024, async ({ data, actor }) => {
  const services = getServices();
  return refuseCatalogError(async () => {
    // applyCatalog records it in the audit log as "listing.mapped", with the mapping before and after.
    const r = await applyCatalog(services, { listings: [data] }, actor);
    return Response.json({ listing: data, replayed: r.replayed });
  });
});
