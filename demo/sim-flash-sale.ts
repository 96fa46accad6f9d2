import type { DemoSku } from "./demo-catalog";
import type { ChannelCode } from "./demo-network";
import type { SimContext } from "./simulate-traffic";

const BURST_MS = 30_000;
/** The sold-out SKU keeps selling its last units for at most this long after the burst. */
const HARD_STOP_MS = 90_000;
/** How long a sold-out SKU stays at zero before restocking may touch it: long enough to see the alert. */
const SOLD_OUT_HOLD_MS = 4 * 60_000;
const PROMO_WEIGHT: Partial<Record<ChannelCode, number>> = { mercadolibre: 3, web: 3, amazon: 2 };

interface Sale {
  skus: DemoSku[];
  target: DemoSku;
  until: number;
  hardStop: number;
  soldOut: boolean;
  checking: boolean;
}

/**
 * A flash sale: for 30 s, ten times the order rate on three SKUs. The one with the least stock
 * keeps selling until it is gone (a stockout the dashboard should show within seconds); the
 * others just dip.
 */
export class FlashSale {
  private sale: Sale | null = null;
  private held = new Map<string, number>();
  private flashed = new Map<string, number>();

  constructor(
    private readonly ctx: SimContext,
    private readonly ordersPerSecond: number,
  ) {}

  holds(code: string): boolean {
    return (this.held.get(code) ?? 0) > Date.now() || Boolean(this.sale?.skus.some((s) => s.code === code));
  }

  /** In a flash sale within the last 24 h (its velocity is still inflated). */
  flashedRecently(code: string): boolean {
    return (this.flashed.get(code) ?? 0) > Date.now() - 86_400_000;
  }

  describe(): string {
    return this.sale ? ` · flash sale on ${this.sale.skus.map((s) => s.code).join(", ")}` : "";
  }

  async begin(): Promise<void> {
    if (this.sale) return;
    const { view, rng } = this.ctx;
    const healthy = this.ctx.skus.filter((s) => s.fate === "healthy" && s.rate >= 0.5 && !this.holds(s.code) && !this.flashedRecently(s.code));
    const known = healthy
      .map((s) => ({ s, a: view.skus.get(s.code)?.availableReal ?? null }))
      .filter((x): x is { s: DemoSku; a: number } => x.a !== null && x.a >= 10 && x.a <= 300)
      .sort((x, y) => x.a - y.a);
    let picked: DemoSku[];
    if (known.length >= 3) {
      const target = rng.pick(known.slice(0, 5)).s;
      const rest = known
        .slice(0, 40)
        .map((x) => x.s)
        .filter((s) => s !== target);
      const second = rng.pick(rest);
      picked = [target, second, rng.pick(rest.filter((s) => s !== second))];
    } else {
      // No stock numbers to go by (the SKU list API is not there): any three steady sellers.
      const pool = healthy.filter((s) => s.rate >= 1);
      picked = [rng.pick(pool), rng.pick(pool), rng.pick(pool)].filter((s, i, xs) => xs.indexOf(s) === i);
    }
    await Promise.all(picked.map((s) => view.refreshOne(s.code)));
    const now = Date.now();
    for (const s of picked) this.flashed.set(s.code, now);
    this.sale = { skus: picked, target: picked[0], until: now + BURST_MS, hardStop: now + HARD_STOP_MS, soldOut: false, checking: false };
    const left = (s: DemoSku) => view.skus.get(s.code)?.availableReal;
    this.ctx.log(`[simulate] ⚡ flash sale: 30 s at 10× on ${picked.map((s) => `${s.code} (${left(s) ?? "?"} available)`).join(", ")}`);
  }

  tick(dtMs: number): void {
    const sale = this.sale;
    if (!sale) return;
    const { rng, view } = this.ctx;
    const now = Date.now();
    const burst = now < sale.until;
    const n = rng.poisson((this.ordersPerSecond * 9 * dtMs) / 1000);
    for (let i = 0; i < n; i++) {
      const sku = burst ? rng.weighted(sale.skus, (s) => (s === sale.target ? 2 : 1)) : sale.target;
      if (sku === sale.target && sale.soldOut) continue;
      const channel = rng.weighted(sku.channels, (c) => PROMO_WEIGHT[c] ?? 0.3);
      this.ctx.placeOrder(sku, { channel, drain: sku === sale.target });
    }
    const left = view.skus.get(sale.target.code)?.availableReal ?? null;
    if (!sale.soldOut && !sale.checking && left !== null && left <= 0) {
      // Our running tally says zero; ask the API (plus what it has not seen yet) before calling it.
      sale.checking = true;
      void view.refreshOne(sale.target.code).then((v) => {
        sale.checking = false;
        if ((v?.availableReal ?? 0) <= 0 && this.sale === sale) this.soldOut(sale);
      });
    }
    if (!burst && !sale.checking && (sale.soldOut || now >= sale.hardStop)) {
      this.ctx.log(`[simulate] ⚡ flash sale over${sale.soldOut ? "" : ` (${sale.target.code} still has ${left ?? "?"} left)`}`);
      this.sale = null;
    }
  }

  private soldOut(sale: Sale): void {
    sale.soldOut = true;
    this.held.set(sale.target.code, Date.now() + SOLD_OUT_HOLD_MS);
    this.ctx.log(`[simulate] ⚡ ${sale.target.code} sold out`);
    // A marketplace that had not synced yet sells one more: it comes back as an oversold cancellation.
    if (this.ctx.rng.chance(0.5)) this.ctx.placeOrder(sale.target, { channel: sale.target.channels.includes("mercadolibre") ? "mercadolibre" : "web", oversell: true });
  }
}
