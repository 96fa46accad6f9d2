import "server-only";
import type pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import { catalogSchema, upsertCatalog } from "@/server/catalog/upsert-catalog";
import type { SecretBox } from "@/server/connectors/secret-box";
import { CatalogCache } from "@/server/ingest/catalog-cache";
import { GroupCommitter } from "@/server/ingest/group-commit";
import { ingestEvents, type EventResult } from "@/server/ingest/ingest-events";
import { createRule } from "@/server/rules/save-rule";
import { demoCatalogInput } from "./demo-catalog";
import { DEMO_RULES } from "./demo-network";
import { generateHistory, type SeedEvent } from "./generate-history";
import { registerDemoSources } from "./register-demo-sources";
import { seedChannelHistory } from "./seed-channel-history";
import { seedDemoCounts } from "./seed-demo-counts";

export interface SeedDeps {
  pool: pg.Pool;
  /** Seals the demo sources' signing secrets: the server's box (same ONEPOOL_SECRET_KEY / data dir). */
  box: SecretBox;
  /** The running server's catalogue cache, so it sees the new SKUs at once; a private one otherwise. */
  catalog?: CatalogCache;
  /** Told which SKUs changed after each commit (the live layer's markDirty). */
  onCommit?: (skuIds: Set<number>) => void;
  futureToleranceMs?: number;
  log?: (message: string) => void;
}

export interface SeedOptions {
  /** Days of history ending now (default 120: counts need more than 90 days to fill every aging bucket). */
  days?: number;
  /** Events in flight at once; the group committer writes them in transactions of up to 5,000. */
  chunk?: number;
}

export interface SeedSummary {
  skipped: boolean;
  skus: number;
  events: number;
  ms: number;
}

/**
 * Fill an empty database with the demo brand: catalogue, channel rules, connector sources and 60
 * days of history, written through the real ingest path (validation, ledger, projections, sales
 * rollup) so the demo exercises exactly what production does. When SKUs already exist the catalogue
 * and history are left alone; the demo's connector sources are still (re-)registered if the demo
 * catalogue is there, so a database seeded before sources existed gets them, and a re-seed is a no-op.
 */
export async function seedDemo(deps: SeedDeps, opts: SeedOptions = {}): Promise<SeedSummary> {
  const log = deps.log ?? ((m: string) => console.log(m));
  const started = Date.now();
  const existing = await deps.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM sku");
  if (existing.rows[0].n > 0) {
    if (await hasDemoCatalog(deps.pool)) await registerDemoSources(deps.pool, deps.box, log);
    log(`Demo seed skipped: the database already has ${existing.rows[0].n} SKUs.`);
    return { skipped: true, skus: existing.rows[0].n, events: 0, ms: Date.now() - started };
  }

  // Validated exactly as PUT /api/catalog would, so the demo never relies on input the API refuses.
  const catalogInput = catalogSchema.parse(demoCatalogInput());
  await upsertCatalog(deps.pool, catalogInput);
  await insertRules(deps.pool);
  // Sources before history: they depend on the catalogue only, and registering is idempotent.
  await registerDemoSources(deps.pool, deps.box, log);
  const catalog = deps.catalog ?? new CatalogCache(deps.pool);
  await catalog.reload();

  const days = opts.days ?? 120;
  const { events, outages } = generateHistory({ end: Date.now() - 2 * 60_000, days });
  log(`Seeding ${catalogInput.skus?.length ?? 0} SKUs and ${events.length.toLocaleString("en-US")} events (${days} days of history)…`);

  const trustOf = (locationId: number) => catalog.locationsById.get(locationId)?.trustedSources ?? [];
  const committer = new GroupCommitter(deps.pool, trustOf, (ids) => deps.onCommit?.(ids));
  const ingest = { pool: deps.pool, catalog, committer, futureToleranceMs: deps.futureToleranceMs ?? 120_000 };
  const tally = { accepted: 0, duplicate: 0, unmapped: 0, rejected: 0 };
  const chunk = opts.chunk ?? 2500;
  try {
    // One call per event, each with its own receivedAt (= occurredAt + the source's lag), a chunk
    // in flight at a time: the group committer folds them into large transactions. The next chunk
    // is validated while the previous one commits (the committer's queue keeps them in order).
    let previous: Promise<void> = Promise.resolve();
    for (let i = 0; i < events.length; i += chunk) {
      const slice = events.slice(i, i + chunk);
      const current = Promise.all(slice.map((e) => ingestEvents(ingest, [e.body], { token: null, receivedAt: new Date(e.receivedAt) }))).then((results) =>
        results.forEach((r, k) => countResult(tally, r[0], slice[k])),
      );
      current.catch(() => {}); // awaited below; this only keeps an early failure from counting as unhandled
      await previous;
      previous = current;
    }
    await previous;
    // The count workflow in every state, after the history it counts against.
    await seedDemoCounts({ pool: deps.pool, ingest });
    await seedUnmappedListing(deps.pool, ingest);
  } finally {
    await committer.stop();
  }
  // What the channels were allowed to show and acknowledged over that history (the oversell engine's numbers).
  const channels = await seedChannelHistory(deps.pool, outages);
  log(`Channel history: ${channels.published.toLocaleString("en-US")} published numbers, ${channels.acks.toLocaleString("en-US")} acknowledgements in ${(channels.ms / 1000).toFixed(1)} s.`);
  const ms = Date.now() - started;
  log(`Demo seeded: ${catalogInput.skus?.length ?? 0} SKUs, ${catalogInput.listings?.length ?? 0} listings, ${tally.accepted.toLocaleString("en-US")} events in ${(ms / 1000).toFixed(1)} s.`);
  return { skipped: false, skus: catalogInput.skus?.length ?? 0, events: tally.accepted, ms };
}

