import { translateAmazon } from "./amazon";
import { translateMercadoLibreResource } from "./mercadolibre";
import { translateShopify } from "./shopify";
import { translateStandard } from "./standard";
import type { Delivery, Provider, TranslateContext, Translation } from "./types";
import { translateWooCommerce } from "./woocommerce";

const TRANSLATORS: Record<Provider, (d: Delivery, ctx: TranslateContext) => Promise<Translation>> = {
  shopify: translateShopify,
  woocommerce: translateWooCommerce,
  amazon: translateAmazon,
  mercadolibre: translateMercadoLibreResource,
  standard: translateStandard,
};

/** A verified delivery → canonical events, by the source's provider. A translator that throws is a rejection, never a 500. */
export async function translateDelivery(provider: Provider, delivery: Delivery, ctx: TranslateContext): Promise<Translation> {
  try {
    return await TRANSLATORS[provider](delivery, ctx);
  } catch (err) {
    return { kind: "rejected", topic: null, code: "invalid_payload", message: `the ${provider} body could not be translated: ${err instanceof Error ? err.message : String(err)}` };
  }
}
