import type { DemoSku } from "./demo-catalog";
import type { ChannelCode, LocationCode } from "./demo-network";
import type { HistoryBook, Order } from "./history-book";
import { createRng } from "./random";
import { HOUR_MS as HOUR, MINUTE_MS as MIN } from "@/lib/time/durations";

/** The stories run in the scorecard's weeks (its 12-week trend) only. */
export const STORY_WEEKS = 12;

const GDL: LocationCode = "wh-gdl";

/** What the stories need from the order side of the generator. */
export interface StoryOrders {
  /** Place an order: units promised at `loc`, its order.placed emitted. */
  open(t: number, sku: DemoSku, channel: ChannelCode, loc: LocationCode, qty: number): Order;
  /** Ship it after the location's usual delay (and deliver, maybe return, as any order). */
  ship(t: number, o: Order): void;
  /** Cancel it at `t` with reason oversold. */
  oversold(t: number, o: Order): void;
}

type Story = "stale_channel" | "late_events" | "correction" | "buffer_too_small";
const STORIES: Story[] = ["stale_channel", "late_events", "correction", "buffer_too_small"];

/**
 * Oversold orders whose chain (docs/OVERSELLS.md) each root cause explains, set up the way it happens:
 * - stale_channel: MercadoLibre's listing API fails for a few hours; the own site sells Guadalajara's
 *   last units; MercadoLibre still shows the old number and takes an order for units that are gone.
 * - late_events: a damaged pallet is recorded in the WMS while its feed to Onepool is down; the own
 *   site sells units Onepool still counted, the WMS's news lands hours later.
 * - correction: MercadoLibre sells Guadalajara's last units, then a recount finds them missing.
 * - buffer_too_small: the own site and MercadoLibre sell Guadalajara's last unit minutes apart
 *   (units elsewhere in the pool kept both numbers up).
 * The generator's own oversells (a channel showing a unit that ran out) stay, mostly unexplained.
 * Candidates are SKUs in the right state at that moment; a story without one waits for the next day.
 * Its own random stream, so the stories' draws leave the rest of the story's draws alone.
 */
export class HistoryOversells {
  private readonly rng = createRng(6_161);
  private next = 0;
  /** SKU code → when its current story is over (a SKU plays one story at a time). */
  private readonly busy = new Map<string, number>();

  constructor(
    private readonly b: HistoryBook,
    private readonly orders: StoryOrders,
  ) {}

  story(t: number): void {
    for (let i = 0; i < STORIES.length; i++) {
      const kind = STORIES[(this.next + i) % STORIES.length];
      if (this.play(kind, t)) {
        // A cause that found no SKU today is the first one tried next time.
        if (i === 0) this.next = (this.next + 1) % STORIES.length;
        return;
      }
    }
  }

  private play(kind: Story, t: number): boolean {
    const { b, rng, orders } = this;
    const later = (at: number, run: (t: number) => void) => b.q.push(at, { k: "then", run });
    const gdl = (s: DemoSku) => b.available(s, GDL);
    switch (kind) {
      case "stale_channel": {
        const sku = this.pick(t, (s) => gdl(s) >= 3 && gdl(s) <= 6 && b.availableReal(s, [GDL]) === 0);
        if (!sku) return false;
        const end = t + rng.int(150 * MIN, 240 * MIN);
        b.outages.push({ channel: "mercadolibre", from: t, to: end });
        later(t + rng.int(5 * MIN, 20 * MIN), (at) => orders.ship(at, orders.open(at, sku, "web", GDL, gdl(sku) - 1)));
        const placed = t + rng.int(45 * MIN, 100 * MIN);
        const cancelled = placed + rng.int(40 * MIN, 150 * MIN);
        later(placed, (at) => {
          const o = orders.open(at, sku, "mercadolibre", GDL, 2);
          later(cancelled, (c) => orders.oversold(c, o));
        });
        return this.hold(sku, cancelled);
      }
      case "late_events": {
        const sku = this.pick(t, (s) => gdl(s) >= 2 && gdl(s) <= 5 && b.availableReal(s, [GDL]) <= 2);
        if (!sku) return false;
        const units = gdl(sku);
        // One unit more than the pool really had elsewhere: Onepool still counted the damaged ones.
        const qty = b.availableReal(sku, [GDL]) + 1;
        const landed = t + rng.int(3 * HOUR, 5 * HOUR);
        b.level(sku, GDL).damaged += units;
        b.emit(t, { id: `ADJ-WET-${b.dateTag(t)}-${sku.code}`, source: "wms-gdl", type: "damage", sku: sku.code, location: GDL, quantity: units, reason: "water damage" }, landed);
        const placed = t + rng.int(40 * MIN, 150 * MIN);
        const cancelled = landed + rng.int(10 * MIN, 60 * MIN);
        later(placed, (at) => {
          const o = orders.open(at, sku, "web", GDL, qty);
          later(cancelled, (c) => orders.oversold(c, o));
        });
        return this.hold(sku, cancelled);
      }
      case "correction": {
        const sku = this.pick(t, (s) => gdl(s) >= 1 && gdl(s) <= 4 && b.available(s, "dropship-vendor") <= 0);
        if (!sku) return false;
        const o = orders.open(t, sku, "mercadolibre", GDL, 1);
        const counted = t + rng.int(40 * MIN, 120 * MIN);
        const cancelled = counted + rng.int(15 * MIN, 60 * MIN);
        later(counted, (at) => {
          // The recount finds none of the units that were free to sell (the order's among them).
          const l = b.level(sku, GDL);
          l.onHand = Math.max(0, l.onHand - (b.available(sku, GDL) + o.qty));
          b.emit(at, { id: `CC-${GDL}-${b.dateTag(at)}-${sku.code}-recount`, source: "wms-gdl", type: "cycle_count", sku: sku.code, location: GDL, quantity: l.onHand });
        });
        later(cancelled, (c) => orders.oversold(c, o));
        return this.hold(sku, cancelled);
      }
      case "buffer_too_small": {
        const sku = this.pick(t, (s) => gdl(s) >= 1 && gdl(s) <= 3 && b.availableReal(s) >= gdl(s) + 2);
        if (!sku) return false;
        const units = gdl(sku);
        const o = orders.open(t, sku, "web", GDL, 1);
        later(t + rng.int(2 * MIN, 12 * MIN), (at) => orders.ship(at, orders.open(at, sku, "mercadolibre", GDL, units)));
        const cancelled = t + rng.int(60 * MIN, 180 * MIN);
        later(cancelled, (c) => orders.oversold(c, o));
        return this.hold(sku, cancelled);
      }
    }
  }

  /** A SKU sold on the own site and MercadoLibre, in the state `fits`, not in a story now; no SKU rule (DEMO_RULES) or bestseller reserve in the way. */
  private pick(t: number, fits: (s: DemoSku) => boolean): DemoSku | null {
    const day = Math.floor((t - this.b.start) / (24 * HOUR));
    const xs = this.b.skus.filter(
      (s) =>
        s.channels.includes("web") &&
        s.channels.includes("mercadolibre") &&
        !s.tags.includes("bestseller") &&
        s.code !== "KNEE-BRACE-M-BLK" &&
        day >= this.b.launchDay(s) &&
        (this.busy.get(s.code) ?? 0) < t &&
        fits(s),
    );
    return xs.length ? this.rng.pick(xs) : null;
  }

  private hold(sku: DemoSku, until: number): true {
    this.busy.set(sku.code, until + HOUR);
    return true;
  }
}
