import "server-only";
import { inTransaction } from "@/server/db/in-transaction";
import type pg from "pg";
import { z } from "zod";
import { announceChange } from "@/server/realtime/announce-change";

/** What a listing's external id names, where a channel has several kinds (Shopify pushes set inventory items). */
export const LISTING_KINDS = ["inventory_item", "variant"] as const;

const code = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, "letters, digits and . _ : / - only");
const money = z.number().nonnegative().max(1e9).multipleOf(0.01).nullish();

const name = z.string().trim().min(1).max(300);

/** An optional list of at most `max` catalogue entries: each a code, a name and `fields`, nothing else. */
const entries = <F extends z.ZodRawShape>(max: number, fields: F) =>
  z
    .array(z.object({ code, name, ...fields }).strict())
    .max(max)
    .optional();

export const catalogSchema = z
  .object({
    skus: entries(10_000, {
      unitCost: money,
      price: money,
      leadTimeDays: z.number().int().min(0).max(3650).optional(),
      options: z.record(z.string().max(100), z.string().max(300)).optional(),
      tags: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
    }),
    locations: entries(1000, {
      type: z.enum(["warehouse", "3pl", "store", "dropship", "virtual"]),
      sellable: z.boolean(),
      trustedSources: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
      countSlaDays: z.number().int().min(1).max(3650).optional(),
      lagSlaSeconds: z.number().int().min(1).max(86_400).optional(),
    }),
    channels: entries(1000, {
      kind: z.enum(["website", "marketplace", "quick_commerce", "pos", "wholesale"]),
      latencyMinutes: z.number().int().min(0).max(10_080).nullish(),
    }),
    listings: z
      .array(z.object({ channel: code, externalId: z.string().trim().min(1).max(200), sku: code, kind: z.enum(LISTING_KINDS).optional() }).strict())
      .max(50_000)
      .optional(),
  })
  .strict();

export type CatalogInput = z.infer<typeof catalogSchema>;

export class CatalogError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const dupes = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);

/**
 * PUT /api/catalog: upsert SKUs, locations, channels and listings in one transaction (idempotent).
 * Listings must name a known (or same-request) channel and SKU; nothing is saved if one is wrong.
 */
export interface CatalogResult {
  skus: number;
  locations: number;
  channels: number;
  listings: number;
  /** Locations whose trusted sources changed: their levels must be refolded (refoldLocations). */
  trustChangedLocationIds: number[];
}

