import type { DemoSku } from "./demo-catalog";
import { LOCATION_SOURCE, PURCHASING_SOURCE, type LocationCode } from "./demo-network";
import type { Action, HistoryBook } from "./history-book";
import { DAY_MS as DAY, HOUR_MS as HOUR } from "@/lib/time/durations";
import { hashString } from "./random";
import { purchasePlan, roundToPack, transferTarget } from "./stock-policy";

/**
 * The supply side of the story: opening stock, purchase orders (POs for Guadalajara, ASNs at the
 * 3PL) and their receipts, and transfers that keep the store and Amazon FBA topped up. Stockout
 * SKUs get a last PO that their vendor never delivers.
 */
export class HistorySupply {
  private readonly lastPoPlaced = new Set<string>();
  /** Stockout SKUs get their last PO on this day; from the hold day on, their vendor delivers nothing more. */
  private readonly lastPoDay: number;
  private readonly vendorHoldDay: number;
  private refNo = 0;

  constructor(private readonly b: HistoryBook) {
    this.lastPoDay = Math.round(b.days * 0.3);
    this.vendorHoldDay = Math.round(b.days * 0.47);
  }

  openStock(): void {
    const { b } = this;
    const t = b.start + 30 * 60_000;
    for (const sku of b.skus) {
      if (sku.launchedDaysAgo !== null) continue;
      for (const loc of sku.stockedAt) {
        const qty = this.openingQty(sku, loc);
        if (qty <= 0) continue;
        b.level(sku, loc).onHand += qty;
        const vendor = loc === "dropship-vendor";
        b.emit(t, {
          id: `OPEN-${loc}-${sku.code}`,
          source: LOCATION_SOURCE[loc],
          type: vendor ? "snapshot" : "receipt",
          sku: sku.code,
          location: loc,
          quantity: qty,
          reason: "opening balance",
          ...(vendor ? { bucket: "available" } : {}),
        });
      }
    }
  }

  private openingQty(sku: DemoSku, loc: LocationCode): number {
    const { rng } = this.b;
    const r = this.b.rateAt(sku, loc);
    const L = sku.leadTimeDays;
    if (loc === "dropship-vendor") return rng.int(30, 120);
    if (loc === "fba-us" || loc === "store-cdmx") return transferTarget(r, loc, sku.fate) - rng.int(0, 2);
    const eff = r * 1.3 + 1.2 * (r / Math.max(sku.rate, 0.01));
    if (sku.fate === "healthy") return roundToPack(eff * (L + 17) + r * rng.next() * 30);
    return roundToPack(r * (L + 4 + rng.next() * 12));
  }

  /** A new product's first stock lands two days before launch, against a PO placed at the start. */
  launchStock(dayStart: number, sku: DemoSku): void {
    const { b } = this;
    for (const loc of sku.stockedAt) {
      if (loc !== "wh-gdl" && loc !== "3pl-us-east") continue;
      const plan = purchasePlan(sku, b.rateAt(sku, loc), 0, "healthy");
      if (!plan) continue;
      const ref = this.placePurchase(b.start + 2 * HOUR, sku, loc, plan.qty, dayStart + 9 * HOUR);
      b.q.push(b.workTime(dayStart), { k: "receipt", sku, loc, ref, qty: plan.qty, part: 1 });
    }
  }

  private placePurchase(t: number, sku: DemoSku, loc: LocationCode, qty: number, expectedAt: number): string {
    const n = ++this.refNo;
    const asn = loc === "3pl-us-east";
    const ref = asn ? `ASN-SB-${String(48_000 + n)}` : `PO-${String(26_000 + n)}`;
    this.b.level(sku, loc).incoming.set(ref, qty);
    this.b.emit(t, {
      id: `${ref}:${sku.code}`,
      source: asn ? LOCATION_SOURCE[loc] : PURCHASING_SOURCE,
      type: asn ? "asn" : "po",
      sku: sku.code,
      location: loc,
      quantity: qty,
      reference: ref,
      expectedAt: new Date(expectedAt).toISOString(),
    });
    return ref;
  }

