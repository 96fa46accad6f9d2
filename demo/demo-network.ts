// Where the demo brand sells and stocks: locations, channels, the systems ("sources") that report
// for each, how orders route to locations, and the channel rules a merchandiser would start with.
// Shared by the seed (history) and the simulator (live traffic) so both speak with the same voices.

import type { RuleFieldsInput } from "@/lib/contracts/rules";

export type LocationCode = "wh-gdl" | "3pl-us-east" | "fba-us" | "store-cdmx" | "dropship-vendor";
export type ChannelCode = "web" | "amazon" | "mercadolibre" | "rappi" | "stores";

export const DEMO_LOCATIONS = [
  { code: "wh-gdl", name: "Guadalajara DC", type: "warehouse", sellable: true, trustedSources: ["wms-gdl", "onepool-counts"], countSlaDays: 21, lagSlaSeconds: 120 },
  { code: "3pl-us-east", name: "ShipBob Bethlehem, PA (3PL)", type: "3pl", sellable: true, trustedSources: ["3pl-shipbob", "onepool-counts"], countSlaDays: 30, lagSlaSeconds: 600 },
  { code: "fba-us", name: "Amazon FBA US", type: "3pl", sellable: true, trustedSources: ["amazon-fba", "onepool-counts"], countSlaDays: 30, lagSlaSeconds: 900 },
  { code: "store-cdmx", name: "Polanco store, CDMX", type: "store", sellable: true, trustedSources: ["pos-cdmx", "onepool-counts"], countSlaDays: 30, lagSlaSeconds: 120 },
  { code: "dropship-vendor", name: "OrthoSupply (dropship)", type: "dropship", sellable: true, trustedSources: ["vendor-orthosupply", "onepool-counts"], countSlaDays: 90, lagSlaSeconds: 1800 },
] as const satisfies readonly { code: LocationCode; [k: string]: unknown }[];

export const DEMO_CHANNELS = [
  { code: "web", name: "kinetik.mx (Shopify)", kind: "website", latencyMinutes: 1 },
  { code: "amazon", name: "Amazon US", kind: "marketplace", latencyMinutes: 15 },
  { code: "mercadolibre", name: "Mercado Libre MX", kind: "marketplace", latencyMinutes: 10 },
  { code: "rappi", name: "Rappi Turbo CDMX", kind: "quick_commerce", latencyMinutes: 5 },
  { code: "stores", name: "Retail stores (POS)", kind: "pos", latencyMinutes: 1 },
] as const satisfies readonly { code: ChannelCode; [k: string]: unknown }[];

/** The system that reports a channel's orders (its webhooks). */
export const CHANNEL_SOURCE: Record<ChannelCode, string> = {
  web: "shopify-web",
  amazon: "amazon-sp",
  mercadolibre: "meli-mx",
  rappi: "rappi-cdmx",
  stores: "pos-cdmx",
};

/** The system that reports physical movements at a location (shipments, receipts, counts). */
export const LOCATION_SOURCE: Record<LocationCode, string> = {
  "wh-gdl": "wms-gdl",
  "3pl-us-east": "3pl-shipbob",
  "fba-us": "amazon-fba",
  "store-cdmx": "pos-cdmx",
  "dropship-vendor": "vendor-orthosupply",
};

/** Purchase orders come from the ERP; the 3PL announces inbound stock as ASNs itself. */
export const PURCHASING_SOURCE = "erp";

/** Share of a SKU's demand per channel, before normalising over the channels that list it. */
export const CHANNEL_SHARE: Record<ChannelCode, number> = { web: 0.35, amazon: 0.25, mercadolibre: 0.22, rappi: 0.06, stores: 0.12 };

/**
 * Which locations fulfil a channel's orders, with the preferred split. Fallbacks (weight 0) are used
 * only when the preferred ones have nothing available: a web order ships from the dropship vendor
 * only when our own stock is gone.
 */
export const CHANNEL_ROUTES: Record<ChannelCode, { location: LocationCode; weight: number }[]> = {
  web: [
    { location: "wh-gdl", weight: 0.6 },
    { location: "3pl-us-east", weight: 0.4 },
    { location: "dropship-vendor", weight: 0 },
  ],
  amazon: [
    { location: "fba-us", weight: 0.85 },
    { location: "3pl-us-east", weight: 0.15 },
  ],
  mercadolibre: [
    { location: "wh-gdl", weight: 1 },
    { location: "dropship-vendor", weight: 0 },
  ],
  rappi: [{ location: "store-cdmx", weight: 1 }],
  stores: [{ location: "store-cdmx", weight: 1 }],
};

/** Channel defaults, a couple of tag rules and one SKU override, as a merchandiser would set them. */
export const DEMO_RULES: { channel: ChannelCode; sku?: string; tag?: string; fields: RuleFieldsInput }[] = [
  { channel: "web", fields: { bufferUnits: 1 } },
  { channel: "amazon", fields: { bufferUnits: 2, bufferPercent: 5 } },
  { channel: "mercadolibre", fields: { bufferPercent: 10 } },
  { channel: "rappi", fields: { floor: 3, maxQty: 20 } },
  { channel: "stores", fields: { bufferUnits: 0 } },
  // Keep a slice of the bestsellers for the own site, and let Amazon's slower sync hold back more when they sell fast.
  { channel: "web", tag: "bestseller", fields: { reservePercent: 10 } },
  { channel: "amazon", tag: "bestseller", fields: { dynamicK: "2" } },
  { channel: "mercadolibre", sku: "KNEE-BRACE-M-BLK", fields: { bufferUnits: 5 } },
];

/** Local hour (Mexico City, UTC−6) → relative order intensity: quiet nights, evening peak. */
export const HOURLY_WEIGHT = [0.3, 0.2, 0.12, 0.1, 0.1, 0.15, 0.35, 0.7, 1, 1.2, 1.3, 1.3, 1.4, 1.4, 1.3, 1.3, 1.4, 1.5, 1.7, 1.9, 2, 1.8, 1.2, 0.6];
export const UTC_OFFSET_HOURS = -6;
