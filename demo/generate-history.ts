import type { DemoSku } from "./demo-catalog";
import { CHANNEL_SOURCE, HOURLY_WEIGHT, LOCATION_SOURCE, UTC_OFFSET_HOURS, type ChannelCode, type LocationCode } from "./demo-network";
import { pickLocation } from "./demo-routing";
import { countPlan, countsOn } from "./demo-counting";
import { HistoryAudits } from "./history-audits";
import { DAY_MS as DAY, HOUR_MS as HOUR } from "@/lib/time/durations";
import { HistoryBook, type Action, type ChannelOutage, type Order, type SeedEvent } from "./history-book";
import { HistoryOversells, STORY_WEEKS } from "./history-oversells";
import { HistorySupply } from "./history-supply";
import { orderIdFor } from "./order-ids";
import { deliveredAt, promiseFor } from "./demo-promises";
import { hashString } from "./random";

export type { ChannelOutage, SeedEvent } from "./history-book";

/** The seeded story: its events, and when a channel stopped acknowledging pushes (seed-channel-history.ts). */
export interface DemoHistory {
  events: SeedEvent[];
  outages: ChannelOutage[];
}

const CANCEL_REASONS: [string, number][] = [
  ["customer", 45],
  ["payment", 25],
  ["address", 10],
  ["vendor_delay", 5],
  ["damaged_discovery", 5],
  ["other", 10],
];
const RETURN_REASONS = ["wrong_size", "defective", "changed_mind", "not_as_described"];

/**
 * Days (the demo uses 120) of a believable business, as events: orders across channels with a skewed
 * popularity, shipments, cancellations, returns, purchase orders and receipts that keep most SKUs in
 * stock, transfers to the store and to Amazon FBA, rolling cycle counts at every location (from each
 * location's own system and from Onepool's count workflow), vendor and FBA snapshots, and Shopify's
 * untrusted view of Guadalajara disagreeing about a handful of SKUs.
 * In the last weeks, oversold orders of every root cause (history-oversells.ts).
 * The same story every time (seeded); times are relative to `end`. Events sorted by occurredAt.
 */
export function generateHistory(opts: { end: number; days: number; wallNow?: number }): DemoHistory {
  const b = new HistoryBook(opts.end, opts.days, opts.wallNow ?? Date.now());
  return { events: new HistoryGenerator(b).run(), outages: b.outages };
}

/** The demand side (orders and what follows them), driving the supply side and the audits. */
class HistoryGenerator {
  private readonly supply: HistorySupply;
  private readonly audits: HistoryAudits;
  private readonly oversells: HistoryOversells;
  private orderNo = 0;

  constructor(private readonly b: HistoryBook) {
    this.supply = new HistorySupply(b);
    this.audits = new HistoryAudits(b);
    this.oversells = new HistoryOversells(b, {
      open: (t, sku, channel, loc, qty) => this.openOrder(t, sku, channel, loc, qty),
      ship: (t, o) => b.q.push(t + this.shipDelay(o.loc), { k: "ship", o }),
      oversold: (t, o) => b.q.push(t, { k: "cancel", o, reason: "oversold" }),
    });
  }

  run(): SeedEvent[] {
    const { b } = this;
    const lastDay = Math.floor((b.end - b.start) / DAY);
    for (let d = 0; d <= lastDay; d++) b.q.push(b.start + d * DAY, { k: "day", day: d });
    this.supply.openStock();
    while (b.q.peekTime() <= b.end) {
      const { t, v } = b.q.pop()!;
      this.handle(t, v);
    }
    // A few events are stamped a moment after the action that produced them; connectors send in time order.
    return b.events.sort((x, y) => x.occurredAt - y.occurredAt);
  }

