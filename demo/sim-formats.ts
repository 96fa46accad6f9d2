import { LosslessNumber, stringify } from "lossless-json";
import type { DemoSku } from "./demo-catalog";
import type { LocationCode } from "./demo-network";
import {
  AMAZON_APPLICATION_ID,
  AMAZON_MARKETPLACE_ID,
  AMAZON_SELLER_ID,
  AMAZON_SUPPLY_SOURCES,
  DEMO_MELI_NOTIFICATION_KEY,
  DEMO_SOURCE_BY_CODE,
  MELI_APPLICATION_ID,
  MELI_STORE_IDS,
  MELI_USER_ID,
  SHOPIFY_DEFAULT_LOCATION,
  SHOPIFY_LOCATION_IDS,
  type DemoProvider,
} from "./demo-sources";
import { stableDigits, stableUuid } from "./sim-signing";

// The simulator's events are canonical (docs/QUANTITY-MODEL.md §4): that is how it reasons about stock. The sources
// that have a provider format send them the way that provider really does (docs/CONNECTORS.md), built in the
// body shapes of the fixtures under tests/fixtures/providers/** and the translators in lib/connectors:
//
//   shopify-web  order.placed → orders/create · order.shipped → fulfillments/create ·
//                order.cancelled → orders/cancelled · return received+inspected resellable →
//                refunds/create (restock_type "return") · available snapshot → inventory_levels/update
//   amazon-sp    order.placed / .shipped / .cancelled → ORDER_CHANGE (Unshipped / Shipped / Canceled)
//   amazon-fba   available snapshot at fba-us → FBA_INVENTORY_AVAILABILITY_CHANGES
//   meli-mx      order.placed / .cancelled → notification (?key=) + relay { topic, resource, body }
//   wms-gdl      any event → the canonical event, Standard Webhooks–signed (provider "standard")
//
// Anything else (other sources, or an event a format cannot say) stays canonical: POST /api/events.
// Provider ids derive from the simulator's ids (order id, event id), so the translators derive the same
// canonical ids for every step of one order (Shopify "order:<id>:line:<line id>:placed", Amazon
// "order:<id>:item:<item id>:placed", …) and a retry re-sends the identical body.

export type SimEvent = Record<string, unknown> & { id: string; source: string };
export type Format = "canonical" | DemoProvider;

/** How one HTTP request of a delivery is signed; signatures are made per attempt (Standard Webhooks timestamps). */
export type Signing =
  | { kind: "shopify"; secret: string; topic: string; eventId: string; webhookId: string; triggeredAt: string }
  | { kind: "standard"; secret: string; msgId: string }
  | { kind: "none" };

export interface HttpStep {
  /** Path and query under the server URL. */
  path: string;
  body: string;
  signing: Signing;
  /** A MercadoLibre notification only announces a change: it carries no event. */
  role: "delivery" | "notification";
}

/** One simulated delivery in a provider's format: one or two HTTP requests, in order. */
export interface Encoded {
  format: DemoProvider;
  source: string;
  steps: HttpStep[];
}

const n = (digits: string) => new LosslessNumber(digits);
const DIGITS = /^\d{1,30}$/;

/** An ISO time in a fixed UTC offset, as Shopify (seconds) and MercadoLibre (milliseconds) write them. */
function zoned(iso: string, offsetHours: number, millis: boolean): string {
  const local = new Date(Date.parse(iso) + offsetHours * 3_600_000).toISOString();
  const sign = offsetHours < 0 ? "-" : "+";
  const off = `${sign}${String(Math.abs(offsetHours)).padStart(2, "0")}:00`;
  return (millis ? local.slice(0, 23) : local.slice(0, 19)) + off;
}
/** Mexico City (the demo brand's clock, DEMO UTC_OFFSET_HOURS). */
const MX = -6;

interface OrderMemo {
  placedAt: string;
}

/** Builds the provider deliveries. Stateful only for what a provider repeats across an order's life (its purchase time). */
export class ProviderEncoder {
  private readonly byCode = new Map<string, DemoSku>();
  private readonly byExternalId = new Map<string, DemoSku>();
  private readonly orders = new Map<string, OrderMemo>();
  /** Sources the server refuses (401 unauthorized: unknown, or another secret): their events go canonical from then on. */
  private readonly canonicalOnly = new Set<string>();

  constructor(
    skus: readonly DemoSku[],
    private readonly enabled = true,
  ) {
    for (const s of skus) {
      this.byCode.set(s.code, s);
      for (const [channel, ids] of Object.entries(s.listings)) for (const id of ids ?? []) this.byExternalId.set(`${channel}:${id}`, s);
    }
  }

