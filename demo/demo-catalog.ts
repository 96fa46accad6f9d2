import { CHANNEL_SHARE, DEMO_CHANNELS, DEMO_LOCATIONS, type ChannelCode, type LocationCode } from "./demo-network";
import { COLOR_NAMES, COLOR_WEIGHT, PRODUCTS, SIZE_NAMES, SIZE_WEIGHT, type Product } from "./demo-products";
import { createRng, hashString } from "./random";

/**
 * How a SKU's story goes in the demo: most are kept in stock, some run on thin cover (reordered
 * late, so the reorder alert shows), a few run out because a vendor's PO is overdue.
 */
export type Fate = "healthy" | "low_cover" | "stockout";

export interface DemoSku {
  code: string;
  name: string;
  product: Product;
  size: string;
  color: string;
  unitCost: number;
  price: number;
  leadTimeDays: number;
  tags: string[];
  /** Expected units per day (before weekday and promotion effects). */
  rate: number;
  fate: Fate;
  stockedAt: LocationCode[];
  channels: ChannelCode[];
  /** Expected share of the SKU's demand per channel (sums to 1 over `channels`). */
  channelShare: Partial<Record<ChannelCode, number>>;
  launchedDaysAgo: number | null;
  /** Provider ids per channel (Shopify lists two: inventory item and variant). */
  listings: Partial<Record<ChannelCode, string[]>>;
}

export const DEMO_SEED = 20_261_123;
const HEALTH_CATEGORIES = new Set(["braces", "compression", "supports", "recovery"]);

let cached: DemoSku[] | null = null;

/** The demo catalogue: deterministic, so the seed and the simulator derive the same SKUs and listing ids. */
export function buildDemoSkus(): DemoSku[] {
  if (cached) return cached;
  const rng = createRng(DEMO_SEED);
  const skus: DemoSku[] = [];
  for (const p of PRODUCTS) {
    const variants = p.sizes.flatMap((size) => p.colors.map((color) => ({ size, color, w: (SIZE_WEIGHT[size] ?? 1) * (COLOR_WEIGHT[color] ?? 1) * rng.logNormal(1, 0.3) })));
    const total = variants.reduce((s, v) => s + v.w, 0);
    for (const v of variants) {
      const code = `${p.prefix}-${v.size}-${v.color}`;
      const rate = (p.demand * v.w) / total;
      // Bigger sizes cost a little more; cost is a realistic 28–38 % of price, all in whole cents.
      const priceCents = p.priceCents + (v.size === "XL" || v.size === "XXL" ? 200 : 0);
      const costCents = Math.round(priceCents * (0.28 + rng.next() * 0.1));
      const us = p.us && rng.chance(0.92);
      const stockedAt: LocationCode[] = ["wh-gdl"];
      if (us) stockedAt.push("3pl-us-east");
      if (us && p.amazon) stockedAt.push("fba-us");
      if (p.store && (rate >= 1 || rng.chance(0.4))) stockedAt.push("store-cdmx");
      if (p.dropship) stockedAt.push("dropship-vendor");
      const channels: ChannelCode[] = ["web"];
      if (stockedAt.includes("fba-us")) channels.push("amazon");
      if (rng.chance(0.88)) channels.push("mercadolibre");
      if (stockedAt.includes("store-cdmx") && HEALTH_CATEGORIES.has(p.category)) channels.push("rappi");
      if (stockedAt.includes("store-cdmx")) channels.push("stores");
      const shareTotal = channels.reduce((s, c) => s + CHANNEL_SHARE[c], 0);
      skus.push({
        code,
        name: `${p.name} (${SIZE_NAMES[v.size] ?? v.size}, ${COLOR_NAMES[v.color] ?? v.color})`,
        product: p,
        size: v.size,
        color: v.color,
        unitCost: costCents / 100,
        price: priceCents / 100,
        leadTimeDays: p.leadTimeDays,
        tags: [p.category],
        rate,
        fate: "healthy",
        stockedAt,
        channels,
        channelShare: Object.fromEntries(channels.map((c) => [c, CHANNEL_SHARE[c] / shareTotal])),
        launchedDaysAgo: p.launchedDaysAgo ?? null,
        listings: {},
      });
    }
  }
  for (const s of skus) {
    if (s.rate >= 7) s.tags.push("bestseller");
    if (s.launchedDaysAgo !== null) s.tags.push("new");
  }
  assignFates(skus, rng);
  assignListingIds(skus);
  cached = skus;
  return skus;
}