  private handle(t: number, a: Action): void {
    switch (a.k) {
      case "day":
        return this.planDay(t, a.day);
      case "order":
        return this.placeOrder(t, a.sku, a.channel);
      case "ship":
        return this.ship(t, a.o);
      case "cancel":
        this.b.level(a.o.sku, a.o.loc).committed -= a.o.qty;
        return this.orderEvent(t, a.o, "order.cancelled", CHANNEL_SOURCE[a.o.channel], { reason: a.reason });
      case "reallocate":
        return this.reallocate(t, a.o);
      case "deliver":
        return this.orderEvent(t, a.o, "order.delivered", CHANNEL_SOURCE[a.o.channel]);
      case "return":
        return a.inspect ? this.inspectReturn(t, a.o, a.loc) : this.receiveReturn(t, a.o, a.loc);
      case "replenish":
        return this.supply.replenish(t, a.day);
      case "receipt":
        return this.supply.receive(t, a);
      case "transfers":
        return this.supply.transfers(t, a.from, a.to, a.day);
      case "transferIn":
        return this.supply.transferIn(t, a);
      case "count":
        return this.audits.count(t, a.sku, a.loc);
      case "snapshot":
        return this.audits.snapshot(t, a.sku, a.loc);
      case "misc":
        return this.audits.misc(t, a.day);
      case "story":
        return this.oversells.story(t);
      case "then":
        return a.run(t);
    }
  }

  private planDay(dayStart: number, day: number): void {
    const { b } = this;
    const weekday = new Date(dayStart).getUTCDay();
    for (const sku of b.skus) {
      const launch = b.launchDay(sku);
      if (day < launch) {
        if (day === Math.max(0, launch - 2)) this.supply.launchStock(dayStart, sku);
        continue;
      }
      for (const c of sku.channels) {
        // Orders average 1.17 units, so this many orders make the SKU's expected units.
        const mean = (sku.rate * (sku.channelShare[c] ?? 0) * this.demandFactor(sku, c, day, weekday, launch)) / 1.17;
        const n = b.rng.poisson(mean);
        for (let i = 0; i < n; i++) b.q.push(this.orderTime(dayStart, c), { k: "order", sku, channel: c });
      }
    }
    b.q.push(dayStart + 13 * HOUR, { k: "replenish", day });
    if (weekday === 1 || weekday === 4) b.q.push(dayStart + 15 * HOUR, { k: "transfers", from: "wh-gdl", to: "store-cdmx", day });
    if (weekday === 2) b.q.push(dayStart + 14 * HOUR, { k: "transfers", from: "3pl-us-east", to: "fba-us", day });
    for (const sku of b.skus) {
      if (day < b.launchDay(sku)) continue;
      const h = hashString(sku.code);
      for (const loc of sku.stockedAt) {
        // Rolling cycle counts at every location, each row on its own cadence (demo-counting.ts), so
        // coverage has rows in every aging bucket and a few that were never counted.
        if (countsOn(countPlan(sku, loc), day, b.days)) b.q.push(b.workTime(dayStart, 9, 17), { k: "count", sku, loc });
      }
      if (sku.stockedAt.includes("fba-us") && (h + day) % 7 === 0) b.q.push(dayStart + 8 * HOUR + b.rng.int(0, 3_600_000), { k: "snapshot", sku, loc: "fba-us" });
      if (sku.stockedAt.includes("dropship-vendor") && day % 2 === 0 && day > 0) b.q.push(dayStart + 12 * HOUR + b.rng.int(0, 600_000), { k: "snapshot", sku, loc: "dropship-vendor" });
    }
    b.q.push(b.workTime(dayStart), { k: "misc", day });
    // Every other day of the scorecard's weeks, an oversold order whose cause the story sets up.
    if (day >= b.days - STORY_WEEKS * 7 && day % 2 === 1) b.q.push(b.workTime(dayStart, 10, 16), { k: "story", day });
  }