  /** The server has no such source (an older database, somebody else's install): post its events canonically. */
  fallBack(source: string): boolean {
    if (this.canonicalOnly.has(source)) return false;
    this.canonicalOnly.add(source);
    return true;
  }

  /** Which format a source's events travel in now. */
  formatOf(source: string): Format {
    const spec = DEMO_SOURCE_BY_CODE.get(source);
    return this.enabled && spec && !this.canonicalOnly.has(source) ? spec.provider : "canonical";
  }

  /** The provider delivery for a group of canonical events, or null when it stays canonical. */
  encode(group: readonly SimEvent[]): Encoded | null {
    const e = group[0];
    if (!e || this.formatOf(e.source) === "canonical") return null;
    if (e.type === "order.placed" && typeof e.orderId === "string") {
      this.orders.set(`${e.source}|${e.orderId}`, { placedAt: String(e.occurredAt) });
      // Plenty for the longest order story (a return ~10 min after placing); oldest first out.
      while (this.orders.size > 50_000) this.orders.delete(this.orders.keys().next().value!);
    }
    switch (e.source) {
      case "shopify-web":
        return this.shopify(group);
      case "amazon-sp":
        return group.length === 1 ? this.amazonOrder(e) : null;
      case "amazon-fba":
        return group.length === 1 ? this.fbaInventory(e) : null;
      case "meli-mx":
        return group.length === 1 ? this.meliOrder(e) : null;
      case "wms-gdl":
        return this.standard(group);
      default:
        return null;
    }
  }

  private skuOf(e: SimEvent): DemoSku | null {
    if (typeof e.sku === "string") return this.byCode.get(e.sku) ?? null;
    const listing = e.listing as { channel?: unknown; externalId?: unknown } | null | undefined;
    return typeof listing?.externalId === "string" ? (this.byExternalId.get(`${String(listing.channel)}:${listing.externalId}`) ?? null) : null;
  }

  private placedAt(e: SimEvent): string {
    return this.orders.get(`${e.source}|${String(e.orderId)}`)?.placedAt ?? String(e.occurredAt);
  }

  private secret(source: string): string {
    return DEMO_SOURCE_BY_CODE.get(source)!.secret;
  }

  // -------------------------------------------------------------------------------------------
  // Shopify (REST webhook bodies; fixtures tests/fixtures/providers/shopify/*)

  private shopify(group: readonly SimEvent[]): Encoded | null {
    const e = group[0];
    const sku = this.skuOf(e);
    const ids = sku?.listings.web;
    if (!sku || !ids || ids.length < 2) return null;
    const [inventoryItemId, variantId] = ids;
    if (group.length === 2) return this.shopifyRefund(group, sku, variantId);
    if (group.length !== 1) return null;
    if (e.type === "snapshot" && e.bucket === "available") {
      const locationId = SHOPIFY_LOCATION_IDS[e.location as LocationCode];
      if (!locationId) return null;
      return this.shopifyDelivery(e, "inventory_levels/update", {
        inventory_item_id: n(inventoryItemId),
        location_id: n(locationId),
        available: e.quantity,
        updated_at: zoned(String(e.occurredAt), MX, false),
        admin_graphql_api_id: `gid://shopify/InventoryLevel/${locationId}?inventory_item_id=${inventoryItemId}`,
      });
    }
    const orderId = String(e.orderId ?? "");
    if (!DIGITS.test(orderId)) return null;
    // Online orders name no location (null → the source's "default", Guadalajara). An order the
    // simulator routed elsewhere carries that location's id, so it commits where it will ship from.
    const location = e.location as LocationCode;
    const locationId = location === SHOPIFY_DEFAULT_LOCATION ? null : (SHOPIFY_LOCATION_IDS[location] ?? undefined);
    if (locationId === undefined) return null;
    const line = this.shopifyLine(orderId, sku, variantId, Number(e.quantity));
    const order = (extra: Record<string, unknown>) => ({
      id: n(orderId),
      admin_graphql_api_id: `gid://shopify/Order/${orderId}`,
      name: `#K${orderId.slice(-6)}`,
      created_at: zoned(this.placedAt(e), MX, false),
      currency: "MXN",
      financial_status: "paid",
      location_id: locationId === null ? null : n(locationId),
      ...extra,
      line_items: [line],
    });
    switch (e.type) {
      case "order.placed":
        return this.shopifyDelivery(e, "orders/create", order({ cancelled_at: null, cancel_reason: null, fulfillment_status: null, fulfillments: [] }));
      case "order.cancelled":
        return this.shopifyDelivery(
          e,
          "orders/cancelled",
          order({ cancelled_at: zoned(String(e.occurredAt), MX, false), cancel_reason: shopifyCancelReason(e.reason), fulfillment_status: null, fulfillments: [] }),
        );
      case "order.shipped": {
        const shipFrom = SHOPIFY_LOCATION_IDS[location];
        if (!shipFrom) return null;
        const fulfillmentId = stableDigits(`shopify-fulfillment:${orderId}`, 13);
        return this.shopifyDelivery(e, "fulfillments/create", {
          id: n(fulfillmentId),
          order_id: n(orderId),
          status: "success",
          created_at: zoned(String(e.occurredAt), MX, false),
          updated_at: zoned(String(e.occurredAt), MX, false),
          location_id: n(shipFrom),
          name: `#K${orderId.slice(-6)}.1`,
          service: "manual",
          shipment_status: null,
          tracking_company: location === "3pl-us-east" ? "UPS" : "Estafeta",
          tracking_number: stableDigits(`tracking:${orderId}`, 12),
          line_items: [line],
          admin_graphql_api_id: `gid://shopify/Fulfillment/${fulfillmentId}`,
        });
      }
      default:
        return null;
    }
  }

