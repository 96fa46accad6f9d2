import type { ChannelCode, LocationCode } from "./demo-network";

// ═══════════════════════════════════════════════════════════════════════════════════════════════
//  DEMO ONLY — NOT FOR PRODUCTION.
//  The signing secrets and provider ids below are fixed and public (they are in the source code), so
//  that the demo seed can register the connector sources and the traffic simulator can sign as those
//  providers without any set-up. A real install registers its own sources (PUT /api/sources/<code>,
//  or the Sources admin screen) with the secrets its providers give it, and never uses these.
// ═══════════════════════════════════════════════════════════════════════════════════════════════

/** Providers the demo's connector sources speak (docs/API.md, docs/CONNECTORS.md). */
export type DemoProvider = "shopify" | "amazon" | "mercadolibre" | "standard";

/** Shopify app secret of the demo store (HMAC-SHA256 of each body). DEMO ONLY. */
export const DEMO_SHOPIFY_SECRET = "shpss_demo_only_not_for_production_f8ea1439a2a3";
/** Standard Webhooks secrets of the relays and the WMS (whsec_ + base64 key). DEMO ONLY. */
export const DEMO_AMAZON_SP_SECRET = "whsec_gJA7nWDLlKVAQNDiQMEfbxwvPwfRqA+iBqcrUtXR1q0=";
export const DEMO_AMAZON_FBA_SECRET = "whsec_O4sSo7x5V2vo4FG6/P62E/kHvnMFl94hw8+T21aQbwY=";
export const DEMO_MELI_SECRET = "whsec_b4M8N/CszPk9g/ydyh/TH7LX/1Xi+QEw/49akMJ3vYk=";
export const DEMO_WMS_GDL_SECRET = "whsec_KfBI5azXNBadOmpATUPTbEZ6UKjsSKXaT1XKTKZgeX8=";
/** MercadoLibre notification URL key (`?key=`), a value of its own, not a signing secret. DEMO ONLY. */
export const DEMO_MELI_NOTIFICATION_KEY = "mlkey_demo_only_6jyOjzrM9vQfUsqOkzyS";

/** The demo store's Shopify locations (numeric location_id) for the locations web orders ship from. */
export const SHOPIFY_LOCATION_IDS: Partial<Record<LocationCode, string>> = {
  "wh-gdl": "68157030613",
  "3pl-us-east": "68157063381",
  "dropship-vendor": "68157096149",
};
/** Online orders name no location (location_id null): Shopify's "default" is the Guadalajara DC. */
export const SHOPIFY_DEFAULT_LOCATION: LocationCode = "wh-gdl";
export const SHOPIFY_SHOP_DOMAIN = "kinetik-mx.myshopify.com";

/** Amazon US marketplace: FBA stock and AFN orders live in the FBA pool keyed by it. */
export const AMAZON_MARKETPLACE_ID = "ATVPDKIKX0DER";
export const AMAZON_SELLER_ID = "A1KTKDEMO0NLY7";
export const AMAZON_APPLICATION_ID = "amzn1.sellerapps.app.91410de7-70c3-4028-92cb-a7d187071598";
/** Merchant-fulfilled (MFN) Amazon orders ship from the 3PL: its SupplySourceId. */
export const AMAZON_SUPPLY_SOURCES: Partial<Record<LocationCode, string>> = {
  "3pl-us-east": "3f2c8d14-7b9e-4a61-9c05-d2e8a7b41f36",
};

/** MercadoLibre app and seller (numbers in ML's bodies; compared as strings). */
export const MELI_APPLICATION_ID = "4738215690451327";
export const MELI_USER_ID = "1287364519";
/** Multi-origin stock: the seller's stores (order_items[].stock[].store_id) per location. */
export const MELI_STORE_IDS: Partial<Record<LocationCode, string>> = {
  "wh-gdl": "58214907",
  "dropship-vendor": "58214935",
};

/** What the seed registers (PUT /api/sources/<code> body) for each demo source. */
export interface DemoSourceSpec {
  code: string;
  provider: DemoProvider;
  channel: ChannelCode | null;
  secret: string;
  locations: Record<string, LocationCode>;
  applicationId?: string;
  userId?: string;
  notificationKey?: string;
}

const invert = <K extends string>(m: Partial<Record<K, string>>): Record<string, K> => Object.fromEntries(Object.entries(m).map(([loc, key]) => [key as string, loc as K]));

/**
 * The sources whose traffic the simulator sends in the provider's own format. Every other demo source
 * (3PL, POS, dropship vendor, ERP, Rappi) posts canonical events to POST /api/events.
 * - shopify-web: the web store's orders, fulfillments, cancellations, refunds and inventory levels.
 * - amazon-sp: ORDER_CHANGE notifications through the SP-API relay (AFN orders commit in the FBA pool,
 *   MFN orders at their SupplySourceId).
 * - amazon-fba: FBA_INVENTORY_AVAILABILITY_CHANGES through the relay. A source of its own, so it stays
 *   the one source fba-us trusts for absolutes (DEMO_LOCATIONS trustedSources ["amazon-fba"]): only the
 *   Fulfillable snapshots may set that number, never an order notification.
 * - meli-mx: MercadoLibre notifications (`?key=`) followed by the relay's fetched order.
 * - wms-gdl: the Guadalajara WMS, canonical events signed with Standard Webhooks.
 */
export const DEMO_SOURCES: readonly DemoSourceSpec[] = [
  {
    code: "shopify-web",
    provider: "shopify",
    channel: "web",
    secret: DEMO_SHOPIFY_SECRET,
    locations: { default: SHOPIFY_DEFAULT_LOCATION, ...invert(SHOPIFY_LOCATION_IDS) },
  },
  {
    code: "amazon-sp",
    provider: "amazon",
    channel: "amazon",
    secret: DEMO_AMAZON_SP_SECRET,
    locations: { [AMAZON_MARKETPLACE_ID]: "fba-us", ...invert(AMAZON_SUPPLY_SOURCES), default: "3pl-us-east" },
  },
  {
    code: "amazon-fba",
    provider: "amazon",
    channel: "amazon",
    secret: DEMO_AMAZON_FBA_SECRET,
    locations: { [AMAZON_MARKETPLACE_ID]: "fba-us" },
  },
  {
    code: "meli-mx",
    provider: "mercadolibre",
    channel: "mercadolibre",
    secret: DEMO_MELI_SECRET,
    locations: { default: "wh-gdl", ...invert(MELI_STORE_IDS) },
    applicationId: MELI_APPLICATION_ID,
    userId: MELI_USER_ID,
    notificationKey: DEMO_MELI_NOTIFICATION_KEY,
  },
  {
    code: "wms-gdl",
    provider: "standard",
    channel: null,
    secret: DEMO_WMS_GDL_SECRET,
    locations: {},
  },
];

export const DEMO_SOURCE_BY_CODE: ReadonlyMap<string, DemoSourceSpec> = new Map(DEMO_SOURCES.map((s) => [s.code, s]));
