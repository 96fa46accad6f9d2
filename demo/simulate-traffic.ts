import { buildDemoSkus, type DemoSku } from "./demo-catalog";
import { driftingSkus, SHOPIFY_DRIFT_LOCATION, SHOPIFY_DRIFT_SOURCE } from "./demo-counting";
import { CHANNEL_SOURCE, LOCATION_SOURCE, type ChannelCode, type LocationCode } from "./demo-network";
import { channelsSellingFrom, pickLocation, routesFor } from "./demo-routing";
import { orderIdFor } from "./order-ids";
import { createRng, type Rng } from "./random";
import { FlashSale } from "./sim-flash-sale";
import { DEMO_SOURCES, SHOPIFY_LOCATION_IDS } from "./demo-sources";
import { ProviderEncoder } from "./sim-formats";
import { BATCH_SOURCES, Outbox, type OutboxStats, type SimEvent } from "./sim-outbox";
import { Restocker } from "./sim-restock";
import { ReorderArrivals } from "./sim-reorder-arrives";
import { StockView } from "./sim-stock-view";
import { TimeQueue } from "./time-queue";

export interface SimulatorOptions {
  url: string;
  token: string;
  /** Events per second, roughly (default 5); a flash sale adds its burst on top. */
  rate?: number;
  /** Stop by itself after this many seconds; otherwise runs until stop(). */
  durationSeconds?: number | null;
  flashEverySeconds?: number;
  firstFlashAfterSeconds?: number;
  statsEverySeconds?: number;
  log?: (message: string) => void;
  /**
   * Send the sources that have a provider format (demo-sources.ts) as that provider's signed
   * webhooks (default true); false posts everything to POST /api/events.
   */
  webhooks?: boolean;
  /** Where the stock view reads GET /api/skus (default `url`). */
  readUrl?: string;
  /** A low-cover SKU's purchase order lands every few minutes, so its alert resolves by itself (default true). */
  reorders?: boolean;
  /** Multiplies every simulated delay (pick-and-pack, returns, batch flushes, webhook lag): 0.05 runs a story 20× faster. */
  timeScale?: number;
}

export interface Simulator {
  stop(): Promise<void>;
  /** Resolves once the simulator has stopped (by stop() or at the end of its duration). */
  done: Promise<void>;
  stats: OutboxStats;
}

/** What the simulator's parts (flash sale, restocking) use of it. */
export interface SimContext {
  readonly view: StockView;
  readonly rng: Rng;
  readonly skus: readonly DemoSku[];
  readonly runTag: string;
  log(m: string): void;
  emit(body: SimEvent | SimEvent[], delta?: { code: string; loc: LocationCode; delta: number }): void;
  at(delayMs: number, fn: () => void): void;
  placeOrder(sku: DemoSku, opts?: { channel?: ChannelCode; drain?: boolean; oversell?: boolean }): boolean;
}

const TICK_MS = 100;
/** Locations whose own system posts counts live (Onepool's counts come from people, through the count workflow). */
const COUNTED_LIVE: readonly LocationCode[] = ["wh-gdl", "wh-gdl", "3pl-us-east", "store-cdmx"];
/** Events per order on average (placed, shipped, a few cancels and returns): orders/s = rate × this. */
const ORDERS_PER_EVENT = 0.42;

/**
 * Live traffic against a running Onepool, through its public HTTP API only (the demo's connector
 * sources as their providers' signed webhooks, see sim-formats.ts; the others canonical): orders on every
 * channel (webhooks naming a listing or a SKU), shipments after a pick-and-pack delay, cancellations,
 * returns and their inspection, receipts against open POs and expedited POs when cover runs thin,
 * cycle counts from the WMS, the 3PL and the store, FBA and vendor snapshots, Shopify's drifting view
 * of Guadalajara, and a flash sale every few minutes.
 */
export function startSimulator(opts: SimulatorOptions): Simulator {
  const sim = new TrafficSimulator(opts);
  sim.start();
  return { stop: () => sim.stop(), done: sim.done, stats: sim.outbox.stats };
}

