// The benchmark's catalogue and event stream. Pure data, no server imports: the load-generator
// child process and the raw writer both use it, so (a) and (b) write the same kind of rows.

export const LOCATIONS = [
  { code: "BENCH-WH-EU", name: "Bench warehouse EU", type: "warehouse" as const, sellable: true },
  { code: "BENCH-WH-US", name: "Bench warehouse US", type: "warehouse" as const, sellable: true },
  { code: "BENCH-3PL-MX", name: "Bench 3PL MX", type: "3pl" as const, sellable: true },
];
export const CHANNELS = [
  { code: "bench-web", name: "Bench website", kind: "website" as const },
  { code: "bench-amazon", name: "Bench Amazon", kind: "marketplace" as const },
  { code: "bench-pos", name: "Bench POS", kind: "pos" as const },
];

export const skuCode = (i: number) => `BENCH-SKU-${String(i).padStart(5, "0")}`;
export const amazonListingId = (i: number) => `B0BENCH${String(i).padStart(5, "0")}`;

/** The catalogue in PUT /api/catalog shape: SKUs × locations, three channels, one Amazon listing per SKU. */
export function benchCatalog(skuCount: number) {
  const skus = Array.from({ length: skuCount }, (_, i) => ({
    code: skuCode(i),
    name: `Bench product ${i}`,
    unitCost: 10 + (i % 40),
    price: 25 + (i % 60),
    leadTimeDays: 7 + (i % 21),
    tags: [i % 2 ? "apparel" : "footwear"],
  }));
  const listings = skus.map((s, i) => ({ channel: "bench-amazon", externalId: amazonListingId(i), sku: s.code }));
  return { skus, locations: LOCATIONS, channels: CHANNELS, listings };
}

/** A canonical event as POST /api/events accepts it (docs/QUANTITY-MODEL.md §4). */
export interface BenchEvent {
  id: string;
  source: string;
  type: string;
  sku?: string;
  listing?: { channel: string; externalId: string };
  location: string;
  channel?: string;
  quantity: number;
  occurredAt: string;
  orderId?: string;
  reason?: string;
  reference?: string;
  payload?: unknown;
}

// Weights of the mix (per 100): sales dominate, receipts refill, a few returns and corrections.
// Only deltas: absolutes (cycle_count/snapshot) make late deltas recompute a (SKU, location) from
// the ledger, which is a different workload from the steady webhook stream measured here.
const MIX: [string, number][] = [
  ["order.placed", 36],
  ["order.shipped", 30],
  ["order.cancelled", 4],
  ["receipt", 14],
  ["return.received", 6],
  ["adjustment", 5],
  ["damage", 5],
];
const MIX_TOTAL = MIX.reduce((s, [, w]) => s + w, 0);
const ADJUST_REASONS = ["recount", "found", "system_correction", "write_off"];

/** Small deterministic PRNG (mulberry32): runs are comparable, ids are not random. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Endless stream of unique, valid events over `skuCount` SKUs × 3 locations. `prefix` keeps ids unique across phases and processes. */
export class EventFactory {
  private n = 0;
  private readonly rand: () => number;

  constructor(
    private readonly prefix: string,
    private readonly skuCount: number,
    seed = 1,
  ) {
    this.rand = rng(seed);
  }

  next(): BenchEvent {
    const r = this.rand;
    const n = this.n++;
    const skuIndex = Math.floor(r() * this.skuCount);
    const location = LOCATIONS[Math.floor(r() * LOCATIONS.length)].code;
    let pick = r() * MIX_TOTAL;
    let type = MIX[0][0];
    for (const [t, w] of MIX) {
      if (pick < w) {
        type = t;
        break;
      }
      pick -= w;
    }
    // Occurred a little before it is sent, as webhooks do.
    const occurredAt = new Date(Date.now() - Math.floor(r() * 2000)).toISOString();
    const id = `${this.prefix}-${n}`;
    const order = `O-${this.prefix}-${Math.floor(n / 2)}`;
    const base = { id, location, occurredAt };
    switch (type) {
      case "order.placed":
      case "order.shipped":
      case "order.cancelled": {
        const quantity = 1 + Math.floor(r() * 3);
        if (r() < 0.4) {
          // Marketplace orders name the listing, not the master SKU.
          const externalId = amazonListingId(skuIndex);
          return {
            ...base,
            source: "bench-amazon-sp",
            type,
            listing: { channel: "bench-amazon", externalId },
            channel: "bench-amazon",
            quantity,
            orderId: order,
            ...(type === "order.cancelled" ? { reason: "customer" } : {}),
            payload: { AmazonOrderId: order, SellerSKU: externalId, QuantityOrdered: quantity, OrderStatus: type === "order.placed" ? "Unshipped" : type === "order.shipped" ? "Shipped" : "Canceled" },
          };
        }
        return {
          ...base,
          source: "bench-shop",
          type,
          sku: skuCode(skuIndex),
          channel: "bench-web",
          quantity,
          orderId: order,
          ...(type === "order.cancelled" ? { reason: "customer" } : {}),
          payload: { order_id: order, line_items: [{ sku: skuCode(skuIndex), quantity, price: "39.90" }], financial_status: "paid" },
        };
      }
      case "receipt":
        return { ...base, source: "bench-wms", type, sku: skuCode(skuIndex), quantity: 10 + Math.floor(r() * 40), payload: { dock: `D${n % 8}`, lines: 1 } };
      case "return.received":
        return { ...base, source: "bench-wms", type, sku: skuCode(skuIndex), quantity: 1, orderId: order, payload: { rma: `RMA-${n}` } };
      case "adjustment":
        return {
          ...base,
          source: "bench-wms",
          type,
          sku: skuCode(skuIndex),
          quantity: r() < 0.5 ? -1 - Math.floor(r() * 3) : 1 + Math.floor(r() * 3),
          reason: ADJUST_REASONS[n % ADJUST_REASONS.length],
        };
      default:
        return { ...base, source: "bench-wms", type: "damage", sku: skuCode(skuIndex), quantity: 1, reason: "crushed in handling" };
    }
  }

  batch(size: number): BenchEvent[] {
    return Array.from({ length: size }, () => this.next());
  }
}

/** The SKU code an event is about (listing → SKU is 1:1 in the bench catalogue). */
export function skuOfEvent(e: BenchEvent): string {
  if (e.sku) return e.sku;
  return skuCode(Number(e.listing!.externalId.slice("B0BENCH".length)));
}
