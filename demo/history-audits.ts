import type { DemoSku } from "./demo-catalog";
import { LOCATION_SOURCE, type LocationCode } from "./demo-network";
import { ONEPOOL_COUNTS_SOURCE } from "@/lib/quantity/event-order";
import { BIG_MISS_REASONS, countSourceFor, DEMO_COUNTERS, driftingSkus, SHOPIFY_DRIFT_LOCATION, SHOPIFY_DRIFT_SOURCE, type DriftingSku } from "./demo-counting";
import type { HistoryBook } from "./history-book";
import { DAY_MS as DAY } from "@/lib/time/durations";

/**
 * What the systems say about stock, as opposed to what moves it: rolling cycle counts (mostly right,
 * some small misses, a few big ones with a reason), FBA and dropship-vendor availability snapshots,
 * the little losses and finds of a warehouse week, plus Shopify's own (untrusted) view of Guadalajara
 * stuck on a handful of SKUs.
 */
export class HistoryAudits {
  private miscNo = 0;
  private readonly drifting: Map<string, DriftingSku>;

  constructor(private readonly b: HistoryBook) {
    this.drifting = new Map(driftingSkus(b.skus).map((d) => [d.code, d]));
  }

  count(t: number, sku: DemoSku, loc: LocationCode): void {
    const { b } = this;
    const l = b.level(sku, loc);
    const day = Math.floor((t - b.start) / DAY);
    const source = countSourceFor(sku, loc, day);
    // Most lines are right, some miss a unit or two, a few are big misses a reviewer explains.
    const r = b.rng.next();
    let variance = r < 0.8 ? 0 : r < 0.9 ? -1 : r < 0.94 ? -b.rng.int(2, 3) : r < 0.98 ? 1 : r < 0.993 ? -b.rng.int(5, 12) : b.rng.int(5, 8);
    // A count never finds fewer units than are already promised to orders waiting to ship.
    if (variance < 0) variance = Math.max(variance, -Math.max(0, b.available(sku, loc)));
    const counted = Math.max(0, l.onHand + variance);
    const big = Math.abs(counted - l.onHand) >= Math.max(2, Math.ceil(0.05 * l.onHand));
    l.onHand = counted;
    const base = { type: "cycle_count", sku: sku.code, location: loc, quantity: counted };
    if (source !== ONEPOOL_COUNTS_SOURCE) {
      b.emit(t, { id: `CC-${loc}-${b.dateTag(t)}-${sku.code}`, source, ...base });
      return;
    }
    // As the count workflow's approval posts it: one event per line, the reason when the miss needs one, who counted.
    const reason = big ? (variance > 0 ? b.rng.pick(["unrecorded_receipt", "transfer_error", "unknown"]) : b.rng.pick(BIG_MISS_REASONS)) : "cycle count";
    const countId = `cnt_demo_${loc}_${b.dateTag(t)}`;
    b.emit(t, { id: `${countId}:${sku.code}`, source, ...base, reason, payload: { countId, countedBy: b.rng.pick(DEMO_COUNTERS[loc]), actorKind: "person" } });
  }

  /** FBA's fulfillable report and the dropship vendor's feed: what they say is available right now. */
  snapshot(t: number, sku: DemoSku, loc: LocationCode): void {
    const { b } = this;
    const l = b.level(sku, loc);
    let value = b.available(sku, loc);
    if (loc === "dropship-vendor") {
      // The vendor sells to others too, and restocks itself when it runs low.
      value -= b.rng.poisson(2);
      if (value < 20) value += b.rng.int(60, 150);
    } else if (b.rng.chance(0.08)) {
      value += b.rng.chance(0.6) ? -1 : 1;
    }
    value = Math.max(0, value);
    // An available snapshot sets on hand to the value plus everything held back (as the ledger's fold does).
    l.onHand = value + l.committed + l.qc + l.damaged;
    const ref = loc === "fba-us" ? b.skuRef(sku, "amazon") : { sku: sku.code };
    b.emit(t, { id: `SNAP-${loc}-${b.dateTag(t)}-${sku.code}`, source: LOCATION_SOURCE[loc], type: "snapshot", bucket: "available", ...ref, location: loc, quantity: value });
  }

  /** The small stuff of a warehouse week: a damaged unit, a shoplifted one, a found one, Shopify's own view drifting. */
  misc(t: number, day: number): void {
    const { b } = this;
    const pick = (loc: LocationCode) => {
      const xs = b.skus.filter((s) => s.stockedAt.includes(loc) && b.available(s, loc) > 2 && day >= b.launchDay(s));
      return xs.length ? b.rng.pick(xs) : null;
    };
    const id = () => `ADJ-${String(++this.miscNo).padStart(6, "0")}`;
    if (day % 3 === 0) {
      const s = pick("wh-gdl");
      if (s) {
        b.level(s, "wh-gdl").damaged += 1;
        b.emit(t, { id: id(), source: "wms-gdl", type: "damage", sku: s.code, location: "wh-gdl", quantity: 1, reason: "damaged in handling" });
      }
    }
    if (day % 7 === 3) {
      const s = pick("store-cdmx");
      if (s) {
        b.level(s, "store-cdmx").onHand -= 1;
        b.emit(t, { id: id(), source: "pos-cdmx", type: "shrink", sku: s.code, location: "store-cdmx", quantity: 1, reason: "theft" });
      }
    }
    if (day % 7 === 5) {
      const s = pick("wh-gdl");
      if (s) {
        b.level(s, "wh-gdl").onHand += 1;
        // Stamped before Shopify's snapshots below (t + 1.5 s on), which read the book with this unit in it.
        b.emit(t + 1_000, { id: id(), source: "wms-gdl", type: "adjustment", sku: s.code, location: "wh-gdl", quantity: 1, reason: "found during putaway" });
      }
    }
    // Shopify's inventory_levels/update for Guadalajara: not trusted there, so it only shows up as
    // drift. It agrees with the pool except for a handful of SKUs it has been stuck on for days.
    for (let i = 0; i < 4; i++) {
      const s = pick("wh-gdl");
      if (!s?.listings.web || this.drifting.has(s.code)) continue;
      // Never at `t` itself: a damage above is stamped `t`, and at one instant the untrusted snapshot
      // folds first (lowest precedence), so it would be measured before the damage it already saw.
      this.shopifySnapshot(t + 1_500 + i * 1_000, s, 0);
    }
    for (const d of this.drifting.values()) {
      const s = b.skus.find((x) => x.code === d.code)!;
      if (day >= b.days - d.daysAgo) this.shopifySnapshot(t + 5_000, s, d.offset);
    }
  }

  /** What Shopify says is available: the pool's number minus `offset` (drift = pool − reported). */
  private shopifySnapshot(t: number, s: DemoSku, offset: number): void {
    const { b } = this;
    const value = Math.max(0, b.available(s, SHOPIFY_DRIFT_LOCATION) - offset);
    b.emit(t, {
      id: `inventory_levels-${String(++this.miscNo).padStart(6, "0")}`,
      source: SHOPIFY_DRIFT_SOURCE,
      type: "snapshot",
      bucket: "available",
      listing: { channel: "web", externalId: s.listings.web![0] },
      location: SHOPIFY_DRIFT_LOCATION,
      quantity: value,
    });
  }
}
