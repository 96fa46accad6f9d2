import "server-only";
import { replayUnmapped } from "@/server/connectors/replay-unmapped";
import { enqueueCurrentNumbers } from "@/server/outbound/enqueue-current";
import { refoldLocations } from "@/server/projection/refold-locations";
import type { Actor } from "@/lib/auth/actor";
import type { Services } from "@/server/services";
import { auditCatalogChange, readCatalogState } from "./audit-catalog-change";
import { upsertCatalog, type CatalogInput } from "./upsert-catalog";

/**
 * PUT /api/catalog end to end: save, refresh the ingest path's codes, refold the locations whose
 * trusted sources changed (so live stays equal to a replay), replay events parked for listings it
 * maps, refresh every dashboard, and record who changed what in the audit log.
 */
export async function applyCatalog(services: Pick<Services, "pool" | "catalog" | "hub" | "ingest" | "publisher" | "outbound">, input: CatalogInput, actor: Actor) {
  const before = await readCatalogState(services.pool, input);
  const { trustChangedLocationIds, ...upserted } = await upsertCatalog(services.pool, input);
  await services.catalog.reload();
  const refolded = await refoldLocations(services.pool, trustChangedLocationIds);
  // Events parked for a listing this change maps are applied now, once (issue 3, docs/CONNECTORS.md).
  const replay = await replayUnmapped(
    services,
    (input.listings ?? []).map((l) => ({ channel: l.channel, externalId: l.externalId })),
  );
  // New SKUs or channels get their numbers before this answers; names and tags refresh on screen.
  services.publisher.contextChanged();
  await services.publisher.settle();
  // A channel with an outbound connector is told the number of each SKU newly listed on it.
  const pairs = (input.listings ?? []).flatMap((l) => {
    const channelId = services.catalog.channels.get(l.channel)?.id;
    const skuId = services.catalog.skus.get(l.sku)?.id;
    return channelId && skuId ? [{ channelId, skuId }] : [];
  });
  if (await enqueueCurrentNumbers(services.pool, { pairs })) services.outbound.kick();
  services.hub?.markAllDirty();
  await auditCatalogChange(services.pool, actor, input, before, await readCatalogState(services.pool, input), replay.replayed);
  return { upserted, refoldedSkus: refolded.length, replayed: replay };
}
