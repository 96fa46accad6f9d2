import { PROVIDERS, type Provider } from "@/lib/connectors/types";

export { PROVIDERS, type Provider };

export interface ProviderInfo {
  /** In lists and pickers: "Generic (Standard Webhooks)". */
  label: string;
  /** Inside a sentence or parentheses, where the label's own parentheses would nest: "Standard Webhooks". */
  short: string;
  /** Where a generated secret must be pasted, as a phrase: "the sender's webhook settings". */
  secretGoesTo: string;
  /** Products and orders resolve through this channel's listings. */
  channel: "required" | "optional";
  /** Provider location key → Onepool location rows make sense for it. */
  usesLocations: boolean;
  /** Suggested keys for new rows, in order. */
  locationKeys: string[];
  locationHelp: string;
  externalIdHelp: string;
  secretHelp: string;
  /** Onepool cannot generate it: the provider issues it. */
  secretRequired: boolean;
  /** applicationId / userId / notificationKey (MercadoLibre's unsigned notifications). */
  appIds: boolean;
}

// docs/API.md (`PUT /api/sources`) and §11: which location keys and listing external ids each provider sends.
export const PROVIDER_INFO: Record<Provider, ProviderInfo> = {
  shopify: {
    label: "Shopify",
    short: "Shopify",
    secretGoesTo: "the Shopify app's webhook settings",
    channel: "required",
    usesLocations: true,
    locationKeys: ["default"],
    locationHelp: "Keys are Shopify location_id values (e.g. 65432109876), plus default for online orders, which name no location.",
    externalIdHelp: "Map both the inventory_item_id and the variant_id of each variant to the SKU.",
    secretHelp: "Shopify issues the secret: paste the app's API secret key (Onepool cannot generate it).",
    secretRequired: true,
    appIds: false,
  },
  woocommerce: {
    label: "WooCommerce",
    short: "WooCommerce",
    secretGoesTo: "WooCommerce's webhook settings (Settings → Advanced → Webhooks)",
    channel: "required",
    usesLocations: true,
    locationKeys: ["default"],
    locationHelp: "WooCommerce has one stock pool: map the key default to the location it ships from.",
    externalIdHelp: "External ids are the product id, or the variation id for variable products.",
    secretHelp: "Leave empty and Onepool generates one; paste it into WooCommerce → Settings → Advanced → Webhooks → Secret.",
    secretRequired: false,
    appIds: false,
  },
  amazon: {
    label: "Amazon SP-API",
    short: "Amazon SP-API",
    secretGoesTo: "the settings of your SQS/EventBridge relay",
    channel: "required",
    usesLocations: true,
    locationKeys: [],
    locationHelp: "Keys are the FBA MarketplaceId (e.g. ATVPDKIKX0DER) and, for merchant-fulfilled orders, the SupplySourceId.",
    externalIdHelp: "External ids are seller SKUs.",
    secretHelp: "Your SQS/EventBridge relay signs each notification with this secret (Standard Webhooks). Leave empty to generate one.",
    secretRequired: false,
    appIds: false,
  },
  mercadolibre: {
    label: "MercadoLibre",
    short: "MercadoLibre",
    secretGoesTo: "the settings of your MercadoLibre relay",
    channel: "required",
    usesLocations: true,
    locationKeys: ["default"],
    locationHelp: "Use default, or one key per MercadoLibre stock-location id when the seller has several.",
    externalIdHelp: "External ids are item ids (MLA123…), or item:variation for variations.",
    secretHelp: "Notifications carry ?key=<notification key>; the relay that fetches the resources signs them with this secret (Standard Webhooks). Leave empty to generate one.",
    secretRequired: false,
    appIds: true,
  },
  standard: {
    label: "Generic (Standard Webhooks)",
    short: "Standard Webhooks",
    secretGoesTo: "the sender's webhook settings",
    channel: "optional",
    usesLocations: false,
    locationKeys: [],
    locationHelp: "Generic sources send canonical events that already name Onepool location codes: no location mapping needed.",
    externalIdHelp: "Events name a SKU code, or a listing { channel, externalId } mapped in the catalogue.",
    secretHelp: "The sender signs with Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature). Leave empty to generate a whsec_ secret.",
    secretRequired: false,
    appIds: false,
  },
};

export const providerLabel = (p: string) => (PROVIDER_INFO as Record<string, ProviderInfo | undefined>)[p]?.label ?? p;
/** The provider's name inside a sentence ("wms-mty (Standard Webhooks)"): never nested parentheses. */
export const providerShort = (p: string) => (PROVIDER_INFO as Record<string, ProviderInfo | undefined>)[p]?.short ?? p;
/** Where its generated secret goes: "Copy it now into the sender's webhook settings." */
export const secretGoesTo = (p: string) => (PROVIDER_INFO as Record<string, ProviderInfo | undefined>)[p]?.secretGoesTo ?? "the sender's webhook settings";
export const providerInfo = (p: string): ProviderInfo | null => (PROVIDER_INFO as Record<string, ProviderInfo | undefined>)[p] ?? null;
