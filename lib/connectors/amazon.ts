// Amazon Selling Partner API notification translator (docs/QUANTITY-MODEL.md §4, docs/API.md, docs/CONNECTORS.md). Pure: a verified delivery
// in, canonical events out. The relay posts the notification JSON exactly as Amazon defines it
// (schemas/notifications/*.json in github:amzn/selling-partner-api-models), or the EventBridge event
// whose `detail` is that notification.
//
// Event ids derive from Amazon's identity, never from the relay: an FBA snapshot is one per
// notification (its NotificationId), an order line moves through placed → shipped | cancelled once
// each (AmazonOrderId + OrderItemId + step), so ORDER_CHANGE re-sent for any later change of the same
// order maps to the same ids and the ledger dedupes it (§11: apply each item's transition once).
//
// AFN (Fulfilled by Amazon) orders ARE translated. FBA stock comes as `available` snapshots of
// Fulfillable at the marketplace's location, and an `available` snapshot sets on_hand = q + the other
// buckets (lib/quantity/apply-event.ts), so the committed units of a placed order are added on top of
// Fulfillable, not subtracted from it a second time: Fulfillable already excludes Amazon's reserved
// PendingCustomerOrder units, which are physically still in the fulfillment centre. The only way to
// count an order twice would be an order.placed dated AFTER a snapshot that already reflects it; that is
// why order.placed is dated at the order's PurchaseDate (Amazon takes the units out of Fulfillable at
// purchase, so every snapshot reflecting the order is later and absorbs it). order.shipped leaves
// available unchanged (committed and on_hand both drop), as Fulfillable does at shipment. In exchange,
// available drops at once when an order comes in instead of waiting for the next snapshot, and
// committed/velocity exist for FBA too.

import { idString } from "./provider-json";
import type { CanonicalInput, Delivery, TranslateContext, Translation } from "./types";
import { stepFields, stepHistory, type OrderStep, type StepHistory } from "./order-steps";
import { checkedEventId, invalid, requireUnique, integer, mappedLocation, optionalZonedTime, rejectedTranslation, object, array, text, optionalText, zonedTime, type Time } from "./field-readers";

const FBA_INVENTORY = "FBA_INVENTORY_AVAILABILITY_CHANGES";
const ORDER_CHANGE = "ORDER_CHANGE";
/** Orders that name no location of their own (MFN without a SupplySourceId) commit here (§10). */
const DEFAULT_KEY = "default";

/** Order statuses (OrderChangeNotification Summary.OrderStatus) by what they mean for the lines. */
const PLACING_STATUSES: ReadonlySet<string> = new Set(["Pending", "Unshipped", "PartiallyShipped"]);
/** InvoiceUnconfirmed: every item shipped, only the invoice confirmation is missing (Orders API docs). */
const SHIPPED_STATUSES: ReadonlySet<string> = new Set(["Shipped", "InvoiceUnconfirmed"]);
const CANCELLED_STATUS = "Canceled";

/** The notification envelope every SP-API notification shares. */
interface Notification {
  type: string;
  id: string;
  publishedAt: Time;
  payload: Record<string, unknown>;
}

type Outcome = { events: CanonicalInput[]; note?: string };
type Handler = (n: Notification, t: Translator) => Promise<Outcome>;

const HANDLERS: Readonly<Record<string, Handler>> = {
  [FBA_INVENTORY]: async (n, t) => translateFbaInventory(n, t),
  [ORDER_CHANGE]: translateOrderChange,
};

export async function translateAmazon(delivery: Delivery, ctx: TranslateContext): Promise<Translation> {
  let raw: Record<string, unknown>;
  let topic: string;
  try {
    raw = unwrapEventBridge(delivery.body);
    topic = text(raw.NotificationType, "NotificationType");
  } catch (e) {
    return rejectedTranslation(e, null);
  }
  const handler = HANDLERS[topic];
  if (!handler) {
    return { kind: "rejected", topic, code: "unknown_topic", message: `Amazon NotificationType "${topic}" is not translated (expected ${FBA_INVENTORY} or ${ORDER_CHANGE})` };
  }
  const channel = ctx.source.channel;
  if (!channel) {
    const message = `source "${ctx.source.code}" has no channel: Amazon seller SKUs resolve through the listings of a channel`;
    return { kind: "rejected", topic, code: "source_has_no_channel", message };
  }

  let deliveryId: string | null = null;
  try {
    const n = readEnvelope(raw, topic);
    deliveryId = n.id;
    const { events, note } = await handler(n, new Translator(ctx, channel));
    return note === undefined ? { kind: "events", topic, deliveryId, events } : { kind: "events", topic, deliveryId, events, note };
  } catch (e) {
    return rejectedTranslation(e, topic);
  }
}

