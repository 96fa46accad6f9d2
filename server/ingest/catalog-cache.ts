import "server-only";
import type pg from "pg";
import { type Clock, systemClock } from "@/lib/time/clock";

export interface SkuRef {
  id: number;
  code: string;
  tags: string[];
  leadTimeDays: number;
}
export interface LocationRef {
  id: number;
  code: string;
  sellable: boolean;
  trustedSources: string[];
}
export interface ChannelRef {
  id: number;
  code: string;
  latencyMinutes: number | null;
}

/**
 * Codes → ids for the ingest path, kept in memory so validating an event costs no query.
 * Reloaded when this process changes the catalogue, when another instance says it did (the bus:
 * server/realtime/apply-context-change.ts), and on a miss at most once a second (a change missed
 * meanwhile), so a flood of unknown codes cannot flood the database.
 */
export class CatalogCache {
  skus = new Map<string, SkuRef>();
  skusById = new Map<number, SkuRef>();
  locations = new Map<string, LocationRef>();
  locationsById = new Map<number, LocationRef>();
  channels = new Map<string, ChannelRef>();
  channelsById = new Map<number, ChannelRef>();
  listings = new Map<string, number>();
  private lastLoad = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly clock: Clock = systemClock,
  ) {}

  static listingKey = (channel: string, externalId: string) => `${channel}\u0000${externalId}`;

  reload(): Promise<void> {
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  /** Reload if the last load is older than a second; resolves when the cache is fresh enough. */
  async refreshOnMiss(): Promise<void> {
    if (this.clock.now() - this.lastLoad < 1000) return this.loading ?? undefined;
    return this.reload();
  }

  private async load(): Promise<void> {
    const [skus, locations, channels, listings] = await Promise.all([
      this.pool.query<{ id: number; code: string; tags: string[]; lead_time_days: number }>("SELECT id, code, tags, lead_time_days FROM sku"),
      this.pool.query<{ id: number; code: string; sellable: boolean; trusted_sources: string[] }>("SELECT id, code, sellable, trusted_sources FROM location"),
      this.pool.query<{ id: number; code: string; latency_minutes: number | null }>("SELECT id, code, latency_minutes FROM channel"),
      this.pool.query<{ code: string; external_id: string; sku_id: number }>("SELECT c.code, l.external_id, l.sku_id FROM listing l JOIN channel c ON c.id = l.channel_id"),
    ]);
    this.skus = new Map(skus.rows.map((r) => [r.code, { id: r.id, code: r.code, tags: r.tags ?? [], leadTimeDays: r.lead_time_days }]));
    this.skusById = new Map([...this.skus.values()].map((s) => [s.id, s]));
    this.locations = new Map(locations.rows.map((r) => [r.code, { id: r.id, code: r.code, sellable: r.sellable, trustedSources: r.trusted_sources ?? [] }]));
    this.locationsById = new Map([...this.locations.values()].map((l) => [l.id, l]));
    this.channels = new Map(channels.rows.map((r) => [r.code, { id: r.id, code: r.code, latencyMinutes: r.latency_minutes }]));
    this.channelsById = new Map([...this.channels.values()].map((c) => [c.id, c]));
    this.listings = new Map(listings.rows.map((r) => [CatalogCache.listingKey(r.code, r.external_id), r.sku_id]));
    this.lastLoad = this.clock.now();
  }
}
