import type { DemoSku } from "./demo-catalog";
import { CHANNEL_ROUTES, type ChannelCode, type LocationCode } from "./demo-network";
import type { Rng } from "./random";

/** The routes a channel's order for this SKU can take: only locations that stock it. */
export function routesFor(sku: DemoSku, channel: ChannelCode): { location: LocationCode; weight: number }[] {
  const routes = CHANNEL_ROUTES[channel].filter((r) => sku.stockedAt.includes(r.location));
  // A SKU the 3PL does not carry ships all its web orders from Guadalajara.
  if (channel === "web" && !sku.stockedAt.includes("3pl-us-east")) return routes.map((r) => (r.location === "wh-gdl" ? { ...r, weight: 1 } : r));
  return routes;
}

/**
 * Where an order ships from: a preferred location (by weight) that has the units, else a
 * fallback that has them, else null (nobody can ship it).
 */
export function pickLocation(sku: DemoSku, channel: ChannelCode, qty: number, availableAt: (loc: LocationCode) => number, rng: Rng): LocationCode | null {
  const routes = routesFor(sku, channel);
  const preferred = routes.filter((r) => r.weight > 0 && availableAt(r.location) >= qty);
  if (preferred.length > 0) return rng.weighted(preferred, (r) => r.weight).location;
  return routes.find((r) => r.weight === 0 && availableAt(r.location) >= qty)?.location ?? null;
}

/** Expected units per day each location ships for this SKU, including what it feeds to others by transfer. */
export function locationRates(sku: DemoSku): Map<LocationCode, number> {
  const direct = new Map<LocationCode, number>();
  for (const c of sku.channels) {
    const routes = routesFor(sku, c).filter((r) => r.weight > 0);
    const total = routes.reduce((s, r) => s + r.weight, 0);
    for (const r of routes) direct.set(r.location, (direct.get(r.location) ?? 0) + (sku.rate * (sku.channelShare[c] ?? 0) * r.weight) / total);
  }
  const supply = new Map(direct);
  // Guadalajara restocks the store; the 3PL restocks FBA.
  supply.set("wh-gdl", (supply.get("wh-gdl") ?? 0) + (direct.get("store-cdmx") ?? 0));
  if (sku.stockedAt.includes("3pl-us-east")) supply.set("3pl-us-east", (supply.get("3pl-us-east") ?? 0) + (direct.get("fba-us") ?? 0));
  return supply;
}

/** Which channels can sell stock held at a location (the simulator drains a location through them). */
export function channelsSellingFrom(sku: DemoSku, loc: LocationCode): ChannelCode[] {
  return sku.channels.filter((c) => routesFor(sku, c).some((r) => r.location === loc));
}