  private demandFactor(sku: DemoSku, c: ChannelCode, day: number, weekday: number, launch: number): number {
    let f = 1;
    if ((weekday === 0 || weekday === 6) && (c === "web" || c === "rappi" || c === "stores")) f *= 1.2;
    if (weekday === 1) f *= 1.05;
    // "Hot Sale" two weeks ago: braces and compression on the own site and MercadoLibre.
    const daysAgo = this.b.days - day;
    if (daysAgo >= 13 && daysAgo <= 15 && (c === "web" || c === "mercadolibre") && (sku.product.category === "braces" || sku.product.category === "compression")) f *= 2.2;
    if (sku.launchedDaysAgo !== null && day - launch < 3) f *= 1.6;
    return f;
  }

  private orderTime(dayStart: number, c: ChannelCode): number {
    const { rng } = this.b;
    const hour =
      c === "stores"
        ? rng.int(10, 20)
        : rng.weighted(
            HOURLY_WEIGHT.map((w, h) => ({ w, h })),
            (x) => x.w,
          ).h;
    return dayStart + ((hour - UTC_OFFSET_HOURS + 24) % 24) * HOUR + rng.int(0, HOUR - 1);
  }

  private orderEvent(t: number, o: Order, type: string, source: string, extra: Record<string, unknown> = {}): void {
    const suffix = type.replace("order.", "").replace(".", "-");
    const ref = source === CHANNEL_SOURCE[o.channel] || source === "amazon-fba" ? this.b.skuRef(o.sku, o.channel) : { sku: o.sku.code };
    this.b.emit(t, { id: `${o.orderId}:${suffix}`, source, type, ...ref, location: o.loc, channel: o.channel, quantity: o.qty, orderId: o.orderId, ...extra });
  }

  private placeOrder(t: number, sku: DemoSku, channel: ChannelCode): void {
    const { b } = this;
    const { rng, q } = b;
    const r = rng.next();
    const qty = r < 0.86 ? 1 : r < 0.97 ? 2 : 3;
    let loc = pickLocation(sku, channel, qty, (l) => b.available(sku, l), rng);
    let oversold = false;
    if (!loc) {
      // The channel showed units the pool had elsewhere, but none of the locations that ship its
      // orders had them: the order comes in and is cancelled as oversold (unexplained by §6.4's
      // causes). With the pool empty, the listing showed 0 and nobody ordered.
      if (channel === "stores" || channel === "rappi" || !rng.chance(0.12)) return;
      if (b.availableReal(sku) < qty) return;
      loc = pickLocation(sku, channel, 0, () => 0, rng);
      if (!loc) return;
      oversold = true;
    }
    const o = this.openOrder(t, sku, channel, loc, qty);
    if (oversold) return q.push(t + rng.int(30 * 60_000, 6 * HOUR), { k: "cancel", o, reason: "oversold" });
    if (channel === "stores") return q.push(t + rng.int(30_000, 120_000), { k: "ship", o });
    if (channel === "rappi") {
      if (rng.chance(0.02)) return q.push(t + rng.int(60_000, 600_000), { k: "cancel", o, reason: "customer" });
      return q.push(t + rng.int(8 * 60_000, 25 * 60_000), { k: "ship", o });
    }
    if (rng.chance(0.03)) {
      const reason = rng.weighted(CANCEL_REASONS, (x) => x[1])[0];
      return q.push(t + Math.min(40 * HOUR, rng.logNormal(2 * HOUR, 1)), { k: "cancel", o, reason });
    }
    if (channel === "web" && loc === "wh-gdl" && rng.chance(0.015) && b.available(sku, "3pl-us-east") >= qty + 5) {
      return q.push(t + rng.int(HOUR, 4 * HOUR), { k: "reallocate", o });
    }
    q.push(t + this.shipDelay(loc), { k: "ship", o });
  }