class TrafficSimulator implements SimContext {
  readonly rng = createRng(Date.now() >>> 0);
  readonly skus = buildDemoSkus();
  readonly runTag = Date.now().toString(36).toUpperCase();
  private readonly drifting = driftingSkus(this.skus);
  readonly view: StockView;
  readonly outbox: Outbox;
  readonly done: Promise<void>;
  private resolveDone!: () => void;
  private readonly queue = new TimeQueue<() => void>();
  private readonly deltas = new WeakMap<SimEvent, { code: string; loc: LocationCode; delta: number }>();
  private readonly popularity: { sku: DemoSku; cum: number }[] = [];
  private readonly rate: number;
  private readonly timeScale: number;
  private readonly flash: FlashSale;
  private readonly restock: Restocker;
  private readonly reorders: ReorderArrivals;
  private timers: NodeJS.Timeout[] = [];
  private orderNo = Math.floor(Date.now() / 1000) * 100;
  private eventNo = 0;
  private stopping: Promise<void> | null = null;
  private lastStats = { at: Date.now(), events: 0 };
  readonly log: (m: string) => void;

  constructor(private readonly opts: SimulatorOptions) {
    this.log = opts.log ?? ((m) => console.log(m));
    this.rate = opts.rate ?? 5;
    this.timeScale = opts.timeScale && opts.timeScale > 0 ? opts.timeScale : 1;
    const url = opts.url.replace(/\/+$/, "");
    this.view = new StockView(this.skus, (opts.readUrl ?? url).replace(/\/+$/, ""), opts.token, this.log);
    const encoder = new ProviderEncoder(this.skus, opts.webhooks !== false);
    this.outbox = new Outbox(
      url,
      opts.token,
      this.log,
      (e) => {
        const d = this.deltas.get(e);
        if (d) this.view.settle(d.code, d.loc, d.delta);
      },
      encoder,
      this.timeScale,
    );
    let cum = 0;
    for (const sku of this.skus) this.popularity.push({ sku, cum: (cum += sku.rate) });
    this.flash = new FlashSale(this, this.rate * ORDERS_PER_EVENT);
    this.restock = new Restocker(this, this.flash);
    this.reorders = new ReorderArrivals(this, { url: (opts.readUrl ?? url).replace(/\/+$/, ""), token: opts.token }, this.flash);
    this.done = new Promise((r) => (this.resolveDone = r));
  }

  start(): void {
    const every = (ms: number, fn: () => void) => this.timers.push(setInterval(fn, ms));
    void this.view.refreshAll().then((r) => {
      // Posting the demo brand's traffic into somebody else's catalogue would only fill its rejected log.
      if (r && r.listed > 0 && r.known === 0) {
        this.log(`[simulate] the server lists ${r.listed} SKUs, none of them the demo's: seed it first (npm run seed); stopping.`);
        void this.stop();
      }
    });
    every(TICK_MS, () => this.tick());
    every(30_000, () => void this.view.refreshAll());
    every(2_000, () => this.restock.tick());
    every((this.opts.statsEverySeconds ?? 10) * 1000, () => this.printStats());
    this.at((this.opts.firstFlashAfterSeconds ?? 90) * 1000, () => this.scheduleFlash());
    this.at(this.rng.int(20_000, 40_000), () => this.periodic());
    if (this.opts.reorders !== false) this.reorders.start();
    if (this.opts.durationSeconds) this.timers.push(setTimeout(() => void this.stop(), this.opts.durationSeconds * 1000));
    const formats = this.opts.webhooks === false ? "all canonical, to /api/events" : `${DEMO_SOURCES.map((s) => `${s.code} as ${s.provider}`).join(", ")} webhooks; the rest canonical to /api/events`;
    this.log(`[simulate] posting ~${this.rate} events/s to ${this.opts.url} (${formats}; flash sale every ${this.opts.flashEverySeconds ?? 300} s)`);
  }

  stop(): Promise<void> {
    return (this.stopping ??= (async () => {
      for (const t of this.timers) clearInterval(t);
      this.timers = [];
      await this.outbox.close();
      this.printStats(true);
      this.resolveDone();
    })());
  }

  at(delayMs: number, fn: () => void): void {
    this.queue.push(Date.now() + delayMs * this.timeScale, fn);
  }

