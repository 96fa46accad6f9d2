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

/**
 * The ledger could not be read while translating (a database error in `ctx.findEvents`): the
 * delivery is not at fault, so it must be retried (503), never recorded as rejected and answered 2xx.
 */
export class LookupFailed extends Error {
  constructor(readonly cause: unknown) {
    super(`the ledger could not be read: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * A verified delivery → canonical events, by the source's provider. A translator that throws over
 * the body is a rejection, never a 500; a failed ledger lookup is thrown on as LookupFailed.
 */
export async function translateDelivery(provider: Provider, delivery: Delivery, ctx: TranslateContext): Promise<Translation> {
  const guarded: TranslateContext = {
    ...ctx,
    findEvents: (ids) =>
      ctx.findEvents(ids).catch((err: unknown) => {
        throw new LookupFailed(err);
      }),
  };
  try {
    return await TRANSLATORS[provider](delivery, guarded);
  } catch (err) {
    if (err instanceof LookupFailed) throw err;
    return { kind: "rejected", topic: null, code: "invalid_payload", message: `the ${provider} body could not be translated: ${err instanceof Error ? err.message : String(err)}` };
  }
}