export async function upsertCatalog(pool: pg.Pool, input: CatalogInput): Promise<CatalogResult> {
  for (const [list, key] of [
    [input.skus, "skus"],
    [input.locations, "locations"],
    [input.channels, "channels"],
  ] as const) {
    const d = dupes((list ?? []).map((x) => x.code));
    if (d.length) throw new CatalogError("duplicate_code", `${key} lists ${d[0]} more than once`, key);
  }
  return inTransaction(pool, async (client) => {
    if (input.skus?.length) {
      const s = input.skus;
      await client.query(
        `INSERT INTO sku (code, name, unit_cost, price, lead_time_days, options, tags, updated_at)
         SELECT u.code, u.name, u.unit_cost, u.price, COALESCE(u.lead, 14), COALESCE(u.options, '{}'::jsonb), COALESCE(u.tags, ARRAY[]::text[]), now()
           FROM jsonb_to_recordset($1::jsonb) AS u(code text, name text, unit_cost numeric, price numeric, lead int, options jsonb, tags text[])
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name,
           unit_cost = COALESCE(EXCLUDED.unit_cost, sku.unit_cost), price = COALESCE(EXCLUDED.price, sku.price),
           lead_time_days = CASE WHEN $2::text[] @> ARRAY[EXCLUDED.code] THEN EXCLUDED.lead_time_days ELSE sku.lead_time_days END,
           options = CASE WHEN EXCLUDED.options = '{}'::jsonb THEN sku.options ELSE EXCLUDED.options END,
           tags = EXCLUDED.tags, updated_at = now()`,
        [
          JSON.stringify(
            s.map((x) => ({ code: x.code, name: x.name, unit_cost: x.unitCost ?? null, price: x.price ?? null, lead: x.leadTimeDays ?? null, options: x.options ?? null, tags: x.tags ?? null })),
          ),
          s.filter((x) => x.leadTimeDays !== undefined).map((x) => x.code),
        ],
      );
    }
    let trustChangedLocationIds: number[] = [];
    if (input.locations?.length) {
      // Which absolutes a location trusts decides its numbers; a change means a refold (the caller's).
      const before = await client.query<{ id: number; code: string; trusted_sources: string[] }>("SELECT id, code, trusted_sources FROM location WHERE code = ANY($1::text[]) FOR UPDATE", [
        input.locations.map((l) => l.code),
      ]);
      const wanted = new Map(input.locations.map((l) => [l.code, l.trustedSources ?? []]));
      trustChangedLocationIds = before.rows.filter((r) => JSON.stringify(r.trusted_sources ?? []) !== JSON.stringify(wanted.get(r.code))).map((r) => r.id);
      await client.query(
        `INSERT INTO location (code, name, type, sellable, trusted_sources, count_sla_days, lag_sla_seconds, updated_at)
         SELECT u.code, u.name, u.type, u.sellable, COALESCE(u.trusted, ARRAY[]::text[]), COALESCE(u.count_sla, 30), COALESCE(u.lag_sla, 300), now()
           FROM jsonb_to_recordset($1::jsonb) AS u(code text, name text, type text, sellable boolean, trusted text[], count_sla int, lag_sla int)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, sellable = EXCLUDED.sellable,
           trusted_sources = EXCLUDED.trusted_sources, count_sla_days = EXCLUDED.count_sla_days, lag_sla_seconds = EXCLUDED.lag_sla_seconds, updated_at = now()`,
        [
          JSON.stringify(
            input.locations.map((l) => ({
              code: l.code,
              name: l.name,
              type: l.type,
              sellable: l.sellable,
              trusted: l.trustedSources ?? null,
              count_sla: l.countSlaDays ?? null,
              lag_sla: l.lagSlaSeconds ?? null,
            })),
          ),
        ],
      );
    }
    if (input.channels?.length) {
      await client.query(
        `INSERT INTO channel (code, name, kind, latency_minutes, updated_at)
         SELECT u.code, u.name, u.kind, u.latency, now() FROM jsonb_to_recordset($1::jsonb) AS u(code text, name text, kind text, latency int)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, latency_minutes = EXCLUDED.latency_minutes, updated_at = now()`,
        [JSON.stringify(input.channels.map((c) => ({ code: c.code, name: c.name, kind: c.kind, latency: c.latencyMinutes ?? null })))],
      );
    }
    if (input.listings?.length) {
      const l = input.listings;
      const known = await client.query<{ kind: string; code: string }>(
        `SELECT 'channel' AS kind, code FROM channel WHERE code = ANY($1::text[]) UNION ALL SELECT 'sku', code FROM sku WHERE code = ANY($2::text[])`,
        [[...new Set(l.map((x) => x.channel))], [...new Set(l.map((x) => x.sku))]],
      );
      const has = new Set(known.rows.map((r) => `${r.kind}:${r.code}`));
      const badChannel = l.find((x) => !has.has(`channel:${x.channel}`));
      if (badChannel) throw new CatalogError("unknown_channel", `listing names unknown channel "${badChannel.channel}"`, "listings");
      const badSku = l.find((x) => !has.has(`sku:${x.sku}`));
      if (badSku) throw new CatalogError("unknown_sku", `listing names unknown sku "${badSku.sku}"`, "listings");
      const d = dupes(l.map((x) => `${x.channel}/${x.externalId}`));
      if (d.length) throw new CatalogError("duplicate_listing", `listings name ${d[0]} more than once`, "listings");
      await client.query(
        `INSERT INTO listing (channel_id, external_id, sku_id, kind)
         SELECT c.id, u.external_id, s.id, u.kind FROM jsonb_to_recordset($1::jsonb) AS u(channel text, external_id text, sku text, kind text)
           JOIN channel c ON c.code = u.channel JOIN sku s ON s.code = u.sku
         ON CONFLICT (channel_id, external_id) DO UPDATE SET sku_id = EXCLUDED.sku_id, kind = COALESCE(EXCLUDED.kind, listing.kind)`,
        [JSON.stringify(l.map((x) => ({ channel: x.channel, external_id: x.externalId, sku: x.sku, kind: x.kind ?? null })))],
      );
    }
    // Every other instance reloads its codes (and refolds, replays) as this one's caller does.
    await announceChange(client, { kind: "catalog", trustChanged: trustChangedLocationIds, listings: (input.listings ?? []).map((x) => ({ channel: x.channel, externalId: x.externalId })) });
    return { skus: input.skus?.length ?? 0, locations: input.locations?.length ?? 0, channels: input.channels?.length ?? 0, listings: input.listings?.length ?? 0, trustChangedLocationIds };
  });
}