  /**
   * Send one event, or a group a provider reports in one delivery (Shopify's restocking refund),
   * stamped now. `delta` is the change of available it makes, kept in the stock view until answered.
   */
  emit(body: SimEvent | SimEvent[], delta?: { code: string; loc: LocationCode; delta: number }): void {
    if (this.stopping) return;
    const occurredAt = new Date().toISOString();
    const group: SimEvent[] = (Array.isArray(body) ? body : [body]).map((e) => ({ ...e, occurredAt }));
    if (delta && delta.delta !== 0) {
      // Settled with the group's last event: the whole delivery is answered at once.
      this.deltas.set(group[group.length - 1], delta);
      this.view.apply(delta.code, delta.loc, delta.delta);
    }
    const source = group[0].source;
    const lagMs = Math.round(this.webhookLag(source) * this.timeScale);
    // A batch source's events that travel as a provider notification (FBA inventory) go out on their own, after lag.
    this.outbox.send(group, BATCH_SOURCES.has(source) ? { kind: "batch", lagMs } : { kind: "webhook", lagMs });
  }

  /**
   * Webhooks land in 0.2–3 s; Amazon's notification queue now and then holds one for up to a minute,
   * and FBA inventory notifications come several seconds after the change.
   */
  private webhookLag(source: string): number {
    if (source === "amazon-sp" && this.rng.chance(0.03)) return this.rng.int(20_000, 60_000);
    if (source === "amazon-fba") return Math.round(Math.min(30_000, Math.max(2_000, this.rng.logNormal(6_000, 0.5))));
    return Math.round(Math.min(3_000, Math.max(200, this.rng.logNormal(700, 0.6))));
  }

  private tick(): void {
    if (this.stopping) return;
    const now = Date.now();
    while (this.queue.peekTime() <= now) this.queue.pop()!.v();
    const orders = this.rng.poisson((this.rate * ORDERS_PER_EVENT * TICK_MS) / 1000);
    for (let i = 0; i < orders; i++) this.placeOrder(this.pickSku());
    this.flash.tick(TICK_MS);
  }