/** A handful of steady mid-sellers run out (overdue PO); a couple dozen run on thin cover. */
function assignFates(skus: DemoSku[], rng: ReturnType<typeof createRng>): void {
  const eligible = skus.filter((s) => s.launchedDaysAgo === null && !s.stockedAt.includes("dropship-vendor"));
  // Not at FBA: units parked there drain only through Amazon, too slowly to reach zero in the story.
  const outCandidates = eligible.filter((s) => s.rate >= 0.8 && s.rate <= 6 && !s.stockedAt.includes("fba-us"));
  for (let n = 0; n < 7 && outCandidates.length > 0; n++) {
    const s = outCandidates.splice(Math.floor(rng.next() * outCandidates.length), 1)[0];
    s.fate = "stockout";
  }
  const lowCandidates = eligible.filter((s) => s.fate === "healthy" && s.rate >= 0.5 && !s.tags.includes("bestseller"));
  for (let n = 0; n < 26 && lowCandidates.length > 0; n++) {
    const s = lowCandidates.splice(Math.floor(rng.next() * lowCandidates.length), 1)[0];
    s.fate = "low_cover";
  }
  // One bestseller on thin cover too: the one everybody watches.
  const watched = skus.find((s) => s.code === "KNEE-SLEEVE-L-BLK");
  if (watched) watched.fate = "low_cover";
}

const digits = (rng: ReturnType<typeof createRng>, n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join("");

/** EAN-13 check digit, so store barcodes look (and validate) like real ones. */
function ean13(first12: string): string {
  const sum = [...first12].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return first12 + String((10 - (sum % 10)) % 10);
}

/** Provider-shaped ids, derived per SKU code so they stay the same whatever else changes. */
function assignListingIds(skus: DemoSku[]): void {
  const seen = new Set<string>();
  const unique = (channel: string, make: () => string) => {
    for (;;) {
      const id = make();
      if (!seen.has(`${channel}:${id}`)) {
        seen.add(`${channel}:${id}`);
        return id;
      }
    }
  };
  const mlItems = new Map<string, string>();
  for (const s of skus) {
    const rng = createRng(hashString(s.code) ^ DEMO_SEED);
    for (const c of s.channels) {
      if (c === "web") {
        // Shopify: inventory_item_id (17 digits, beyond 2^53) and variant_id; both get registered.
        s.listings.web = [unique(c, () => `4${rng.int(3, 9)}${digits(rng, 15)}`), unique(c, () => `4${rng.int(1, 9)}${digits(rng, 12)}`)];
      } else if (c === "amazon") {
        s.listings.amazon = [unique(c, () => `KTK-${s.product.prefix.slice(0, 4)}${digits(rng, 4)}-${s.size}${s.color[0]}`)];
      } else if (c === "mercadolibre") {
        // One MercadoLibre item per product, one variation per size/color: "<item>:<variation>".
        let item = mlItems.get(s.product.prefix);
        if (!item) mlItems.set(s.product.prefix, (item = `MLM${createRng(hashString(s.product.prefix)).int(1_000_000_000, 2_999_999_999)}`));
        s.listings.mercadolibre = [unique(c, () => `${item}:${rng.int(1, 9)}${digits(rng, 10)}`)];
      } else if (c === "rappi") {
        s.listings.rappi = [unique(c, () => `2${digits(rng, 8)}`)];
      } else {
        s.listings.stores = [unique(c, () => ean13(`750${digits(rng, 9)}`))];
      }
    }
  }
}

/** The catalogue as `PUT /api/catalog` takes it. */
export function demoCatalogInput() {
  const skus = buildDemoSkus();
  return {
    skus: skus.map((s) => ({
      code: s.code,
      name: s.name,
      unitCost: s.unitCost,
      price: s.price,
      leadTimeDays: s.leadTimeDays,
      options: { size: s.size, color: COLOR_NAMES[s.color] ?? s.color },
      tags: s.tags,
    })),
    locations: DEMO_LOCATIONS.map((l) => ({ ...l, trustedSources: [...l.trustedSources] })),
    channels: DEMO_CHANNELS.map((c) => ({ ...c })),
    listings: skus.flatMap((s) => s.channels.flatMap((c) => (s.listings[c] ?? []).map((externalId) => ({ channel: c, externalId, sku: s.code })))),
  };
}
