import { buildDemoSkus, type DemoSku } from "./demo-catalog";
import { UTC_OFFSET_HOURS, type ChannelCode, type LocationCode } from "./demo-network";
import { locationRates } from "./demo-routing";
import { createRng, type Rng } from "./random";
import { sourceLagMs } from "./source-lag";
import { TimeQueue } from "./time-queue";
import { DAY_MS as DAY, HOUR_MS as HOUR } from "@/lib/time/durations";

/** A canonical event as a connector would post it, with the time Onepool should stamp on arrival. */
export interface SeedEvent {
  body: Record<string, unknown>;
  occurredAt: number;
  receivedAt: number;
}

export interface Level {
  onHand: number;
  committed: number;
  qc: number;
  damaged: number;
  incoming: Map<string, number>;
}
export interface Order {
  orderId: string;
  sku: DemoSku;
  channel: ChannelCode;
  loc: LocationCode;
  qty: number;
}
/** A window in which a channel acknowledged none of Onepool's pushes (its listing API failing). */
export interface ChannelOutage {
  channel: ChannelCode;
  from: number;
  to: number;
}

/** What happens next in the story, in time order. */
export type Action =
  | { k: "day"; day: number }
  | { k: "order"; sku: DemoSku; channel: ChannelCode }
  | { k: "ship" | "reallocate" | "deliver"; o: Order }
  | { k: "cancel"; o: Order; reason: string }
  | { k: "return"; o: Order; loc: LocationCode; inspect: boolean }
  | { k: "replenish"; day: number }
  | { k: "receipt"; sku: DemoSku; loc: LocationCode; ref: string; qty: number; part: number }
  | { k: "transfers"; from: LocationCode; to: LocationCode; day: number }
  | { k: "transferIn"; sku: DemoSku; to: LocationCode; ref: string; qty: number }
  | { k: "count" | "snapshot"; sku: DemoSku; loc: LocationCode }
  | { k: "misc"; day: number }
  | { k: "story"; day: number }
  | { k: "then"; run: (t: number) => void };

/**
 * The history generator's shared state: the clock and its queue of pending actions, a small stock
 * model per (SKU, location) that mirrors what the ledger will fold to (so nothing ships that is
 * not there and counts find realistic variance), and the events written so far.
 */
export class HistoryBook {
  readonly rng: Rng = createRng(7_771);
  /** Lags draw from their own stream, so tuning them does not reshuffle the story. */
  private readonly lagRng: Rng = createRng(4_242);
  readonly q = new TimeQueue<Action>();
  readonly events: SeedEvent[] = [];
  readonly outages: ChannelOutage[] = [];
  readonly skus = buildDemoSkus();
  readonly start: number;
  private readonly levels = new Map<string, Level>();
  private readonly rates = new Map<string, Map<LocationCode, number>>();

  constructor(
    readonly end: number,
    readonly days: number,
    private readonly wallNow: number,
  ) {
    this.start = Math.floor((end - days * DAY) / DAY) * DAY;
    for (const s of this.skus) this.rates.set(s.code, locationRates(s));
  }

  level(sku: DemoSku, loc: LocationCode): Level {
    const k = `${sku.code}|${loc}`;
    let l = this.levels.get(k);
    if (!l) this.levels.set(k, (l = { onHand: 0, committed: 0, qc: 0, damaged: 0, incoming: new Map() }));
    return l;
  }

  available(sku: DemoSku, loc: LocationCode): number {
    const l = this.level(sku, loc);
    return l.onHand - l.committed - l.qc - l.damaged;
  }

  /** Available real (docs/QUANTITY-MODEL.md §2–3: every demo location is sellable), optionally leaving some locations out. */
  availableReal(sku: DemoSku, except: readonly LocationCode[] = []): number {
    let s = 0;
    for (const loc of sku.stockedAt) if (!except.includes(loc)) s += Math.max(0, this.available(sku, loc));
    return s;
  }

  openIncoming(l: Level): number {
    let s = 0;
    for (const q of l.incoming.values()) s += Math.max(0, q);
    return s;
  }

  /** Expected units per day the location ships (or feeds by transfer) for this SKU. */
  rateAt(sku: DemoSku, loc: LocationCode): number {
    return this.rates.get(sku.code)!.get(loc) ?? 0;
  }

  launchDay(sku: DemoSku): number {
    return sku.launchedDaysAgo === null ? 0 : this.days - sku.launchedDaysAgo;
  }

  /**
   * Record an event at `t`; Onepool will stamp it received after the source's usual lag, or at
   * `lateUntil` when the source's feed was down (never after the wall clock).
   */
  emit(t: number, body: Record<string, unknown>, lateUntil?: number): void {
    const lag = sourceLagMs(this.lagRng, String(body.source));
    const receivedAt = Math.max(t, Math.min(lateUntil ?? t + lag, this.wallNow));
    this.events.push({ body: { ...body, occurredAt: new Date(t).toISOString() }, occurredAt: t, receivedAt });
  }

  /** How a source names the SKU: marketplaces and the storefront by their listing id, our own systems by SKU code. */
  skuRef(sku: DemoSku, channel: ChannelCode | null): Record<string, unknown> {
    const ids = channel ? sku.listings[channel] : undefined;
    if (channel && channel !== "stores" && ids && (channel !== "web" || this.rng.chance(0.7))) return { listing: { channel, externalId: ids[0] } };
    return { sku: sku.code };
  }

  /** A time within working hours (Mexico City) of the UTC day starting at `dayStart`. */
  workTime(dayStart: number, fromLocalHour = 9, toLocalHour = 18): number {
    const h = fromLocalHour - UTC_OFFSET_HOURS + this.rng.next() * (toLocalHour - fromLocalHour);
    return dayStart + Math.floor(h * HOUR);
  }

  dateTag(t: number): string {
    return new Date(t).toISOString().slice(0, 10).replaceAll("-", "");
  }
}