/** An EventBridge event (`detail-type` + `detail`) carries the notification as its `detail`. */
function unwrapEventBridge(body: unknown): Record<string, unknown> {
  const b = object(body, "the notification");
  if (!("detail" in b) || !("detail-type" in b)) return b;
  const detail = object(b.detail, "the EventBridge detail");
  const detailType = b["detail-type"];
  if (typeof detailType === "string" && typeof detail.NotificationType === "string" && detailType !== detail.NotificationType) {
    throw invalid(`EventBridge detail-type "${detailType}" disagrees with detail.NotificationType "${detail.NotificationType}"`);
  }
  return detail;
}

function readEnvelope(raw: Record<string, unknown>, type: string): Notification {
  const meta = object(raw.NotificationMetadata, "NotificationMetadata");
  return {
    type,
    id: text(meta.NotificationId, "NotificationMetadata.NotificationId"),
    publishedAt: time(meta.PublishTime, "NotificationMetadata.PublishTime"),
    payload: object(raw.Payload, "Payload"),
  };
}

/** What every event of one delivery shares: the source, its channel, and location mapping. */
class Translator {
  constructor(
    readonly ctx: TranslateContext,
    readonly channel: string,
  ) {}

  /** Resolved only when an event needs it, so a delivery that changes no stock is not rejected for a
   *  mapping it does not use. */
  location(key: string): string {
    return mappedLocation(this.ctx.source, key, "Amazon");
  }

  event(fields: Omit<CanonicalInput, "source" | "sku" | "listing"> & { sellerSku: string }): CanonicalInput {
    const { sellerSku, ...rest } = fields;
    checkedEventId(rest.id);
    return { ...rest, source: this.ctx.source.code, sku: null, listing: { channel: this.channel, externalId: sellerSku } };
  }
}

// ---------------------------------------------------------------------------------------------
// FBA_INVENTORY_AVAILABILITY_CHANGES → one `available` snapshot per marketplace (§11: Fulfillable
// already nets out open orders)

function translateFbaInventory(n: Notification, t: Translator): Outcome {
  const p = n.payload;
  const sellerSku = text(p.SKU, "Payload.SKU");
  const entries = array(p.FulfillmentInventoryByMarketplace, "Payload.FulfillmentInventoryByMarketplace");
  const seen = new Set<string>();
  const events = entries.map((entry, i) => {
    const where = `Payload.FulfillmentInventoryByMarketplace[${i}]`;
    const e = object(entry, where);
    const marketplaceId = text(e.MarketplaceId, `${where}.MarketplaceId`);
    if (seen.has(marketplaceId)) throw invalid(`${where}: marketplace ${marketplaceId} appears twice`);
    seen.add(marketplaceId);
    const inventory = object(e.FulfillmentInventory, `${where}.FulfillmentInventory`);
    // A snapshot of 0 is news ("none left"), unlike a zero order line.
    const fulfillable = integer(inventory.Fulfillable, `${where}.FulfillmentInventory.Fulfillable`, 0);
    return t.event({
      id: `fba:${sellerSku}:${marketplaceId}:${n.id}`,
      type: "snapshot",
      bucket: "available",
      sellerSku,
      location: t.location(marketplaceId),
      quantity: fulfillable,
      occurredAt: n.publishedAt.iso,
      payload: { notificationId: n.id, sellerSku, fnsku: optionalText(p.FNSKU), asin: optionalText(p.ASIN), marketplaceId, fulfillable },
    });
  });
  return events.length > 0 ? { events } : { events, note: `SKU ${sellerSku}: no marketplace listed` };
}

// ---------------------------------------------------------------------------------------------
// ORDER_CHANGE → order.placed / order.shipped / order.cancelled per order item, each once

interface Order {
  id: string;
  status: string;
  changeType: string;
  changeReason: string | null;
  /** OrderChangeTrigger.TimeOfOrderChange; null when Amazon sends none. */
  changedAt: Time | null;
  purchasedAt: Time | null;
  fulfillment: "AFN" | "MFN";
  marketplaceId: string;
  items: Item[];
}

interface Item {
  id: string;
  sellerSku: string;
  quantity: number;
  quantityShipped: number | null;
  itemStatus: string | null;
  supplySourceId: string | null;
  /** ItemLatestDeliveryDate: the end of the delivery window Amazon showed the buyer (the promise, docs/SCORECARD.md#figures). */
  latestDeliveryAt: Time | null;
}