  /** Daily purchasing run: a PO (or ASN) for every warehouse position under its reorder point. */
  replenish(t: number, day: number): void {
    const { b } = this;
    for (const sku of b.skus) {
      if (day < b.launchDay(sku)) continue;
      for (const loc of ["wh-gdl", "3pl-us-east"] as const) {
        if (!sku.stockedAt.includes(loc)) continue;
        const key = `${sku.code}|${loc}`;
        if (this.lastPoPlaced.has(key)) continue;
        const l = b.level(sku, loc);
        const lastOrder = sku.fate === "stockout" && day >= this.lastPoDay;
        const plan = purchasePlan(sku, b.rateAt(sku, loc), b.available(sku, loc) + b.openIncoming(l), lastOrder ? "low_cover" : sku.fate);
        if (!plan && !lastOrder) continue;
        const L = sku.leadTimeDays;
        const qty = plan?.qty ?? roundToPack(b.rateAt(sku, loc) * 20);
        if (lastOrder) {
          // The vendor confirms, then slips: the PO stays open past its date and the SKU runs dry.
          this.lastPoPlaced.add(key);
          this.placePurchase(t, sku, loc, qty, t + Math.min(L, b.days - day - 6) * DAY);
          continue;
        }
        const ref = this.placePurchase(t, sku, loc, qty, t + L * DAY);
        const arrival = Math.floor((t + L * DAY * (0.92 + b.rng.next() * 0.2)) / DAY) * DAY;
        if (b.rng.chance(0.12) && qty >= 12) {
          // Short-shipped first, the rest follows a few days later.
          const first = Math.round(qty * 0.7);
          b.q.push(b.workTime(arrival), { k: "receipt", sku, loc, ref, qty: first, part: 1 });
          b.q.push(b.workTime(arrival + b.rng.int(1, 3) * DAY), { k: "receipt", sku, loc, ref, qty: qty - first, part: 2 });
        } else {
          b.q.push(b.workTime(arrival), { k: "receipt", sku, loc, ref, qty, part: 1 });
        }
      }
    }
  }

  receive(t: number, a: Extract<Action, { k: "receipt" }>): void {
    // The vendor of a stockout SKU stopped shipping: its open POs stay open, past their dates.
    if (a.sku.fate === "stockout" && t >= this.b.start + this.vendorHoldDay * DAY) return;
    const l = this.b.level(a.sku, a.loc);
    l.onHand += a.qty;
    l.incoming.set(a.ref, (l.incoming.get(a.ref) ?? 0) - a.qty);
    this.b.emit(t, { id: `${a.ref}:${a.sku.code}:r${a.part}`, source: LOCATION_SOURCE[a.loc], type: "receipt", sku: a.sku.code, location: a.loc, quantity: a.qty, reference: a.ref });
  }

  /** A replenishment shipment: Guadalajara → the store twice a week, the 3PL → FBA weekly. */
  transfers(t: number, from: LocationCode, to: LocationCode, day: number): void {
    const { b } = this;
    const n = ++this.refNo;
    const ref = to === "fba-us" ? `FBA15${(hashString(`fba${n}`) % 0xfffffff).toString(36).toUpperCase().padStart(6, "0")}` : `TR-GDL-CDMX-${String(n).padStart(5, "0")}`;
    const transit = to === "fba-us" ? b.rng.int(4, 7) * DAY : b.rng.int(20, 30) * HOUR;
    for (const sku of b.skus) {
      if (!sku.stockedAt.includes(to) || !sku.stockedAt.includes(from) || day < b.launchDay(sku)) continue;
      if (sku.fate === "stockout" && day >= this.vendorHoldDay) continue;
      const l = b.level(sku, to);
      const position = b.available(sku, to) + b.openIncoming(l);
      const target = transferTarget(b.rateAt(sku, to), to, sku.fate);
      if (position >= target / 2) continue;
      const qty = Math.min(target - position, b.available(sku, from));
      if (qty < 1) continue;
      b.level(sku, from).onHand -= qty;
      l.incoming.set(ref, (l.incoming.get(ref) ?? 0) + qty);
      b.emit(t, {
        id: `${ref}:${sku.code}:out`,
        source: LOCATION_SOURCE[from],
        type: "transfer.out",
        sku: sku.code,
        location: from,
        toLocation: to,
        quantity: qty,
        reference: ref,
        expectedAt: new Date(t + transit).toISOString(),
      });
      b.q.push(t + transit + b.rng.int(-HOUR, HOUR), { k: "transferIn", sku, to, ref, qty });
    }
  }

  transferIn(t: number, a: Extract<Action, { k: "transferIn" }>): void {
    const l = this.b.level(a.sku, a.to);
    l.onHand += a.qty;
    l.incoming.set(a.ref, (l.incoming.get(a.ref) ?? 0) - a.qty);
    const ref = a.to === "fba-us" ? this.b.skuRef(a.sku, "amazon") : { sku: a.sku.code };
    this.b.emit(t, { id: `${a.ref}:${a.sku.code}:in`, source: LOCATION_SOURCE[a.to], type: "transfer.in", ...ref, location: a.to, quantity: a.qty, reference: a.ref });
  }
}