const DEMO_SEED_ACTOR: Actor = { kind: "system", id: null, label: "demo seed" };

/** True when the database holds the demo catalogue (so demo traffic has somewhere to land). */
export async function hasDemoCatalog(pool: pg.Pool): Promise<boolean> {
  const codes = demoCatalogInput().skus.map((s) => s.code);
  const r = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM sku WHERE code = ANY($1::text[])", [codes]);
  return r.rows[0].n === codes.length;
}

/** Every history event must land: anything else is a bug in the generator or the ingest path. */
function countResult(tally: Record<EventResult["status"], number>, r: EventResult, e: SeedEvent): void {
  tally[r.status]++;
  if (r.status === "accepted") return;
  const why = r.status === "rejected" ? `${r.error.code}: ${r.error.message}` : r.status;
  throw new Error(`demo seed: event ${String(e.body.source)}/${String(e.body.id)} was ${why}`);
}

/**
 * Channel defaults, tag rules and one SKU override (docs/CHANNEL-RULES.md), created one after another (creation
 * order decides between tag rules) the way a merchandiser would: audited, so the Rules page's
 * Changes panel and the audit log say where they came from.
 */
async function insertRules(pool: pg.Pool): Promise<void> {
  for (const r of DEMO_RULES) await createRule(pool, { channel: r.channel, sku: r.sku, tag: r.tag, ...r.fields }, DEMO_SEED_ACTOR);
}

/**
 * A Mercado Libre listing the catalogue does not map yet (the seller published a new one), its first
 * order parked 40 minutes ago: the Unmapped screen and its `unmapped` alert (waiting > 15 min) have
 * something to show on first start. Mapping it replays the order.
 */
export const DEMO_UNMAPPED_LISTING = { channel: "mercadolibre", externalId: "MLM-2291840177" } as const;

async function seedUnmappedListing(pool: pg.Pool, ingest: Parameters<typeof ingestEvents>[0]): Promise<void> {
  const receivedAt = new Date(Date.now() - 40 * 60_000);
  const id = "demo-unmapped-2000012345678";
  await ingestEvents(
    ingest,
    [
      {
        id,
        source: "meli-mx",
        type: "order.placed",
        listing: DEMO_UNMAPPED_LISTING,
        location: "wh-gdl",
        channel: "mercadolibre",
        quantity: 1,
        orderId: "2000012345678",
        occurredAt: new Date(receivedAt.getTime() - 90_000).toISOString(),
      },
    ],
    { token: null, receivedAt },
  );
  // Parked rows are stamped when they are stored; this one was parked when it was received.
  await pool.query("UPDATE unmapped_event SET received_at = $3 WHERE source = $1 AND event_id = $2", ["meli-mx", id, receivedAt]);
}
