import { performance } from "node:perf_hooks";
import type pg from "pg";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { applyCatalog } from "@/server/catalog/apply-catalog";
import { upsertCatalog, type CatalogInput } from "@/server/catalog/upsert-catalog";
import type { Services } from "@/server/services";
import { LOCATIONS } from "./workload";

// The catalogue of phases (f) and (g), added once per run before the first of them: two channels
// of their own with no rules (so a channel's published number is the SKU's available real, whatever
// rules (d) left on the bench's three channels), SKUs of their own, and listings on the push
// channel only. Stock comes in as receipts through POST /api/events, the real path.

/** (f) holds are placed on this channel; it has no outbound connector. */
export const CHECKOUT_CHANNEL = "bench-checkout";
/** (g) registers its outbound connector here; only the push SKUs are listed on it. */
export const PUSH_CHANNEL = "bench-push";
/** (f1)'s one contended SKU. */
export const HOT_SKU = "BENCH-RES-HOT";
const pad = (i: number) => String(i).padStart(5, "0");
export const spreadSku = (i: number) => `BENCH-RES-${pad(i)}`;
export const pushSku = (i: number) => `BENCH-PUSH-${pad(i)}`;
/** Every restock, hold and (g) order is at this one location: a hold never has to span locations. */
export const CHECKOUT_LOCATION = LOCATIONS[0].code;
/** Units received per SKU: enough that no hold of a default run is refused, and (g)'s orders never reach 0. */
export const RESTOCK = { hot: 1_000_000, spread: 10_000, push: 100_000 } as const;

export interface CheckoutTarget {
  url: string;
  token: string;
  /** The server's services when the bench started it (own-server mode). */
  services: Services | null;
  /** The server's database, when reachable. */
  pool: pg.Pool | null;
}

export interface CheckoutWorkload {
  hotSku: string;
  spreadSkus: string[];
  pushSkus: string[];
  catalogMs: number;
  restockMs: number;
}

export function checkoutCatalog(spreadCount: number, pushCount: number): CatalogInput {
  const spread = Array.from({ length: spreadCount }, (_, i) => spreadSku(i));
  const push = Array.from({ length: pushCount }, (_, i) => pushSku(i));
  return {
    skus: [HOT_SKU, ...spread, ...push].map((code) => ({ code, name: `Bench ${code.toLowerCase()}`, tags: ["bench-checkout"] })),
    channels: [
      { code: CHECKOUT_CHANNEL, name: "Bench checkout", kind: "website" },
      { code: PUSH_CHANNEL, name: "Bench push channel", kind: "website" },
    ],
    listings: push.map((sku, i) => ({ channel: PUSH_CHANNEL, externalId: `PUSH-${pad(i)}`, sku })),
  };
}

async function postEvents(url: string, token: string, events: object[]): Promise<void> {
  const r = await fetch(new URL("/api/events", url), {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(events),
  });
  const text = await r.text();
  if (r.status !== 202) throw new Error(`restock: POST /api/events answered ${r.status}: ${text.slice(0, 300)}`);
  const results = (JSON.parse(text) as { results: { status: string }[] }).results;
  const bad = results.filter((x) => x.status !== "accepted");
  if (bad.length) throw new Error(`restock: ${bad.length} of ${results.length} receipts not accepted (${JSON.stringify(bad[0])})`);
}

export async function prepareCheckout(t: CheckoutTarget, spreadCount: number, pushCount: number, prefix: string): Promise<CheckoutWorkload> {
  const input = checkoutCatalog(spreadCount, pushCount);
  const t0 = performance.now();
  if (t.services)
    await applyCatalog(t.services, input, SYSTEM_ACTOR); // what PUT /api/catalog does
  else if (t.pool)
    await upsertCatalog(t.pool, input); // the running server's cache picks it up on the first miss
  else {
    const r = await fetch(new URL("/api/catalog", t.url), {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${t.token}` },
      body: JSON.stringify(input),
    });
    if (!r.ok) throw new Error(`PUT /api/catalog answered ${r.status}: ${await r.text()}`);
  }
  const t1 = performance.now();

  const spread = Array.from({ length: spreadCount }, (_, i) => spreadSku(i));
  const push = Array.from({ length: pushCount }, (_, i) => pushSku(i));
  const occurredAt = new Date().toISOString();
  const receipts = [{ sku: HOT_SKU, quantity: RESTOCK.hot }, ...spread.map((sku) => ({ sku, quantity: RESTOCK.spread })), ...push.map((sku) => ({ sku, quantity: RESTOCK.push }))].map((x, i) => ({
    id: `${prefix}-restock-${i}`,
    source: "bench-restock",
    type: "receipt",
    sku: x.sku,
    location: CHECKOUT_LOCATION,
    quantity: x.quantity,
    occurredAt,
  }));
  for (let i = 0; i < receipts.length; i += 1000) await postEvents(t.url, t.token, receipts.slice(i, i + 1000));
  // Numbers stored before anything is measured (another server: give its publisher a moment).
  if (t.services) await t.services.publisher.settle();
  else await new Promise((r) => setTimeout(r, 2000));
  return { hotSku: HOT_SKU, spreadSkus: spread, pushSkus: push, catalogMs: t1 - t0, restockMs: performance.now() - t1 };
}