  /** A line's ids derive from the order id, so placed, shipped, cancelled and refunded name the same line. */
  private shopifyLine(orderId: string, sku: DemoSku, variantId: string, quantity: number) {
    return {
      id: n(stableDigits(`shopify-line:${orderId}`, 17)),
      variant_id: n(variantId),
      product_id: n(stableDigits(`shopify-product:${sku.product.prefix}`, 13)),
      title: sku.product.name,
      name: sku.name,
      sku: sku.code,
      quantity,
      price: sku.price.toFixed(2),
      requires_shipping: true,
    };
  }

  /** A return Shopify restocks (restock_type "return"): the translator makes it received and inspected resellable at once. */
  private shopifyRefund(group: readonly SimEvent[], sku: DemoSku, variantId: string): Encoded | null {
    const [received, inspected] = group;
    if (received.type !== "return.received" || inspected.type !== "return.inspected" || inspected.condition !== "resellable") return null;
    const orderId = String(received.orderId ?? "");
    const locationId = SHOPIFY_LOCATION_IDS[received.location as LocationCode];
    if (!DIGITS.test(orderId) || !locationId || received.quantity !== inspected.quantity) return null;
    const refundId = stableDigits(`shopify-refund:${orderId}`, 12);
    const line = this.shopifyLine(orderId, sku, variantId, Number(received.quantity));
    const at = zoned(String(received.occurredAt), MX, false);
    return this.shopifyDelivery(received, "refunds/create", {
      id: n(refundId),
      order_id: n(orderId),
      created_at: at,
      processed_at: at,
      note: typeof received.reason === "string" ? received.reason.replace(/_/g, " ") : null,
      restock: true,
      admin_graphql_api_id: `gid://shopify/Refund/${refundId}`,
      refund_line_items: [
        { id: n(stableDigits(`shopify-refund-line:${orderId}`, 12)), quantity: received.quantity, line_item_id: line.id, location_id: n(locationId), restock_type: "return", line_item: line },
      ],
    });
  }

  private shopifyDelivery(e: SimEvent, topic: string, body: unknown): Encoded {
    return {
      format: "shopify",
      source: e.source,
      steps: [
        {
          path: `/api/webhooks/shopify/${e.source}`,
          body: stringify(body)!,
          role: "delivery",
          signing: {
            kind: "shopify",
            secret: this.secret(e.source),
            topic,
            // One merchant action → one event id; Shopify keeps the webhook id across its retries.
            eventId: stableUuid(`shopify-event:${e.source}:${e.id}`),
            webhookId: stableUuid(`shopify-webhook:${e.source}:${e.id}`),
            triggeredAt: String(e.occurredAt),
          },
        },
      ],
    };
  }

  // -------------------------------------------------------------------------------------------
  // Amazon SP-API notifications, as the relay posts them (fixtures tests/fixtures/providers/amazon/*)

  /** A Selling Partner notification (the envelope every Amazon notification type shares), relayed as the demo's relay posts it. */
  private amazonNotification(e: SimEvent, type: string, payload: Record<string, unknown>): Encoded {
    const notificationId = stableUuid(`amazon-notification:${e.source}:${e.id}`);
    const at = String(e.occurredAt);
    const body = {
      NotificationVersion: "1.0",
      NotificationType: type,
      PayloadVersion: "1.0",
      EventTime: at,
      Payload: payload,
      NotificationMetadata: {
        ApplicationId: AMAZON_APPLICATION_ID,
        SubscriptionId: stableUuid(`amazon-subscription:${e.source}:${type}`),
        PublishTime: at,
        NotificationId: notificationId,
      },
    };
    return this.relayDelivery(e.source, "amazon", JSON.stringify(body), `msg_${notificationId}`);
  }

