import "server-only";
import { refoldLocations } from "@/server/projection/refold-locations";
import type { Services } from "@/server/services";
import { upsertCatalog, type CatalogInput } from "./upsert-catalog";

/**
 * PUT /api/catalog end to end: save, refresh the ingest path's codes, refold the locations whose
 * trusted sources changed (so live stays equal to a replay), and refresh every dashboard.
 */
export async function applyCatalog(services: Pick<Services, "pool" | "catalog" | "hub">, input: CatalogInput) {
  const { trustChangedLocationIds, ...upserted } = await upsertCatalog(services.pool, input);
  await services.catalog.reload();
  const refolded = await refoldLocations(services.pool, trustChangedLocationIds);
  services.hub?.markAllDirty();
  return { upserted, refoldedSkus: refolded.length };
}
