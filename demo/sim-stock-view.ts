import type { DemoSku } from "./demo-catalog";
import type { LocationCode } from "./demo-network";

// What the simulator believes is in stock, so it does not sell what is not there. It reads the
// public API only (GET /api/skus for every SKU, GET /api/skus/<code> for one SKU's locations) and
// applies its own events on top until the API has them. Without the API it assumes ample stock.

export interface IncomingLine {
  location: LocationCode;
  reference: string;
  qty: number;
  expectedAt: number | null;
}

export interface SkuView {
  sku: DemoSku;
  /** null: never read (the API was not there), treated as plenty. */
  availableReal: number | null;
  /** Per-location available, once this SKU's detail was read. */
  locations: Map<LocationCode, number> | null;
  /** Per-location on hand at the last detail read (what a cycle count starts from). */
  onHand: Map<LocationCode, number>;
  incoming: IncomingLine[];
  velocity: number;
  detailAt: number;
}

const AMPLE = 1_000_000;

export class StockView {
  readonly skus = new Map<string, SkuView>();
  /** Deltas of events sent but not yet answered: the API cannot show them yet. */
  private unacked = new Map<string, number>();
  private readonly headers: Record<string, string>;
  private warned = false;
  private detailBusy = new Set<string>();

  constructor(
    skus: readonly DemoSku[],
    private readonly url: string,
    token: string,
    private readonly log: (m: string) => void,
  ) {
    for (const sku of skus) this.skus.set(sku.code, { sku, availableReal: null, locations: null, onHand: new Map(), incoming: [], velocity: sku.rate, detailAt: 0 });
    this.headers = { authorization: `Bearer ${token}` };
  }

  availableReal(code: string): number {
    return this.skus.get(code)?.availableReal ?? AMPLE;
  }

  /** A location's available as far as we know: exact with the SKU's detail, else the SKU's total. */
  availableAt(code: string, loc: LocationCode): number {
    const v = this.skus.get(code);
    if (!v) return 0;
    if (v.locations) return v.locations.get(loc) ?? 0;
    return v.availableReal ?? AMPLE;
  }

  /** Record our own change of available at a location (an order placed, a receipt, …). */
  apply(code: string, loc: LocationCode, delta: number, pending = true): void {
    const v = this.skus.get(code);
    if (!v || delta === 0) return;
    if (v.availableReal !== null) v.availableReal += delta;
    if (v.locations) v.locations.set(loc, (v.locations.get(loc) ?? 0) + delta);
    if (pending) this.unacked.set(`${code}|${loc}`, (this.unacked.get(`${code}|${loc}`) ?? 0) + delta);
  }

  /** The server answered for an event that carried this delta. */
  settle(code: string, loc: LocationCode, delta: number): void {
    const k = `${code}|${loc}`;
    const left = (this.unacked.get(k) ?? 0) - delta;
    if (left === 0) this.unacked.delete(k);
    else this.unacked.set(k, left);
  }

  private pendingFor(code: string, loc?: LocationCode): number {
    if (loc) return this.unacked.get(`${code}|${loc}`) ?? 0;
    let s = 0;
    for (const [k, d] of this.unacked) if (k.startsWith(`${code}|`)) s += d;
    return s;
  }

  /**
   * GET /api/skus, every page: available real and velocity of every SKU. Returns how many listed
   * SKUs are the demo's (null when the API did not answer).
   */
  async refreshAll(): Promise<{ listed: number; known: number } | null> {
    try {
      let cursor: string | null = null;
      let listed = 0;
      let known = 0;
      do {
        const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
        const page = (await this.get(`/api/skus?limit=1000${q}`)) as { items: { code: string; availableReal: number; velocity7d: number; velocity24h: number }[]; nextCursor: string | null } | null;
        if (!page || !Array.isArray(page.items)) return null;
        for (const row of page.items) {
          listed++;
          const v = this.skus.get(row.code);
          if (!v) continue;
          known++;
          v.availableReal = row.availableReal + this.pendingFor(row.code);
          v.velocity = Math.max(row.velocity7d, row.velocity24h);
        }
        cursor = page.nextCursor;
      } while (cursor);
      return { listed, known };
    } catch (err) {
      this.warnOnce(`GET /api/skus failed (${err instanceof Error ? err.message : String(err)}); assuming ample stock until it answers`);
      return null;
    }
  }

  /** GET /api/skus/<code>: per-location available and open incoming lines. */
  async refreshOne(code: string): Promise<SkuView | null> {
    const v = this.skus.get(code);
    if (!v || this.detailBusy.has(code)) return v ?? null;
    this.detailBusy.add(code);
    try {
      const d = (await this.get(`/api/skus/${encodeURIComponent(code)}`)) as {
        availableReal: number;
        velocity7d: number;
        velocity24h: number;
        locations: { code: string; sellable: boolean; available: number; onHand: number; incomingLines?: { reference: string; qty: number; expectedAt: string | null }[] }[];
      } | null;
      if (!d || !Array.isArray(d.locations)) return v;
      v.locations = new Map(d.locations.filter((l) => l.sellable).map((l) => [l.code as LocationCode, l.available + this.pendingFor(code, l.code as LocationCode)]));
      v.onHand = new Map(d.locations.map((l) => [l.code as LocationCode, l.onHand]));
      v.availableReal = d.availableReal + this.pendingFor(code);
      v.velocity = Math.max(d.velocity7d, d.velocity24h);
      v.incoming = d.locations.flatMap((l) =>
        (l.incomingLines ?? [])
          .filter((x) => x.qty > 0)
          .map((x) => ({ location: l.code as LocationCode, reference: x.reference, qty: x.qty, expectedAt: x.expectedAt ? Date.parse(x.expectedAt) : null })),
      );
      v.detailAt = Date.now();
      return v;
    } catch (err) {
      this.warnOnce(`GET /api/skus/${code} failed (${err instanceof Error ? err.message : String(err)})`);
      return v;
    } finally {
      this.detailBusy.delete(code);
    }
  }

  private async get(path: string): Promise<unknown> {
    let res = await fetch(this.url + path, { headers: this.headers, signal: AbortSignal.timeout(10_000) });
    // Reads are open to the dashboard; a token without the read scope can still read anonymously.
    if (res.status === 401 || res.status === 403) res = await fetch(this.url + path, { signal: AbortSignal.timeout(10_000) });
    if (res.status === 404 && path.startsWith("/api/skus?")) throw new Error("the SKU list API is not there");
    if (!res.ok) return null;
    return res.json();
  }

  private warnOnce(m: string): void {
    if (this.warned) return;
    this.warned = true;
    this.log(`[simulate] ${m}`);
  }
}