  private amazonOrder(e: SimEvent): Encoded | null {
    const sku = this.skuOf(e);
    const sellerSku = sku?.listings.amazon?.[0];
    const orderId = String(e.orderId ?? "");
    if (!sku || !sellerSku || !orderId) return null;
    const location = e.location as LocationCode;
    const afn = location === "fba-us";
    const supplySourceId = afn ? null : (AMAZON_SUPPLY_SOURCES[location] ?? undefined);
    if (supplySourceId === undefined) return null;
    const status = e.type === "order.placed" ? "Unshipped" : e.type === "order.shipped" ? "Shipped" : e.type === "order.cancelled" ? "Canceled" : null;
    if (!status) return null;
    const quantity = Number(e.quantity);
    const shipped = status === "Shipped" ? quantity : 0;
    const at = String(e.occurredAt);
    return this.amazonNotification(e, "ORDER_CHANGE", {
      OrderChangeNotification: {
        NotificationLevel: "OrderLevel",
        SellerId: AMAZON_SELLER_ID,
        AmazonOrderId: orderId,
        OrderChangeType: "OrderStatusChange",
        OrderChangeTrigger: { TimeOfOrderChange: at, ChangeReason: status === "Canceled" ? amazonCancelReason(e.reason) : "Order status changed" },
        Summary: {
          MarketplaceId: AMAZON_MARKETPLACE_ID,
          OrderStatus: status,
          PurchaseDate: this.placedAt(e),
          DestinationPostalCode: "10001",
          FulfillmentType: afn ? "AFN" : "MFN",
          OrderType: "StandardOrder",
          NumberOfItemsShipped: shipped,
          NumberOfItemsUnshipped: status === "Unshipped" ? quantity : 0,
          OrderPrograms: afn ? ["Prime"] : [],
          ElectronicInvoiceStatus: "NotFound",
          OrderItems: [
            {
              OrderItemId: stableDigits(`amazon-item:${orderId}`, 14),
              SellerSKU: sellerSku,
              SupplySourceId: supplySourceId,
              OrderItemStatus: status,
              Quantity: quantity,
              QuantityShipped: shipped,
              IsBuyerRequestedCancel: false,
            },
          ],
        },
      },
    });
  }

  private fbaInventory(e: SimEvent): Encoded | null {
    if (e.type !== "snapshot" || e.bucket !== "available" || e.location !== "fba-us") return null;
    const sku = this.skuOf(e);
    const sellerSku = sku?.listings.amazon?.[0];
    if (!sku || !sellerSku) return null;
    return this.amazonNotification(e, "FBA_INVENTORY_AVAILABILITY_CHANGES", {
      SellerId: AMAZON_SELLER_ID,
      FNSKU: `X00${stableDigits(`fnsku:${sellerSku}`, 7)}`,
      ASIN: `B0${stableDigits(`asin:${sku.product.prefix}:${sku.size}:${sku.color}`, 8)}`,
      SKU: sellerSku,
      FulfillmentInventoryByMarketplace: [
        {
          MarketplaceId: AMAZON_MARKETPLACE_ID,
          ItemName: sku.name,
          FulfillmentInventory: {
            InboundQuantityBreakdown: { Working: 0, Shipped: 0, Receiving: 0 },
            Fulfillable: Number(e.quantity),
            Unfulfillable: 0,
            Researching: 0,
            ReservedQuantityBreakdown: { WarehouseProcessing: 0, WarehouseTransfer: 0, PendingCustomerOrder: 0 },
            FutureSupplyBuyable: 0,
            PendingCustomerOrderInTransit: 0,
          },
          Stores: [],
        },
      ],
    });
  }

  // -------------------------------------------------------------------------------------------
  // MercadoLibre: the notification, then the relay's { topic, resource, body } with the fetched order

