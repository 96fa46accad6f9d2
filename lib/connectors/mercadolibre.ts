// MercadoLibre translator (docs/QUANTITY-MODEL.md §4, docs/SECURITY.md, docs/API.md, docs/CONNECTORS.md). Pure.
//
// ML notifications only say which resource changed ({_id, resource, user_id, topic, application_id,
// attempts, sent, received}); the server checks them (`parseMercadoLibreNotification`) and a relay
// fetches the resource and posts { topic, resource, body } back, Standard Webhooks–signed. Only those
// relay bodies carry stock, so only they are translated (`translateMercadoLibreResource`).
//
// The same resource is fetched again on every notification, so nothing here is identified by the
// delivery: event ids come from ML's own identity — item + last_updated + quantity, user product +
// stock location + stock version, order + item + step (§11: orders by (order id, status)).
//
// Locations (§10). `items` report `available_quantity`, the sum of every stock location of the
// listing, at the source's `default` location. Sellers with several stock locations (multi-origin
// `seller_warehouse` stores, or Full `meli_facility` next to their own `selling_address`) are followed
// per location through the user-product stock resource (topic stock-locations): the key is the
// `store_id` for a seller_warehouse (the seller's store, the id ML's own stock updates and orders name;
// network_node_id is a logistics node and appears in two spellings, 123451 / MXP123451, across ML's
// docs) and the location `type` for the two single-instance types (meli_facility, selling_address).
// That resource names the user product, not an item, so its listing external id is the user product
// id (MLAU…): register it as a listing next to the item ids, like Shopify's two ids. A source that maps
// any stock location takes items notifications as no-ops (their sum would count every location twice);
// its `default`, if mapped, then only receives the orders that name no single store.
//
// Orders commit at the store their line names (order_items[].stock[].store_id, present for multi-origin
// sellers), else at `default`.

import { idString } from "./provider-json";
import type { CanonicalInput, Delivery, TranslateContext, Translation } from "./types";
import { stepFields } from "./order-steps";
import { isoTimeToUtc } from "../events/parse-iso-time";
import { Rejection, checkedEventId, invalid, requireUnique, integer, mappedLocation, optionalZonedTime, rejectedTranslation, object, array, text, zonedTime, type Time } from "./field-readers";

const DEFAULT_KEY = "default";

/** The user-product stock resource: "stock-locations" is the relay's name for the topic; ML's own sample
 *  notification spells it "stock-location". Both are accepted and mean the same resource. */
const STOCK_TOPICS: ReadonlySet<string> = new Set(["stock-locations", "stock-location"]);

/** Order statuses from which ML has taken the units off the listing's stock: `date_closed` is "when the
 *  order first becomes confirmed / paid and the item's stock is discounted" (ML /orders docs);
 *  payment_required / payment_in_process / partially_paid sit between those on the way to paid. */
const PLACING_STATUSES: ReadonlySet<string> = new Set(["confirmed", "payment_required", "payment_in_process", "partially_paid", "paid"]);
const CANCELLED_STATUS = "cancelled";

// ---------------------------------------------------------------------------------------------
// Raw notifications (checked by the server, which compares application_id/user_id to the source's)

export type MercadoLibreNotification = {
  ok: true;
  /** `_id` (or `id`, as ML's topics with sub-topics spell it). Several documented samples, orders_v2
   *  among them, carry neither: then `<topic>|<resource>|<received>`, since `received` (when ML got the
   *  event) stays the same across ML's retries while `sent` and `attempts` change (see its stock-location
   *  sample: attempts 4, sent 7 minutes after received). */
  id: string;
  topic: string;
  resource: string;
  /** Numbers in ML's bodies (sometimes strings): compared as strings (§11). */
  userId: string;
  applicationId: string;
  sent: string | null;
};

export function parseMercadoLibreNotification(body: unknown): MercadoLibreNotification | { ok: false; message: string } {
  try {
    const n = object(body, "the notification");
    const topic = text(n.topic, "topic");
    const resource = text(n.resource, "resource");
    if (n.sent !== undefined && n.sent !== null && typeof n.sent !== "string") throw invalid(`sent must be a string, got ${JSON.stringify(n.sent)}`);
    // Stored as a timestamp: anything but a real ISO-8601 instant would fail the write (a 503 ML retries).
    const sent = typeof n.sent === "string" ? isoTimeToUtc(n.sent) : null;
    if (typeof n.sent === "string" && sent === null) throw invalid(`sent must be an ISO-8601 date-time with a zone, like 2019-10-30T16:19:20.129Z, got ${JSON.stringify(n.sent)}`);
    return {
      ok: true,
      id: notificationId(n, topic, resource),
      topic,
      resource,
      userId: exactId(n.user_id, "user_id"),
      applicationId: exactId(n.application_id, "application_id"),
      sent,
    };
  } catch (e) {
    if (e instanceof Rejection) return { ok: false, message: e.message };
    throw e;
  }
}

