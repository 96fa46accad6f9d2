import type { DemoSku } from "./demo-catalog";
import { LOCATION_SOURCE, type LocationCode } from "./demo-network";
import type { HistoryBook } from "./history-book";

/**
 * What the systems say about stock, as opposed to what moves it: rolling cycle counts with small
 * variances, FBA and dropship-vendor availability snapshots, and the little losses and finds of a
 * warehouse week, plus Shopify's own (untrusted) view of Guadalajara drifting.
 */
export class HistoryAudits {
  private miscNo = 0;

  constructor(private readonly b: HistoryBook) {}

  count(t: number, sku: DemoSku, loc: LocationCode): void {
    const { b } = this;
    const l = b.level(sku, loc);
    const r = b.rng.next();
    let variance = r < 0.8 ? 0 : r < 0.92 ? -1 : r < 0.96 ? -b.rng.int(2, 3) : 1;
    // A count never finds fewer units than are already promised to orders waiting to ship.
    if (variance < 0) variance = Math.max(variance, -Math.max(0, b.available(sku, loc)));
    const counted = Math.max(0, l.onHand + variance);
    l.onHand = counted;
    b.emit(t, { id: `CC-${loc}-${b.dateTag(t)}-${sku.code}`, source: LOCATION_SOURCE[loc], type: "cycle_count", sku: sku.code, location: loc, quantity: counted });
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
        b.emit(t + 60_000, { id: id(), source: "wms-gdl", type: "adjustment", sku: s.code, location: "wh-gdl", quantity: 1, reason: "found during putaway" });
      }
    }
    // Shopify's inventory_levels/update for Guadalajara: not trusted there, so it only shows up as drift.
    for (let i = 0; i < 4; i++) {
      const s = pick("wh-gdl");
      if (!s || !s.listings.web) continue;
      const value = Math.max(0, b.available(s, "wh-gdl") + b.rng.int(-2, 1));
      b.emit(t + i * 97_000, { id: `inventory_levels-${String(++this.miscNo).padStart(6, "0")}`, source: "shopify-web", type: "snapshot", bucket: "available", listing: { channel: "web", externalId: s.listings.web[0] }, location: "wh-gdl", quantity: value });
    }
  }
}
