import type { SimContext } from "./simulate-traffic";

/** Seconds after the simulator starts before the first PO lands, then between two. */
const FIRST_AFTER_S = 75;
const EVERY_S = 240;
/** The PO arrives this long after it is raised (an expedited one). */
const ETA_MS = 45_000;
/** Ordered above the threshold by this factor, so the next few sales do not reopen the alert at once. */
const MARGIN = 1.25;

interface LowCoverAlert {
  sku?: string;
  value: { suggestedQuantity?: number; velocity?: number; leadTimeDays?: number; safetyDays?: number; availableReal?: number };
}

/** Units to receive so that cover is back above lead time + safety days, with a margin. */
export function unitsToClear(v: LowCoverAlert["value"]): number {
  const need = ((v.leadTimeDays ?? 0) + (v.safetyDays ?? 0)) * (v.velocity ?? 0) * MARGIN - (v.availableReal ?? 0);
  return Math.max(1, Math.ceil(Math.max(need, v.suggestedQuantity ?? 0)));
}

/**
 * The buyer's story on the Alerts page (issue 17: an alert that resolves by itself): a minute or so
 * into the demo, and every 4 minutes after, the purchase order of one SKU in low cover is raised
 * and lands 45 s later at Guadalajara, enough to cover lead time + safety days. Its `low_cover`
 * alert (the one the engine opened, with its suggestion) resolves by itself on the receipt. Stockout
 * SKUs (an overdue vendor) and flash-sale SKUs are left to their own stories.
 */
export class ReorderArrivals {
  private poNo = 0;
  private readonly done = new Set<string>();

  constructor(
    private readonly ctx: SimContext,
    private readonly api: { url: string; token: string },
    private readonly flash: { holds(code: string): boolean; flashedRecently(code: string): boolean },
  ) {}

  start(): void {
    this.ctx.at(FIRST_AFTER_S * 1000, () => void this.next());
  }

  private async next(): Promise<void> {
    try {
      await this.land();
    } catch (err) {
      this.ctx.log(`[simulate] could not read the low-cover alerts: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.ctx.at(EVERY_S * 1000, () => void this.next());
  }

  private async land(): Promise<void> {
    const res = await fetch(`${this.api.url}/api/alerts?state=open&kind=low_cover&limit=100`, { headers: { authorization: `Bearer ${this.api.token}` } });
    if (!res.ok) throw new Error(`GET /api/alerts answered ${res.status}`);
    const { alerts } = (await res.json()) as { alerts: LowCoverAlert[] };
    const fate = new Map(this.ctx.skus.map((s) => [s.code, s.fate]));
    const candidates = alerts.filter((a) => a.sku && fate.has(a.sku) && fate.get(a.sku) !== "stockout" && !this.flash.holds(a.sku) && !this.flash.flashedRecently(a.sku) && !this.done.has(a.sku));
    // One whose suggestion is still to order (not already covered by stock on its way) tells the story best.
    const pick = candidates.find((a) => (a.value.suggestedQuantity ?? 0) > 0) ?? candidates[0];
    if (!pick?.sku) return;
    const code = pick.sku;
    this.done.add(code);
    const qty = unitsToClear(pick.value);
    const ref = `PO-BUY-${this.ctx.runTag}-${++this.poNo}`;
    this.ctx.emit({ id: `${ref}:${code}`, source: "erp", type: "po", sku: code, location: "wh-gdl", quantity: qty, reference: ref, expectedAt: new Date(Date.now() + ETA_MS).toISOString() });
    this.ctx.log(
      `[simulate] 📦 ${ref}: ${qty} × ${code} ordered (its low-cover alert suggests ${pick.value.suggestedQuantity ?? "?"}); it lands in ${ETA_MS / 1000} s and the alert resolves by itself`,
    );
    this.ctx.at(ETA_MS, () => {
      this.ctx.emit({ id: `${ref}:${code}:r1`, source: "wms-gdl", type: "receipt", sku: code, location: "wh-gdl", quantity: qty, reference: ref }, { code, loc: "wh-gdl", delta: qty });
      this.ctx.log(`[simulate] 📦 ${ref} received at wh-gdl: ${qty} × ${code}`);
    });
  }
}
