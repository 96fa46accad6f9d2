import { expect, it } from "vitest";
import { buildDemoSkus, type DemoSku } from "@/demo/demo-catalog";
import type { LocationCode } from "@/demo/demo-network";
import { createRng } from "@/demo/random";
import type { SimEvent } from "@/demo/sim-outbox";
import { Restocker } from "@/demo/sim-restock";
import type { SkuView, StockView } from "@/demo/sim-stock-view";
import type { SimContext } from "@/demo/simulate-traffic";
import { MAX_RESTOCK_DAYS } from "@/demo/stock-policy";
import { HOUR_MS } from "@/lib/time/durations";

// Review #24: the live demo's expedited POs landed +13,704 units of a SKU that sells half a unit a
// day, and available real grew from 76,873 to 285,665 in 25 minutes. The simulator sells about 300×
// faster than the seeded business (so the dashboard moves), which drives the live 24 h velocity up
// all demo long; restocks sized on that velocity ran away. Here the real Restocker runs for one
// simulated hour against a stock view that behaves like the API: sales at the simulator's rate,
// velocity as GET /api/skus reports it (the seeded rate plus everything sold in the last 24 h).

const RATE_EVENTS_PER_S = 5;
const ORDERS_PER_EVENT = 0.42;
const UNITS_PER_ORDER = 1.17;
const TICK_MS = 2_000;

it("over a simulated hour restocks stay within normal velocity, and available real does not balloon", async () => {
  const skus = buildDemoSkus();
  const totalRate = skus.reduce((s, k) => s + k.rate, 0);
  const unitsPerMs = (k: DemoSku) => ((k.rate / totalRate) * RATE_EVENTS_PER_S * ORDERS_PER_EVENT * UNITS_PER_ORDER) / 1000;

  // Opening stock mid-band, as the seeded history leaves it: healthy SKUs comfortably covered, thin ones thin.
  const band = (k: DemoSku) => k.rate * (k.leadTimeDays + 7);
  const views = new Map<string, SkuView>();
  for (const k of skus) {
    const a = k.fate === "stockout" ? 0 : Math.round(band(k) * (k.fate === "healthy" ? 2.25 : 0.575));
    views.set(k.code, { sku: k, availableReal: a, locations: null, onHand: new Map(), incoming: [], velocity: k.rate, detailAt: 0 });
  }
  const sold = new Map<string, number>();
  const view = {
    skus: views,
    refreshOne: async (code: string) => views.get(code) ?? null,
  } as unknown as StockView;

  let clock = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const pos: { code: string; qty: number }[] = [];
  const ctx: SimContext = {
    view,
    rng: createRng(7),
    skus,
    runTag: "T",
    log: () => {},
    emit(body: SimEvent | SimEvent[], delta?: { code: string; loc: LocationCode; delta: number }) {
      for (const e of Array.isArray(body) ? body : [body]) if (e.type === "po") pos.push({ code: String(e.sku), qty: Number(e.quantity) });
      if (delta) views.get(delta.code)!.availableReal! += delta.delta;
    },
    at: (delayMs, fn) => void timers.push({ at: clock + delayMs, fn }),
    placeOrder: () => true,
  };
  const restocker = new Restocker(ctx, { holds: () => false, flashedRecently: () => false });

  const start = [...views.values()].reduce((s, v) => s + (v.availableReal ?? 0), 0);
  for (clock = 0; clock < HOUR_MS; clock += TICK_MS) {
    for (const v of views.values()) {
      const want = unitsPerMs(v.sku) * TICK_MS;
      const take = Math.min(v.availableReal ?? 0, want);
      v.availableReal = (v.availableReal ?? 0) - take;
      sold.set(v.sku.code, (sold.get(v.sku.code) ?? 0) + want);
      // What GET /api/skus says: the higher of 7-day and 24-hour velocity, the demo's sales included.
      v.velocity = v.sku.rate + (sold.get(v.sku.code) ?? 0);
    }
    for (const t of timers.filter((t) => t.at <= clock)) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
    }
    restocker.tick();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  }
  const end = [...views.values()].reduce((s, v) => s + (v.availableReal ?? 0), 0);

  expect(pos.length).toBeGreaterThan(0);
  for (const po of pos) {
    const k = skus.find((s) => s.code === po.code)!;
    // One case pack of slack over the cap: POs come in whole packs.
    expect(po.qty, `${po.code} sells ${k.rate.toFixed(2)}/day`).toBeLessThanOrEqual(Math.ceil(k.rate * MAX_RESTOCK_DAYS) + 24);
  }
  // Before the fix: 37,768 → 587,819 units in the hour. Restocks still keep the demo stocked.
  expect(end / start).toBeLessThan(1.25);
  expect(end / start).toBeGreaterThan(0.6);
});