async function translateOrderChange(n: Notification, t: Translator): Promise<Outcome> {
  const order = readOrder(n.payload);
  // A buyer's cancellation REQUEST leaves the order open; the seller may still ship it (§11).
  if (order.changeType === "BuyerRequestedChange") {
    return { events: [], note: `order ${order.id}: buyer-requested change (${order.changeReason ?? "no reason given"}) is a request, not a cancellation` };
  }
  if (order.changeType !== "OrderStatusChange") return { events: [], note: `order ${order.id}: change type ${order.changeType} changes no stock` };

  const step = stepFor(order.status);
  if (!step) return { events: [], note: `order ${order.id}: status ${order.status} changes no stock` };
  // Zero lines move nothing; they are named in the note.
  const skipped = order.items.filter((item) => item.quantity === 0).map((item) => `item ${item.id}: quantity 0`);
  const items = order.items.filter((item) => item.quantity > 0);
  const history = await itemHistory(t, order, items);
  const events: CanonicalInput[] = [];
  for (const item of items) {
    const h = history.get(item.id)!;
    const result = step === "cancelled" ? cancelItem(t, n, order, item, h) : shipsNow(order, item) ? shipItem(t, n, order, item, h) : placeItem(t, n, order, item, h);
    if (typeof result === "string") skipped.push(`item ${item.id}: ${result}`);
    else events.push(...result);
  }
  if (skipped.length > 0) return { events, note: skipped.join("; ") };
  return events.length > 0 ? { events } : { events, note: `order ${order.id}: no item to change` };
}

/** The furthest step an order status takes its items to; null: the status moves no stock. Unfulfillable
 *  (MCF only) and PendingAvailability (a pre-order before its release date) hold nothing yet. */
function stepFor(status: string): OrderStep | null {
  if (PLACING_STATUSES.has(status)) return "placed";
  if (SHIPPED_STATUSES.has(status)) return "shipped";
  return status === CANCELLED_STATUS ? "cancelled" : null;
}

/** In a PartiallyShipped order, an item ships when its own status says so or all its units shipped. An
 *  item with only some units shipped stays committed until it completes: its shipped event is one per
 *  item, and a partial one could not be completed later without counting the first units twice. */
function shipsNow(order: Order, item: Item): boolean {
  if (SHIPPED_STATUSES.has(order.status)) return true;
  if (order.status !== "PartiallyShipped") return false;
  return item.itemStatus === "Shipped" || (item.quantityShipped !== null && item.quantityShipped >= item.quantity);
}

function placeItem(t: Translator, n: Notification, order: Order, item: Item, h: StepHistory): CanonicalInput[] | string {
  if (h.placed) return "already placed";
  if (h.cancelled) return "cancelled earlier";
  return [itemEvent(t, n, order, item, "placed", placementLocation(t, order, item), item.quantity)];
}

/** Ship what was committed, where it was committed; an item never seen placed is placed first (same id
 *  a placing notification would have used), so committed never goes below 0. */
function shipItem(t: Translator, n: Notification, order: Order, item: Item, h: StepHistory): CanonicalInput[] | string {
  if (h.shipped) return "already shipped";
  if (h.cancelled) return "cancelled earlier, not shipped";
  if (h.placed) return [itemEvent(t, n, order, item, "shipped", h.placed.location, h.placed.quantity)];
  const location = placementLocation(t, order, item);
  return [itemEvent(t, n, order, item, "placed", location, item.quantity), itemEvent(t, n, order, item, "shipped", location, item.quantity)];
}

/** Release only what is committed: placed, not shipped, not released yet. */
function cancelItem(t: Translator, n: Notification, order: Order, item: Item, h: StepHistory): CanonicalInput[] | string {
  if (!h.placed) return "never placed, nothing committed";
  if (h.shipped) return "already shipped";
  if (h.cancelled) return "already cancelled";
  return [itemEvent(t, n, order, item, "cancelled", h.placed.location, h.placed.quantity, cancelReason(order.changeReason))];
}

/** AFN lines commit in the FBA pool of their marketplace, where the Fulfillable snapshots land. MFN
 *  lines commit at their SupplySourceId (§11), else at `default`: the seller's own stock, never the FBA
 *  pool keyed by MarketplaceId, which an MFN order does not draw from. */
function placementLocation(t: Translator, order: Order, item: Item): string {
  if (order.fulfillment === "AFN") return t.location(order.marketplaceId);
  return t.location(item.supplySourceId ?? DEFAULT_KEY);
}

/** "customer" unless Amazon's ChangeReason names another cause (a free text; no enumeration is documented). */
function cancelReason(changeReason: string | null): string {
  if (changeReason && /payment/i.test(changeReason)) return "payment";
  if (changeReason && /address/i.test(changeReason)) return "address";
  return "customer";
}