function notificationId(n: Record<string, unknown>, topic: string, resource: string): string {
  const id = n._id ?? n.id;
  if (id !== undefined && id !== null && (typeof id !== "string" || id.trim() === "")) throw invalid(`_id must be a non-empty string, got ${JSON.stringify(id)}`);
  if (typeof id === "string") return id;
  // ML's docs also spell it "recieved".
  const received = n.received ?? n.recieved;
  if (typeof received !== "string" || received.trim() === "") throw invalid("the notification has no _id and no received time to identify it by");
  return `${topic}|${resource}|${received}`;
}

/** A numeric id as its exact digits. A number beyond 2^53 was already rounded by whoever parsed it. */
function exactId(v: unknown, field: string): string {
  if (v === undefined || v === null) throw invalid(`${field} is missing`);
  if (typeof v === "number" && !Number.isSafeInteger(v)) throw invalid(`${field} ${v} is beyond 2^53 and was rounded: parse the body with parseProviderJson`);
  const s = idString(v);
  if (s === null || !/^\d{1,30}$/.test(s)) throw invalid(`${field} must be a numeric id, got ${JSON.stringify(v)}`);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Relay bodies { topic, resource, body }

interface Relay {
  topic: string;
  resource: string;
  body: Record<string, unknown>;
}

type Outcome = { events: CanonicalInput[]; note?: string };
type Handler = (relay: Relay, t: Translator) => Promise<Outcome>;

export async function translateMercadoLibreResource(delivery: Delivery, ctx: TranslateContext): Promise<Translation> {
  let topic: string;
  let envelope: Record<string, unknown>;
  try {
    envelope = object(delivery.body, "the relay body");
    topic = text(envelope.topic, "topic");
  } catch (e) {
    return rejectedTranslation(e, null);
  }
  const handler = handlerFor(topic);
  if (!handler) return { kind: "rejected", topic, code: "unknown_topic", message: `MercadoLibre topic "${topic}" is not translated (expected items, stock-locations or orders_v2)` };
  const channel = ctx.source.channel;
  if (!channel) {
    const message = `source "${ctx.source.code}" has no channel: MercadoLibre items and orders resolve through the listings of a channel`;
    return { kind: "rejected", topic, code: "source_has_no_channel", message };
  }
  try {
    const relay: Relay = { topic, resource: text(envelope.resource, "resource"), body: object(envelope.body, `the fetched ${topic} resource (body)`) };
    const { events, note } = await handler(relay, new Translator(ctx, channel, delivery));
    // Identity lives in the event ids (re-fetched resources), not in the relay's delivery.
    return note === undefined ? { kind: "events", topic, deliveryId: null, events } : { kind: "events", topic, deliveryId: null, events, note };
  } catch (e) {
    return rejectedTranslation(e, topic);
  }
}

function handlerFor(topic: string): Handler | null {
  if (topic === "items") return async (r, t) => translateItem(r, t);
  if (STOCK_TOPICS.has(topic)) return async (r, t) => translateStock(r, t);
  if (topic === "orders_v2") return async (r, t) => translateOrder(r, t);
  return null;
}

/** What every event of one delivery shares: the source, its channel, location mapping. */
class Translator {
  constructor(
    readonly ctx: TranslateContext,
    readonly channel: string,
    readonly delivery: Delivery,
  ) {}

  /** Resolved only when an event needs it, so a delivery that changes no stock is not rejected for a
   *  mapping it does not use. */
  location(key: string): string {
    return mappedLocation(this.ctx.source, key, "MercadoLibre");
  }

  /** The source follows stock per location (stock-locations) instead of the items' sum: it maps some
   *  key besides `default`, and ML location keys other than `default` are stock locations (§10). */
  tracksStockLocations(): boolean {
    return Object.keys(this.ctx.source.locations).some((key) => key !== DEFAULT_KEY);
  }

  event(fields: Omit<CanonicalInput, "source" | "sku" | "listing"> & { externalId: string }): CanonicalInput {
    const { externalId, ...rest } = fields;
    checkedEventId(rest.id);
    return { ...rest, source: this.ctx.source.code, sku: null, listing: { channel: this.channel, externalId } };
  }
}

// ---------------------------------------------------------------------------------------------
// items → `available` snapshots of available_quantity (§11), one per variation when there are any

function translateItem(relay: Relay, t: Translator): Outcome {
  const item = relay.body;
  const id = mlId(item.id, "item id");
  checkResource(relay, id);
  const where = `item ${id}`;
  const updated = time(item.last_updated, `${where}: last_updated`);
  const variations = item.variations === undefined || item.variations === null ? [] : array(item.variations, `${where}: variations`);
  const stocks =
    variations.length === 0
      ? [{ key: id, variationId: null, quantity: integer(item.available_quantity, `${where}: available_quantity`, 0) }]
      : variations.map((v, i) => readVariation(v, `${where}: variations[${i}]`, id));
  if (t.tracksStockLocations()) {
    return { events: [], note: `${where}: source "${t.ctx.source.code}" follows stock per location (stock-locations); available_quantity is their sum` };
  }
  const seen = new Set<string>();
  const events = stocks.map((s) => {
    if (seen.has(s.key)) throw invalid(`${where}: variation ${s.variationId} appears twice`);
    seen.add(s.key);
    return t.event({
      // last_updated + quantity: a re-fetched unchanged item maps to the same id.
      id: `item:${s.key}:${updated.ms}:${s.quantity}`,
      type: "snapshot",
      bucket: "available",
      externalId: s.key,
      location: t.location(DEFAULT_KEY),
      quantity: s.quantity,
      occurredAt: updated.iso,
      payload: { item: { id, variation_id: s.variationId, available_quantity: s.quantity, last_updated: item.last_updated, status: typeof item.status === "string" ? item.status : null } },
    });
  });
  return { events };
}

function readVariation(v: unknown, where: string, itemId: string): { key: string; variationId: string; quantity: number } {
  const variation = object(v, where);
  const variationId = mlId(variation.id, `${where}.id`);
  return { key: `${itemId}:${variationId}`, variationId, quantity: integer(variation.available_quantity, `${where}.available_quantity`, 0) };
}

// ---------------------------------------------------------------------------------------------
// stock-locations → one `available` snapshot per stock location of a user product

function translateStock(relay: Relay, t: Translator): Outcome {
  const stock = relay.body;
  const userProduct = mlId(stock.id, "user product id");
  checkResource(relay, userProduct);
  const where = `user product ${userProduct}`;
  const locations = array(stock.locations, `${where}: locations`);
  if (locations.length === 0) return { events: [], note: `${where}: no stock location listed` };
  const stamp = stockStamp(t.delivery, where);
  // The stock resource carries no time of its own: it is the state when the relay fetched it, just
  // before Onepool received it.
  const occurredAt = t.delivery.receivedAt.toISOString();
  const seen = new Set<string>();
  const events = locations.map((entry, i) => {
    const loc = object(entry, `${where}: locations[${i}]`);
    const key = stockLocationKey(loc, `${where}: locations[${i}]`);
    if (seen.has(key)) throw invalid(`${where}: stock location ${key} appears twice`);
    seen.add(key);
    const quantity = integer(loc.quantity, `${where}: locations[${i}].quantity`, 0);
    return t.event({
      id: `stock:${userProduct}:${key}:${quantity}:${stamp.token}`,
      type: "snapshot",
      bucket: "available",
      externalId: userProduct,
      location: t.location(key),
      quantity,
      occurredAt,
      ...(stamp.version ? { version: stamp.version } : {}),
      payload: { userProductId: userProduct, location: { type: loc.type, store_id: idString(loc.store_id), network_node_id: idString(loc.network_node_id), quantity }, version: stamp.version },
    });
  });
  return { events };
}

/** seller_warehouse → its store_id; meli_facility / selling_address (one of each per user product) →
 *  the type itself. */
function stockLocationKey(loc: Record<string, unknown>, where: string): string {
  const type = text(loc.type, `${where}.type`);
  if (type !== "seller_warehouse") return type;
  const store = idString(loc.store_id);
  if (store === null) throw invalid(`${where}: a seller_warehouse location must name its store_id`);
  return store;
}

/** What tells one stock state from another: the `x-version` ML returns with the stock resource (the
 *  relay forwards that header), else the relay message's Standard Webhooks `webhook-id`, which stays the
 *  same across the relay's retries. */
function stockStamp(delivery: Delivery, where: string): { token: string; version: string | null } {
  const version = delivery.headers["x-version"]?.trim();
  if (version) {
    if (!/^\d{1,18}$/.test(version)) throw invalid(`${where}: x-version must be an integer, got ${JSON.stringify(version)}`);
    return { token: `v${version}`, version };
  }
  const messageId = delivery.headers["webhook-id"]?.trim();
  if (messageId) return { token: `msg:${messageId}`, version: null };
  throw invalid(`${where}: neither an x-version nor a webhook-id header identifies this stock state`);
}

// ---------------------------------------------------------------------------------------------
// orders_v2 → order.placed / order.cancelled per order item. Shipments are a separate ML resource
// (topic shipments), not translated here: a placed line stays committed until something ships it.

interface Order {
  id: string;
  status: string;
  placedAt: Time;
  cancelledAt: Time;
  cancelDetail: Record<string, unknown> | null;
  lines: Line[];
}

interface Line {
  /** `<item>` or `<item>:<variation>`: the listing external id (§10). */
  key: string;
  itemId: string;
  variationId: string | null;
  quantity: number;
  /** The store the units came from, when the order names exactly one (multi-origin sellers). */
  storeId: string | null;
}

type Step = "placed" | "cancelled";

async function translateOrder(relay: Relay, t: Translator): Promise<Outcome> {
  const order = readOrder(relay.body);
  checkResource(relay, order.id);
  // Zero lines move nothing; they are named in the note.
  const skipped = order.lines.filter((line) => line.quantity === 0).map((line) => `item ${line.key}: quantity 0`);
  const lines = order.lines.filter((line) => line.quantity > 0);
  let events: CanonicalInput[];
  if (PLACING_STATUSES.has(order.status)) {
    // Re-sent placements are duplicates of the same id; no need to ask the ledger.
    events = lines.map((line) => lineEvent(t, order, line, "placed", t.location(line.storeId ?? DEFAULT_KEY), line.quantity, order.placedAt));
  } else if (order.status === CANCELLED_STATUS) {
    events = await cancelLines(t, order, lines, skipped);
  } else {
    return { events: [], note: `order ${order.id}: status ${order.status} changes no stock here (shipments are a separate resource)` };
  }
  if (skipped.length > 0) return { events, note: skipped.join("; ") };
  return events.length > 0 ? { events } : { events, note: `order ${order.id}: no item to change` };
}

/** Release what is committed: lines placed and not released yet, where and as much as they were placed. */
async function cancelLines(t: Translator, order: Order, lines: readonly Line[], skipped: string[]): Promise<CanonicalInput[]> {
  const ids = lines.flatMap((line) => [eventId(order, line, "placed"), eventId(order, line, "cancelled")]);
  const found = ids.length > 0 ? await t.ctx.findEvents(ids) : new Map<string, { location: string; quantity: number }>();
  const reason = cancelReason(order.cancelDetail);
  const events: CanonicalInput[] = [];
  for (const line of lines) {
    const placed = found.get(eventId(order, line, "placed"));
    if (!placed) skipped.push(`item ${line.key}: never placed, nothing committed`);
    else if (found.has(eventId(order, line, "cancelled"))) skipped.push(`item ${line.key}: already cancelled`);
    else events.push(lineEvent(t, order, line, "cancelled", placed.location, placed.quantity, order.cancelledAt, reason));
  }
  return events;
}

/** "payment" when ML's structured cancel detail (group / code) names payment; otherwise the buyer's or
 *  seller's cancellation, "customer". */
/**
 * ML documents no closed list for cancel_detail; its codes name the cause in words. A seller out of
 * stock is an oversell (it feeds the scorecard), a payment failure is payment, the rest the buyer's.
 */
function cancelReason(detail: Record<string, unknown> | null): string {
  const fields = [detail?.group, detail?.code, detail?.description].filter((v): v is string => typeof v === "string");
  if (fields.some((v) => /out_of_stock|out of stock|sin stock|no_stock|stock_out/i.test(v))) return "oversold";
  if (fields.some((v) => /payment/i.test(v))) return "payment";
  if (fields.some((v) => /address/i.test(v))) return "address";
  return "customer";
}

function eventId(order: Order, line: Line, step: Step): string {
  return `order:${order.id}:item:${line.key}:${step}`;
}

function lineEvent(t: Translator, order: Order, line: Line, step: Step, location: string, quantity: number, at: Time, reason?: string): CanonicalInput {
  return t.event({
    id: eventId(order, line, step),
    externalId: line.key,
    ...stepFields({ step, orderId: order.id, channel: t.channel, location, quantity, occurredAt: at.iso, reason }),
    payload: {
      order: { id: order.id, status: order.status, cancel_detail: order.cancelDetail },
      item: { id: line.itemId, variation_id: line.variationId, quantity: line.quantity, store_id: line.storeId },
    },
  });
}

function readOrder(body: Record<string, unknown>): Order {
  const id = numericId(body.id, "order id");
  const where = `order ${id}`;
  const created = time(body.date_created, `${where}: date_created`);
  const closed = nullableTime(body.date_closed, `${where}: date_closed`);
  const updated = nullableTime(body.last_updated ?? body.date_last_updated, `${where}: last_updated`);
  const cancelDetail = body.cancel_detail === undefined || body.cancel_detail === null ? null : object(body.cancel_detail, `${where}: cancel_detail`);
  const lines = array(body.order_items, `${where}: order_items`).map((v, i) => readLine(v, `${where}: order_items[${i}]`));
  requireUnique(lines, (line) => line.key, `${where}: item`);
  return {
    id,
    status: text(body.status, `${where}: status`),
    // Committed when ML took the units off the listing: date_closed, else (not confirmed yet) creation.
    placedAt: closed ?? created,
    cancelledAt: nullableTime(cancelDetail?.date, `${where}: cancel_detail.date`) ?? updated ?? closed ?? created,
    cancelDetail: cancelDetail ? { group: cancelDetail.group ?? null, code: cancelDetail.code ?? null, requested_by: cancelDetail.requested_by ?? null } : null,
    lines,
  };
}

function readLine(v: unknown, where: string): Line {
  const line = object(v, where);
  const item = object(line.item, `${where}.item`);
  const itemId = mlId(item.id, `${where}.item.id`);
  const variationId = item.variation_id === undefined || item.variation_id === null ? null : numericId(item.variation_id, `${where}.item.variation_id`);
  const stores = line.stock === undefined || line.stock === null ? [] : array(line.stock, `${where}.stock`).map((s, i) => idString(object(s, `${where}.stock[${i}]`).store_id));
  const distinct = [...new Set(stores.filter((s): s is string => s !== null))];
  return {
    key: variationId === null ? itemId : `${itemId}:${variationId}`,
    itemId,
    variationId,
    quantity: integer(line.quantity, `${where}.quantity`, 0),
    // Several stores for one line name no single location: it commits at default like any other.
    storeId: distinct.length === 1 ? distinct[0] : null,
  };
}

/** The relay fetched `resource`; its body must be that resource, or the ids would be someone else's. */
function checkResource(relay: Relay, id: string): void {
  if (!relay.resource.split(/[/?]/).includes(id)) throw invalid(`resource "${relay.resource}" does not name ${id}, the id of the body fetched for it`);
}

// ---------------------------------------------------------------------------------------------
// Field readers: each failure names the field, so the rejected log says what to fix.

/** An ML id (MLA123…, MLAU123…, or digits): a string that can sit inside an event id. */
function mlId(v: unknown, field: string): string {
  const s = idString(v);
  if (s === null) throw invalid(`${field} is missing`);
  if (!/^[A-Za-z0-9_-]{1,60}$/.test(s)) throw invalid(`${field} must be a MercadoLibre id, got ${JSON.stringify(v)}`);
  return s;
}

function numericId(v: unknown, field: string): string {
  const s = mlId(v, field);
  if (!/^\d+$/.test(s)) throw invalid(`${field} must be a numeric id, got ${JSON.stringify(v)}`);
  return s;
}

/** ML times carry an offset (-04:00, and -0400 in some samples); re-expressed in UTC with Z. Impossible
 *  calendar dates (2017-02-30) are refused, not rolled over. */
const time = (v: unknown, field: string): Time => zonedTime(v, field, "2024-11-01T09:35:43.000-04:00");
const nullableTime = (v: unknown, field: string): Time | null => optionalZonedTime(v, field, "2024-11-01T09:35:43.000-04:00");
