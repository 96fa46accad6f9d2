import type { SkuView } from "./sim-stock-view";
import type { SimContext } from "./simulate-traffic";
import { restockQuantity } from "./stock-policy";

/** Restocks under way at once (an expedited PO lands 1–3 min after it is raised). */
const MAX_PENDING = 150;
const PER_TICK = 3;
/** Bands, in multiples of lead time + 7 days of the SKU's normal rate: restock below the first, up to the second. */
const BANDS = { healthy: [1.5, 3], low_cover: [0.35, 0.8] } as const;

/**
 * Keeps the live demo stocked: simulated sales run far faster than the seeded business, so stock
 * drains. When a SKU's stock drops under its band (measured in days of its normal rate), receive
 * its next open PO, or raise an expedited PO that lands a minute or three later. Bands and sizes use
 * the SKU's normal rate, never the live velocity, which the simulator's own sales inflate (see
 * restockQuantity): the units stay believable, while the dashboard's cover, computed on the live
 * velocity, drifts lower as a long demo runs. Stockout SKUs (overdue vendor) are left alone.
 */
export class Restocker {
  private pending = new Set<string>();
  /** PO/ASN lines this run has already received: the API may still show them open for a few seconds. */
  private received = new Set<string>();
  private poNo = 0;

  constructor(
    private readonly ctx: SimContext,
    private readonly flash: { holds(code: string): boolean; flashedRecently(code: string): boolean },
  ) {}

  tick(): void {
    const due: { v: SkuView; ratio: number }[] = [];
    for (const v of this.ctx.view.skus.values()) {
      const s = v.sku;
      if (s.fate === "stockout" || v.availableReal === null || this.pending.has(s.code) || this.flash.holds(s.code)) continue;
      // A flash-sale SKU stays sold out for a while (the stockout the dashboard should show): it is
      // restocked once empty, not as soon as it is under its band.
      if (this.flash.flashedRecently(s.code)) {
        if (v.availableReal <= 0) due.push({ v, ratio: 0 });
        continue;
      }
      const ratio = v.availableReal / (s.rate * (s.leadTimeDays + 7));
      if (ratio < BANDS[s.fate][0]) due.push({ v, ratio });
    }
    // The thinnest cover first.
    due.sort((a, b) => a.ratio - b.ratio);
    for (const d of due.slice(0, Math.max(0, Math.min(PER_TICK, MAX_PENDING - this.pending.size)))) void this.restock(d.v);
  }

  private async restock(v0: SkuView): Promise<void> {
    const { ctx } = this;
    const code = v0.sku.code;
    this.pending.add(code);
    const v = (await ctx.view.refreshOne(code)) ?? v0;
    const s = v.sku;
    const fate = s.fate === "stockout" ? "low_cover" : s.fate;
    const qty = restockQuantity(s, v.availableReal ?? 0, BANDS[fate][1]);
    if (qty <= 0) {
      this.pending.delete(code);
      return;
    }
    const now = Date.now();
    // The next PO or ASN that is due (not one the vendor is days late on) arrives first.
    const line = v.incoming
      .filter((l) => (l.location === "wh-gdl" || l.location === "3pl-us-east") && (l.expectedAt === null || l.expectedAt > now - 3 * 86_400_000))
      .filter((l) => !this.received.has(`${l.reference}:${code}`))
      .sort((a, b) => (a.expectedAt ?? Infinity) - (b.expectedAt ?? Infinity))[0];
    const receive = (loc: "wh-gdl" | "3pl-us-east", reference: string, qty: number, id: string) => {
      ctx.emit({ id, source: loc === "wh-gdl" ? "wms-gdl" : "3pl-shipbob", type: "receipt", sku: code, location: loc, quantity: qty, reference }, { code, loc, delta: qty });
      this.pending.delete(code);
    };
    if (line) {
      this.received.add(`${line.reference}:${code}`);
      ctx.at(ctx.rng.int(5_000, 20_000), () => receive(line.location as "wh-gdl" | "3pl-us-east", line.reference, line.qty, `${line.reference}:${code}:r-${ctx.runTag}`));
      return;
    }
    const ref = `PO-EXP-${ctx.runTag}-${++this.poNo}`;
    const eta = ctx.rng.int(60_000, 180_000);
    ctx.emit({ id: `${ref}:${code}`, source: "erp", type: "po", sku: code, location: "wh-gdl", quantity: qty, reference: ref, expectedAt: new Date(now + eta).toISOString() });
    ctx.at(eta + ctx.rng.int(-30_000, 30_000), () => receive("wh-gdl", ref, qty, `${ref}:${code}:r1`));
  }
}