  /** An order placed: its units promised at `loc`, its order.placed (with the channel's delivery promise). */
  private openOrder(t: number, sku: DemoSku, channel: ChannelCode, loc: LocationCode, qty: number): Order {
    const o: Order = { orderId: orderIdFor(channel, ++this.orderNo, this.b.rng), sku, channel, loc, qty };
    this.b.level(sku, loc).committed += qty;
    const promised = promiseFor(channel, t);
    this.orderEvent(t, o, "order.placed", CHANNEL_SOURCE[channel], promised === null ? {} : { promisedAt: new Date(promised).toISOString() });
    return o;
  }

  private shipDelay(loc: LocationCode): number {
    const median = { "wh-gdl": 8, "3pl-us-east": 10, "fba-us": 4, "store-cdmx": 1, "dropship-vendor": 30 }[loc];
    return Math.round(Math.min(48 * HOUR, Math.max(HOUR / 2, this.b.rng.logNormal(median * HOUR, 0.5))));
  }

  /** The own site's order will ship from the 3PL instead (closer to the buyer): move the promise. */
  private reallocate(t: number, o: Order): void {
    const { b } = this;
    if (b.available(o.sku, "3pl-us-east") >= o.qty) {
      b.level(o.sku, o.loc).committed -= o.qty;
      b.level(o.sku, "3pl-us-east").committed += o.qty;
      this.orderEvent(t, o, "order.reallocated", CHANNEL_SOURCE.web, { toLocation: "3pl-us-east" });
      o.loc = "3pl-us-east";
    }
    b.q.push(t + this.shipDelay(o.loc), { k: "ship", o });
  }

  private ship(t: number, o: Order): void {
    const { b } = this;
    const l = b.level(o.sku, o.loc);
    l.committed -= o.qty;
    l.onHand -= o.qty;
    this.orderEvent(t, o, "order.shipped", LOCATION_SOURCE[o.loc]);
    // The buyer gets it later (promise accuracy); not a random draw, so the rest of the story is unchanged.
    const arrives = deliveredAt(o.channel, o.orderId, t);
    if (arrives !== null) b.q.push(arrives, { k: "deliver", o });
    const p = o.channel === "rappi" ? 0 : o.channel === "stores" ? 0.02 : o.sku.product.category === "apparel" ? 0.08 : 0.045;
    if (!b.rng.chance(p)) return;
    const back: LocationCode = o.loc === "dropship-vendor" ? "wh-gdl" : o.loc;
    const dayStart = Math.floor((t + b.rng.int(3, 18) * DAY) / DAY) * DAY;
    b.q.push(b.workTime(dayStart), { k: "return", o, loc: back, inspect: false });
  }

  private receiveReturn(t: number, o: Order, loc: LocationCode): void {
    const { b } = this;
    const l = b.level(o.sku, loc);
    l.onHand += o.qty;
    l.qc += o.qty;
    b.emit(t, {
      id: `${o.orderId}:return-received`,
      source: LOCATION_SOURCE[loc],
      type: "return.received",
      sku: o.sku.code,
      location: loc,
      channel: o.channel,
      quantity: o.qty,
      orderId: o.orderId,
      reason: b.rng.pick(RETURN_REASONS),
    });
    const dayStart = Math.floor((t + b.rng.int(1, 4) * DAY) / DAY) * DAY;
    b.q.push(b.workTime(dayStart), { k: "return", o, loc, inspect: true });
  }

  private inspectReturn(t: number, o: Order, loc: LocationCode): void {
    const { b } = this;
    const l = b.level(o.sku, loc);
    const condition = b.rng.chance(0.85) ? "resellable" : "damaged";
    l.qc -= o.qty;
    if (condition === "damaged") l.damaged += o.qty;
    b.emit(t, {
      id: `${o.orderId}:return-inspected`,
      source: LOCATION_SOURCE[loc],
      type: "return.inspected",
      sku: o.sku.code,
      location: loc,
      channel: o.channel,
      quantity: o.qty,
      orderId: o.orderId,
      condition,
    });
  }
}