  private meliOrder(e: SimEvent): Encoded | null {
    const sku = this.skuOf(e);
    const listing = sku?.listings.mercadolibre?.[0];
    const orderId = String(e.orderId ?? "");
    if (!sku || !listing || !DIGITS.test(orderId)) return null;
    const status = e.type === "order.placed" ? "paid" : e.type === "order.cancelled" ? "cancelled" : null;
    if (!status) return null;
    const location = e.location as LocationCode;
    const storeId = MELI_STORE_IDS[location];
    if (!storeId) return null;
    const [itemId, variationId] = listing.split(":");
    const quantity = Number(e.quantity);
    const placedAt = zoned(this.placedAt(e), MX, true);
    const at = zoned(String(e.occurredAt), MX, true);
    const price = Math.round(sku.price * 1.08 * 100) / 100;
    const order = {
      id: n(orderId),
      status,
      status_detail: null,
      date_created: placedAt,
      date_closed: placedAt,
      last_updated: at,
      order_items: [
        {
          item: { id: itemId, title: sku.name, category_id: "MLM1384", variation_id: variationId ? n(variationId) : null, seller_sku: sku.code, variation_attributes: [] },
          quantity,
          unit_price: price,
          full_unit_price: price,
          currency_id: "MXN",
          stock: [{ store_id: storeId, network_node_id: stableDigits(`meli-node:${storeId}`, 6) }],
        },
      ],
      total_amount: Math.round(price * quantity * 100) / 100,
      currency_id: "MXN",
      buyer: { id: n(stableDigits(`meli-buyer:${orderId}`, 9)) },
      seller: { id: n(MELI_USER_ID) },
      shipping: { id: n(stableDigits(`meli-shipment:${orderId}`, 11)) },
      tags: status === "paid" ? ["paid", "not_delivered"] : ["not_delivered"],
      cancel_detail: status === "cancelled" ? meliCancelDetail(e.reason, at) : null,
    };
    const resource = `/orders/${orderId}`;
    const notificationId = stableUuid(`meli-notification:${e.source}:${e.id}`);
    const sent = new Date(Date.parse(String(e.occurredAt)) + 150).toISOString();
    // Numbers in ML's bodies (application_id, user_id): raw JSON numbers.
    const notification = stringify({ _id: notificationId, resource, user_id: n(MELI_USER_ID), topic: "orders_v2", application_id: n(MELI_APPLICATION_ID), attempts: 1, sent, received: sent })!;
    const relay = stringify({ topic: "orders_v2", resource, body: order })!;
    return {
      format: "mercadolibre",
      source: e.source,
      steps: [
        { path: `/api/webhooks/mercadolibre/${e.source}?key=${encodeURIComponent(DEMO_MELI_NOTIFICATION_KEY)}`, body: notification, signing: { kind: "none" }, role: "notification" },
        {
          path: `/api/webhooks/mercadolibre/${e.source}`,
          body: relay,
          signing: { kind: "standard", secret: this.secret(e.source), msgId: `msg_${stableUuid(`meli-relay:${e.source}:${e.id}`)}` },
          role: "delivery",
        },
      ],
    };
  }

  // -------------------------------------------------------------------------------------------
  // Standard (generic WMS): the canonical event itself, signed

  private standard(group: readonly SimEvent[]): Encoded {
    const e = group[0];
    const body = JSON.stringify(group.length === 1 ? e : group);
    return this.relayDelivery(e.source, "standard", body, `msg_${stableUuid(`standard:${e.source}:${group.map((x) => x.id).join(",")}`)}`);
  }

  private relayDelivery(source: string, format: DemoProvider, body: string, msgId: string): Encoded {
    return { format, source, steps: [{ path: `/api/webhooks/${format}/${source}`, body, role: "delivery", signing: { kind: "standard", secret: this.secret(source), msgId } }] };
  }
}

/** Canonical reason → Shopify cancel_reason (customer, fraud, inventory, declined, other, staff); Shopify has no "address" reason: the merchant picks "other". */
const SHOPIFY_CANCEL_REASONS = new Map<unknown, string>([
  ["customer", "customer"],
  ["oversold", "inventory"],
  ["payment", "declined"],
]);
const shopifyCancelReason = (reason: unknown): string => SHOPIFY_CANCEL_REASONS.get(reason) ?? "other";

/** Amazon's ChangeReason is free text. */
const AMAZON_CANCEL_REASONS = new Map<unknown, string>([
  ["payment", "Payment authorization failed"],
  ["address", "Undeliverable shipping address"],
]);
const amazonCancelReason = (reason: unknown): string => AMAZON_CANCEL_REASONS.get(reason) ?? "Buyer canceled";

function meliCancelDetail(reason: unknown, at: string) {
  if (reason === "payment") return { group: "internal", code: "payment_rejected", description: "El pago fue rechazado", requested_by: "system", date: at, application_id: null };
  if (reason === "oversold") return { group: "seller", code: "seller_out_of_stock", description: "El vendedor no tiene stock", requested_by: "seller", date: at, application_id: null };
  return { group: "buyer", code: "buyer_cancel_express", description: "El comprador canceló la compra", requested_by: "buyer", date: at, application_id: null };
}