  private pickSku(): DemoSku {
    const total = this.popularity[this.popularity.length - 1].cum;
    const r = this.rng.next() * total;
    let lo = 0;
    let hi = this.popularity.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.popularity[mid].cum < r) lo = mid + 1;
      else hi = mid;
    }
    return this.popularity[lo].sku;
  }

  private skuRef(sku: DemoSku, channel: ChannelCode): Record<string, unknown> {
    const ids = sku.listings[channel];
    if (channel !== "stores" && ids && (channel !== "web" || this.rng.chance(0.7))) return { listing: { channel, externalId: ids[0] } };
    return { sku: sku.code };
  }

  /** One order line. `drain` sells whatever is left anywhere (flash sale); `oversell` ignores stock. */
  placeOrder(sku: DemoSku, opts: { channel?: ChannelCode; drain?: boolean; oversell?: boolean } = {}): boolean {
    const channel = opts.channel ?? this.rng.weighted(sku.channels, (c) => sku.channelShare[c] ?? 0);
    const r = this.rng.next();
    let qty = r < 0.86 ? 1 : r < 0.97 ? 2 : 3;
    let ch = channel;
    let loc = opts.oversell ? (routesFor(sku, channel)[0]?.location ?? null) : pickLocation(sku, channel, qty, (l) => this.view.availableAt(sku.code, l), this.rng);
    if (!loc && opts.drain) {
      // Sell the last units wherever they are, through a channel that ships from there.
      const where = sku.stockedAt.find((l) => this.view.availableAt(sku.code, l) > 0 && channelsSellingFrom(sku, l).length > 0);
      if (where) {
        loc = where;
        ch = this.rng.pick(channelsSellingFrom(sku, where));
        qty = Math.min(qty, this.view.availableAt(sku.code, where));
      }
    }
    if (!loc) return false;
    const orderId = orderIdFor(ch, ++this.orderNo, this.rng);
    // The channel names the line by its listing (mostly); the warehouse systems by our SKU code.
    const channelRef = this.skuRef(sku, ch);
    const send = (suffix: string, type: string, source: string, extra: Record<string, unknown> = {}, delta = 0) =>
      this.emit(
        { id: `${orderId}:${suffix}`, source, type, ...(source === CHANNEL_SOURCE[ch] ? channelRef : { sku: sku.code }), location: loc!, channel: ch, quantity: qty, orderId, ...extra },
        { code: sku.code, loc: loc!, delta },
      );
    send("placed", "order.placed", CHANNEL_SOURCE[ch], { payload: { order_id: orderId, line_items: [{ sku: sku.code, quantity: qty, price: sku.price.toFixed(2) }] } }, -qty);
    if (opts.oversell) {
      this.at(this.rng.int(20_000, 60_000), () => send("cancelled", "order.cancelled", CHANNEL_SOURCE[ch], { reason: "oversold" }, qty));
      return true;
    }
    // A flash sale's last units stay sold: no cancellation or return hands one back mid-demo.
    const final = Boolean(opts.drain);
    if (!final && ch !== "stores" && ch !== "rappi" && this.rng.chance(0.03)) {
      const reason = this.rng.weighted(["customer", "payment", "address", "other"], (x) => (x === "customer" ? 5 : x === "payment" ? 3 : 1));
      this.at(this.rng.int(10_000, 90_000), () => send("cancelled", "order.cancelled", CHANNEL_SOURCE[ch], { reason }, qty));
      return true;
    }
    const delay = { "wh-gdl": [20, 90], "3pl-us-east": [40, 120], "fba-us": [20, 60], "store-cdmx": ch === "stores" ? [5, 20] : [30, 90], "dropship-vendor": [60, 180] }[loc];
    // The web store (a Shopify fulfillment) and Amazon (ORDER_CHANGE "Shipped") report their own
    // orders' shipments; for the other channels the shipping location's system does (MercadoLibre's
    // shipments are a resource of their own, so the WMS or the vendor reports those). One report per
    // shipment: two systems reporting the same one would ship it twice.
    const shipper = ch === "web" || ch === "amazon" ? CHANNEL_SOURCE[ch] : LOCATION_SOURCE[loc];
    this.at(this.rng.int(delay[0], delay[1]) * 1000, () => {
      send("shipped", "order.shipped", shipper);
      const p = final || ch === "rappi" ? 0 : ch === "stores" ? 0.02 : sku.product.category === "apparel" ? 0.07 : 0.04;
      if (!this.rng.chance(p)) return;
      const back: LocationCode = loc === "dropship-vendor" ? "wh-gdl" : loc!;
      const ret = { sku: sku.code, location: back, channel: ch, quantity: qty, orderId };
      const reason = this.rng.pick(["wrong_size", "defective", "changed_mind"]);
      const condition = this.rng.chance(0.85) ? "resellable" : "damaged";
      const receivedAfter = this.rng.int(60_000, 240_000);
      const inspectedAfter = this.rng.int(30_000, 120_000);
      if (ch === "web" && condition === "resellable" && SHOPIFY_LOCATION_IDS[back]) {
        // Shopify restocks a return straight to available when the refund is made (restock_type
        // "return"): the store reports it received and inspected resellable in one refund.
        this.at(receivedAfter + inspectedAfter, () =>
          this.emit(
            [
              { id: `${orderId}:return-received`, source: CHANNEL_SOURCE.web, type: "return.received", ...ret, reason },
              { id: `${orderId}:return-inspected`, source: CHANNEL_SOURCE.web, type: "return.inspected", ...ret, condition },
            ],
            { code: sku.code, loc: back, delta: qty },
          ),
        );
        return;
      }
      this.at(receivedAfter, () => {
        this.emit({ id: `${orderId}:return-received`, source: LOCATION_SOURCE[back], type: "return.received", ...ret, reason });
        this.at(inspectedAfter, () => {
          this.emit(
            { id: `${orderId}:return-inspected`, source: LOCATION_SOURCE[back], type: "return.inspected", ...ret, condition },
            { code: sku.code, loc: back, delta: condition === "resellable" ? qty : 0 },
          );
        });
      });
    });
    return true;
  }

  private scheduleFlash(): void {
    void this.flash.begin();
    this.at((this.opts.flashEverySeconds ?? 300) * 1000, () => this.scheduleFlash());
  }

  /**
   * Every half minute or so, one of the slower happenings: a trusted count at a location that counts
   * (its own system's cycle_count, now and then a big miss with a reason), an FBA or vendor snapshot,
   * or Shopify's untrusted view of Guadalajara (stuck on the demo's drifting SKUs, sometimes off by a
   * unit or two on another one), so the variance tile and the drift panel move.
   */
  private periodic(): void {
    const kind = this.rng.weighted(["count", "count", "fba", "vendor", "shopify"] as const, () => 1);
    const countAt = this.rng.pick(COUNTED_LIVE);
    const pick = (loc: LocationCode) => this.rng.pick(this.skus.filter((s) => s.stockedAt.includes(loc) && s.rate >= 0.3 && !this.flash.holds(s.code)));
    const drift = kind === "shopify" && this.rng.chance(0.4) ? this.rng.pick(this.drifting) : null;
    const sku = drift
      ? (this.skus.find((s) => s.code === drift.code) ?? pick("wh-gdl"))
      : pick(kind === "fba" ? "fba-us" : kind === "vendor" ? "dropship-vendor" : kind === "count" ? countAt : "wh-gdl");
    void this.view.refreshOne(sku.code).then((v) => {
      if (!v?.locations || this.stopping) return;
      const n = ++this.eventNo;
      if (kind === "count") {
        const onHand = v.onHand.get(countAt) ?? 0;
        const avail = v.locations.get(countAt) ?? 0;
        const r = this.rng.next();
        let variance = r < 0.7 ? 0 : r < 0.88 ? -1 : r < 0.94 ? -2 : r < 0.98 ? 1 : -this.rng.int(4, 8);
        if (variance < 0) variance = Math.max(variance, -Math.max(0, avail));
        const reason = variance <= -4 ? this.rng.pick(["theft", "damaged", "unrecorded_shipment"]) : undefined;
        const source = LOCATION_SOURCE[countAt];
        this.emit(
          { id: `CC-${countAt}-${this.runTag}-${n}`, source, type: "cycle_count", sku: sku.code, location: countAt, quantity: Math.max(0, onHand + variance), ...(reason ? { reason } : {}) },
          { code: sku.code, loc: countAt, delta: variance },
        );
      } else if (kind === "fba") {
        const avail = Math.max(0, v.locations.get("fba-us") ?? 0);
        this.emit({
          id: `SNAP-fba-us-${this.runTag}-${n}`,
          source: "amazon-fba",
          type: "snapshot",
          bucket: "available",
          listing: { channel: "amazon", externalId: sku.listings.amazon?.[0] ?? sku.code },
          location: "fba-us",
          quantity: avail,
        });
      } else if (kind === "vendor") {
        const avail = Math.max(0, v.locations.get("dropship-vendor") ?? 0);
        const next = avail < 20 ? avail + this.rng.int(60, 150) : Math.max(0, avail - this.rng.int(0, 3));
        this.emit(
          { id: `SNAP-dropship-${this.runTag}-${n}`, source: "vendor-orthosupply", type: "snapshot", bucket: "available", sku: sku.code, location: "dropship-vendor", quantity: next },
          { code: sku.code, loc: "dropship-vendor", delta: next - avail },
        );
      } else if (sku.listings.web) {
        // Shopify's inventory_levels/update for Guadalajara: untrusted there, so it is recorded as drift only.
        const offset = drift?.offset ?? (this.rng.chance(0.15) ? this.rng.pick([-2, -1, 1, 2]) : 0);
        const value = Math.max(0, (v.locations.get("wh-gdl") ?? 0) - offset);
        this.emit({
          id: `inventory_levels-${this.runTag}-${n}`,
          source: SHOPIFY_DRIFT_SOURCE,
          type: "snapshot",
          bucket: "available",
          listing: { channel: "web", externalId: sku.listings.web[0] },
          location: SHOPIFY_DRIFT_LOCATION,
          quantity: value,
        });
      }
    });
    this.at(this.rng.int(20_000, 45_000), () => this.periodic());
  }

  private printStats(final = false): void {
    const s = this.outbox.stats;
    const now = Date.now();
    const perSec = ((s.events - this.lastStats.events) * 1000) / Math.max(1, now - this.lastStats.at);
    this.lastStats = { at: now, events: s.events };
    const n = (x: number) => x.toLocaleString("en-US");
    const head = final ? "[simulate] stopped:" : `[simulate] ${perSec.toFixed(1)} events/s —`;
    this.log(
      `${head} accepted ${n(s.accepted)} · duplicate ${n(s.duplicate)} · rejected ${n(s.rejected)} · unmapped ${n(s.unmapped)}${s.ignored ? ` · ignored ${n(s.ignored)}` : ""} · failed ${n(s.failed)}${s.refused ? ` · refused ${n(s.refused)}` : ""} · queued ${n(this.outbox.pending)}${this.flash.describe()}`,
    );
    const f = s.formats;
    this.log(
      `[simulate]   by format (events): shopify ${n(f.shopify)} · amazon ${n(f.amazon)} · mercadolibre ${n(f.mercadolibre)} (+${n(s.notifications)} notifications) · standard ${n(f.standard)} · canonical ${n(f.canonical)}`,
    );
  }
}