const itemHistory = (t: Translator, order: Order, items: readonly Item[]) => stepHistory(t.ctx, items, (item, step) => eventId(order, item, step));

function eventId(order: Order, item: Item, step: OrderStep): string {
  return `order:${order.id}:item:${item.id}:${step}`;
}

/** Placed is dated at purchase (see the header: it must precede every snapshot that reflects it); the
 *  other steps at the change Amazon reports, else at publication. */
function itemEvent(t: Translator, n: Notification, order: Order, item: Item, step: OrderStep, location: string, quantity: number, reason?: string): CanonicalInput {
  const at = (step === "placed" ? order.purchasedAt : null) ?? order.changedAt ?? n.publishedAt;
  return t.event({
    id: eventId(order, item, step),
    sellerSku: item.sellerSku,
    ...stepFields({ step, orderId: order.id, channel: t.channel, location, quantity, occurredAt: at.iso, reason }),
    ...(step === "placed" && item.latestDeliveryAt ? { promisedAt: item.latestDeliveryAt.iso } : {}),
    payload: {
      notificationId: n.id,
      order: { AmazonOrderId: order.id, OrderStatus: order.status, FulfillmentType: order.fulfillment, MarketplaceId: order.marketplaceId, ChangeReason: order.changeReason },
      item: { OrderItemId: item.id, SellerSKU: item.sellerSku, Quantity: item.quantity, QuantityShipped: item.quantityShipped, SupplySourceId: item.supplySourceId },
    },
  });
}

function readOrder(payload: Record<string, unknown>): Order {
  const o = object(payload.OrderChangeNotification, "Payload.OrderChangeNotification");
  const id = text(o.AmazonOrderId, "AmazonOrderId");
  const where = `order ${id}`;
  const trigger = o.OrderChangeTrigger === undefined || o.OrderChangeTrigger === null ? {} : object(o.OrderChangeTrigger, `${where}: OrderChangeTrigger`);
  const s = object(o.Summary, `${where}: Summary`);
  const fulfillment = text(s.FulfillmentType, `${where}: Summary.FulfillmentType`);
  if (fulfillment !== "AFN" && fulfillment !== "MFN") throw invalid(`${where}: Summary.FulfillmentType must be AFN or MFN, got ${JSON.stringify(fulfillment)}`);
  const items = array(s.OrderItems, `${where}: Summary.OrderItems`).map((item, i) => readItem(item, `${where}: OrderItems[${i}]`));
  requireUnique(items, (item) => item.id, `${where}: OrderItemId`);
  return {
    id,
    status: text(s.OrderStatus, `${where}: Summary.OrderStatus`),
    changeType: text(o.OrderChangeType, `${where}: OrderChangeType`),
    changeReason: optionalText(trigger.ChangeReason),
    changedAt: nullableTime(trigger.TimeOfOrderChange, `${where}: OrderChangeTrigger.TimeOfOrderChange`),
    purchasedAt: nullableTime(s.PurchaseDate, `${where}: Summary.PurchaseDate`),
    fulfillment,
    marketplaceId: text(s.MarketplaceId, `${where}: Summary.MarketplaceId`),
    items,
  };
}

function readItem(v: unknown, where: string): Item {
  const item = object(v, where);
  const id = idString(item.OrderItemId);
  if (id === null) throw invalid(`${where}.OrderItemId is missing`);
  const quantityShipped = item.QuantityShipped === undefined || item.QuantityShipped === null ? null : integer(item.QuantityShipped, `${where}.QuantityShipped`, 0);
  return {
    id,
    sellerSku: text(item.SellerSKU, `${where}.SellerSKU`),
    quantity: integer(item.Quantity, `${where}.Quantity`, 0),
    quantityShipped,
    itemStatus: optionalText(item.OrderItemStatus),
    supplySourceId: optionalText(item.SupplySourceId),
    latestDeliveryAt: nullableTime(item.ItemLatestDeliveryDate, `${where}.ItemLatestDeliveryDate`),
  };
}

// ---------------------------------------------------------------------------------------------
// Field readers: each failure names the field, so the rejected log says what to fix.

/** ISO-8601 with a zone (Amazon sends Z), re-expressed in UTC with Z. Impossible calendar dates
 *  (2017-02-30) are refused, not rolled over. */
const time = (v: unknown, field: string): Time => zonedTime(v, field, "2020-07-13T19:42:04.284Z");
const nullableTime = (v: unknown, field: string): Time | null => optionalZonedTime(v, field, "2020-07-13T19:42:04.284Z");
