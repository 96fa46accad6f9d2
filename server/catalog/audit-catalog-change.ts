import "server-only";
import type pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/server/audit/record-audit";
import type { CatalogInput } from "./upsert-catalog";

// Catalogue changes are control changes (docs/SECURITY.md): who changed which locations, channels and
// listing mappings, as they were and as they are. SKUs are counted, not copied (a feed can hold
// thousands); the ledger and the SKU rows keep their detail.

const CAP = 200;

interface CatalogState {
  locations: Record<string, { name: string; type: string; sellable: boolean; trustedSources: string[] }>;
  channels: Record<string, { name: string; kind: string }>;
  listings: Record<string, string | null>;
}

/** The touched locations, channels and listings as they are now (read before and after a change). */
export async function readCatalogState(pool: pg.Pool, input: CatalogInput): Promise<CatalogState> {
  const locCodes = (input.locations ?? []).slice(0, CAP).map((l) => l.code);
  const chCodes = (input.channels ?? []).slice(0, CAP).map((c) => c.code);
  const listings = (input.listings ?? []).slice(0, CAP);
  const [locs, chs, lst] = await Promise.all([
    locCodes.length
      ? pool.query<{ code: string; name: string; type: string; sellable: boolean; trusted_sources: string[] }>(
          "SELECT code, name, type, sellable, trusted_sources FROM location WHERE code = ANY($1)",
          [locCodes],
        )
      : null,
    chCodes.length ? pool.query<{ code: string; name: string; kind: string }>("SELECT code, name, kind FROM channel WHERE code = ANY($1)", [chCodes]) : null,
    listings.length
      ? pool.query<{ key: string; sku: string }>(
          `SELECT c.code || '/' || l.external_id AS key, s.code AS sku FROM listing l JOIN channel c ON c.id = l.channel_id JOIN sku s ON s.id = l.sku_id
           WHERE (c.code, l.external_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
          [listings.map((l) => l.channel), listings.map((l) => l.externalId)],
        )
      : null,
  ]);
  const found = new Map(lst?.rows.map((r) => [r.key, r.sku]));
  return {
    locations: Object.fromEntries((locs?.rows ?? []).map((r) => [r.code, { name: r.name, type: r.type, sellable: r.sellable, trustedSources: r.trusted_sources ?? [] }])),
    channels: Object.fromEntries((chs?.rows ?? []).map((r) => [r.code, { name: r.name, kind: r.kind }])),
    listings: Object.fromEntries(listings.map((l) => [`${l.channel}/${l.externalId}`, found.get(`${l.channel}/${l.externalId}`) ?? null])),
  };
}

/** One audit entry for a catalogue change: "listing.mapped" when it maps a single listing, else "catalog.updated". */
export async function auditCatalogChange(pool: pg.Pool, actor: Actor, input: CatalogInput, before: CatalogState, after: CatalogState, replayed: number): Promise<void> {
  const only = input.listings?.length === 1 && !input.skus?.length && !input.locations?.length && !input.channels?.length ? input.listings[0] : null;
  if (only) {
    const key = `${only.channel}/${only.externalId}`;
    await recordAudit(pool, { actor, action: "listing.mapped", target: `listing:${key}`, details: { replayed }, before: { sku: before.listings[key] }, after: { sku: after.listings[key] } });
    return;
  }
  const trim = <T>(o: Record<string, T>) => (Object.keys(o).length ? o : undefined);
  await recordAudit(pool, {
    actor,
    action: "catalog.updated",
    target: "catalog",
    details: {
      skus: input.skus?.length ?? 0,
      locations: input.locations?.length ?? 0,
      channels: input.channels?.length ?? 0,
      listings: input.listings?.length ?? 0,
      replayed,
      skuCodes: input.skus?.slice(0, 50).map((s) => s.code),
    },
    before: { locations: trim(before.locations), channels: trim(before.channels), listings: trim(before.listings) },
    after: { locations: trim(after.locations), channels: trim(after.channels), listings: trim(after.listings) },
  });
}
