// Shopify webhooks (REST-format JSON bodies) → canonical events (docs/QUANTITY-MODEL.md §4, docs/CONNECTORS.md).
//
// Pure: everything from the ledger comes through `ctx`. Event ids are built from Shopify's own ids
// (order/line/refund/fulfillment/inventory level), never from the delivery, so a redelivery, a retry
// with a new X-Shopify-Webhook-Id or a re-sent object maps to the same canonical ids and is deduped.
// Ids are read with `idString` from a big-int-safe parse: Shopify ids exceed 2^53.

import { isoTimeToUtc } from "../events/parse-iso-time";
import { Rejection, invalid, rejectedTranslation } from "./field-readers";
import { idString } from "./provider-json";
import type { CanonicalInput, Delivery, TranslateContext, Translation } from "./types";

type Json = Record<string, unknown>;

/** What a topic handler gets: the validated body plus what every handler needs. */
interface Input {
  body: Json;
  ctx: TranslateContext;
  channel: string;
  /** X-Shopify-Triggered-At as ISO UTC, when present and well-formed. */
  triggeredAt: string | null;
}

interface Output {
  events: CanonicalInput[];
  note?: string;
}

const HANDLERS: Readonly<Record<string, (i: Input) => Promise<Output>>> = {
  "inventory_levels/update": inventoryLevelUpdated,
  "orders/create": orderCreated,
  "orders/cancelled": orderCancelled,
  "refunds/create": refundCreated,
  "fulfillments/create": fulfillmentCreated,
  // A fulfillment created pending/open turns "success" through an update; same ids, so a
  // fulfillment seen both ways ships once.
  "fulfillments/update": fulfillmentCreated,
};

export async function translateShopify(delivery: Delivery, ctx: TranslateContext): Promise<Translation> {
  const h = delivery.headers;
  const topic = h["x-shopify-topic"]?.trim() || null;
  if (!topic) return { kind: "rejected", topic: null, code: "unknown_topic", message: "the X-Shopify-Topic header is missing" };
  const handler = Object.hasOwn(HANDLERS, topic) ? HANDLERS[topic] : undefined;
  if (!handler) {
    return { kind: "rejected", topic, code: "unknown_topic", message: `Shopify topic "${topic}" is not translated (translated: ${Object.keys(HANDLERS).join(", ")})` };
  }
  const channel = ctx.source.channel;
  if (!channel) {
    return {
      kind: "rejected",
      topic,
      code: "source_has_no_channel",
      message: `source "${ctx.source.code}" has no channel, but Shopify products and orders resolve through channel listings`,
    };
  }
  // X-Shopify-Event-Id is shared by every delivery of one merchant action; the webhook id is per delivery.
  const deliveryId = h["x-shopify-event-id"] || h["x-shopify-webhook-id"] || null;
  try {
    const body = object(delivery.body, "body");
    const mismatch = topicMismatch(topic, body);
    if (mismatch) return { kind: "rejected", topic, code: "topic_mismatch", message: `X-Shopify-Topic says ${topic}, but ${mismatch}` };
    const out = await handler({ body, ctx, channel, triggeredAt: triggeredAt(h) });
    return { kind: "events", topic, deliveryId, events: out.events, ...(out.note ? { note: out.note } : {}) };
  } catch (e) {
    return rejectedTranslation(e, topic);
  }
}

/**
 * X-Shopify-Topic is not covered by the HMAC (review finding 18): whoever holds one genuine signed
 * body could send it again under another topic, e.g. an orders/create body as orders/cancelled to
 * release committed units. The body must show what the topic claims: what only that kind of object
 * carries. Null when it does.
 */
export function topicMismatch(topic: string, body: Json): string | null {
  const expected = TOPIC_OBJECT[topic];
  if (!expected) return null;
  const found = objectKind(body);
  if (found && found !== expected) return `the body is ${KIND_NAME[found]}, not ${KIND_NAME[expected]}`;
  // Only a cancelled order has cancelled_at: the signed body, not the header, says it was cancelled.
  if (topic === "orders/cancelled" && parseTime(body.cancelled_at) === null) return "the order's cancelled_at is not set: it was not cancelled";
  return null;
}

type ObjectKind = "Order" | "Refund" | "Fulfillment" | "InventoryLevel";
const KIND_NAME: Readonly<Record<ObjectKind, string>> = { Order: "an order", Refund: "a refund", Fulfillment: "a fulfillment", InventoryLevel: "an inventory level" };
const TOPIC_OBJECT: Readonly<Record<string, ObjectKind>> = {
  "orders/create": "Order",
  "orders/cancelled": "Order",
  "refunds/create": "Refund",
  "fulfillments/create": "Fulfillment",
  "fulfillments/update": "Fulfillment",
  "inventory_levels/update": "InventoryLevel",
};

/** What a body is: its admin_graphql_api_id's type, else what only that object carries; null when it cannot tell. */
function objectKind(body: Json): ObjectKind | null {
  const gid = typeof body.admin_graphql_api_id === "string" ? /^gid:\/\/shopify\/([A-Za-z]+)\//.exec(body.admin_graphql_api_id)?.[1] : undefined;
  if (gid) return (Object.values(TOPIC_OBJECT) as string[]).includes(gid) ? (gid as ObjectKind) : null;
  if (Array.isArray(body.refund_line_items)) return "Refund";
  if (body.inventory_item_id !== undefined) return "InventoryLevel";
  if (Array.isArray(body.line_items)) return body.order_id !== undefined ? "Fulfillment" : "Order";
  return null;
}

// ---------------------------------------------------------------------------------------------
// Topics

/** One `available` snapshot: Shopify's available already nets out open orders (docs/CONNECTORS.md). */
async function inventoryLevelUpdated(i: Input): Promise<Output> {
  const itemId = id(i.body.inventory_item_id, "inventory_item_id");
  const locationKey = id(i.body.location_id, "location_id");
  const updatedAt = time(i.body.updated_at, "updated_at");
  if (!("available" in i.body)) throw invalid("available: missing");
  // null: the item is not tracked at this location, so Shopify has no number to report.
  if (i.body.available === null) return { events: [], note: "available is null: the inventory item is not tracked at this location" };
  const available = integer(i.body.available, "available");
  const event: CanonicalInput = {
    // updated_at has whole seconds: two different levels in one second must not collapse into one
    // id (the second would be dropped as a duplicate), while a redelivery still maps to the same id.
    id: `inventory_level:${itemId}:${locationKey}:${Date.parse(updatedAt)}:${available}`,
    source: i.ctx.source.code,
    type: "snapshot",
    bucket: "available",
    sku: null,
    listing: { channel: i.channel, externalId: itemId },
    location: mapLocation(i.ctx, locationKey),
    // Shopify lets available go negative when it oversells; a snapshot is a count, so it floors at 0.
    quantity: Math.max(0, available),
    occurredAt: updatedAt,
    payload: {
      inventory_item_id: itemId,
      location_id: locationKey,
      available,
      updated_at: i.body.updated_at,
      ...(available < 0 ? { clamped_to_zero: true } : {}),
    },
  };
  return { events: [event] };
}

/** order.placed per stock line, committed at the order's location (POS) or the source's default. */
async function orderCreated(i: Input): Promise<Output> {
  const order = readOrder(i.body);
  const stock = stockLines(order.lines);
  if (stock.length === 0) return { events: [], note: noStockNote("order", order.lines) };
  const occurredAt = i.triggeredAt ?? time(i.body.created_at, "created_at");
  const location = mapLocation(i.ctx, order.locationKey);
  const events = stock.map((line) =>
    lineEvent(i, line, {
      id: placedId(order.id, line.id),
      type: "order.placed",
      location,
      quantity: line.quantity,
      occurredAt,
      orderId: order.id,
      payload: { order_id: order.id, order_name: order.name, line_item: summary(line) },
    }),
  );
  return { events };
}

/**
 * order.cancelled per stock line for what is still committed: the line's quantity minus what the
 * order's successful fulfillments already shipped (that part left committed with order.shipped).
 * Released where the line was placed, as the ledger recorded it.
 */
async function orderCancelled(i: Input): Promise<Output> {
  const order = readOrder(i.body);
  const shipped = shippedByLine(i.body.fulfillments);
  const stock = stockLines(order.lines);
  if (stock.length === 0) return { events: [], note: noStockNote("order", order.lines) };
  const open = stock.map((line) => ({ line, remaining: line.quantity - (shipped.get(line.id) ?? 0) })).filter((x) => x.remaining > 0);
  if (open.length === 0) return { events: [], note: "every stock line was already shipped in full: nothing left committed to release" };
  // The signed cancelled_at, never the unsigned X-Shopify-Triggered-At: a cancellation's time is its own.
  const occurredAt = time(i.body.cancelled_at, "cancelled_at");
  const reason = cancelReason(i.body.cancel_reason);
  const placed = await i.ctx.findEvents(open.map((x) => placedId(order.id, x.line.id)));
  // Only what Onepool saw committed can be released: an order placed before this source was
  // connected never raised committed, and releasing it would push committed below zero.
  const known = open.flatMap((x) => {
    const p = placed.get(placedId(order.id, x.line.id));
    return p ? [{ ...x, at: p.location, quantity: Math.min(x.remaining, p.quantity) }] : [];
  });
  const unknown = open.filter((x) => !placed.has(placedId(order.id, x.line.id))).map((x) => x.line.id);
  const note = unknown.length ? `line(s) ${unknown.join(", ")} were never seen placed: nothing to release for them` : undefined;
  const events = known.map(({ line, at, quantity }) =>
    lineEvent(i, line, {
      id: `order:${order.id}:line:${line.id}:cancelled`,
      type: "order.cancelled",
      location: at,
      quantity,
      occurredAt,
      orderId: order.id,
      reason,
      payload: {
        order_id: order.id,
        order_name: order.name,
        cancel_reason: i.body.cancel_reason ?? null,
        shipped_quantity: shipped.get(line.id) ?? 0,
        line_item: summary(line),
      },
    }),
  );
  if (note) return { events, note };
  return { events };
}

/**
 * Only restock_type "return" puts units back: Shopify restocks them straight to available, so the
 * return is received and inspected resellable at once (docs/CONNECTORS.md).
 * - "cancel": restocking an unfulfilled line is part of a cancellation, released by orders/cancelled.
 * - "no_restock": no stock moves.
 * - "legacy_restock": deprecated and refused for new refunds; it does not say whether the units were
 *   shipped (return) or not (cancel), and guessing "return" would double count a cancelled line, so
 *   it changes nothing here and the next inventory_levels/update snapshot reconciles available.
 */
async function refundCreated(i: Input): Promise<Output> {
  const refundId = id(i.body.id, "id");
  const orderId = optionalId(i.body.order_id, "order_id");
  const skipped: string[] = [];
  const returns: { rliId: string; quantity: number; locationKey: string | null; line: StockLine }[] = [];
  array(i.body.refund_line_items, "refund_line_items").forEach((v, n) => {
    const path = `refund_line_items[${n}]`;
    const rli = object(v, path);
    const rliId = id(rli.id, `${path}.id`);
    const quantity = count(rli.quantity, `${path}.quantity`);
    const restock = RESTOCK_TYPES.find((t) => t === rli.restock_type);
    if (!restock) throw invalid(`${path}.restock_type: expected one of ${RESTOCK_TYPES.join(", ")}, got ${show(rli.restock_type)}`);
    if (restock !== "return") return void skipped.push(restock);
    const line = readLine(rli.line_item, `${path}.line_item`);
    const variantId = line.variantId;
    if (!variantId) return void skipped.push("return of a custom item");
    if (quantity === 0) return void skipped.push("return of quantity 0");
    returns.push({ rliId, quantity, locationKey: optionalId(rli.location_id, `${path}.location_id`), line: { ...line, variantId } });
  });
  if (returns.length === 0) return { events: [], note: `no refund line restocks stock (${tally(skipped)})` };
  const occurredAt = i.triggeredAt ?? time(i.body.created_at, "created_at");
  const events = returns.flatMap(({ rliId, quantity, locationKey, line }) => {
    const common = {
      location: mapLocation(i.ctx, locationKey),
      quantity,
      occurredAt,
      orderId,
      payload: {
        refund_id: refundId,
        order_id: orderId,
        refund_line_item: { id: rliId, quantity, restock_type: "return", location_id: locationKey },
        line_item: summary(line),
      },
    };
    return [
      lineEvent(i, line, { ...common, id: `refund:${refundId}:line:${rliId}:received`, type: "return.received" }),
      lineEvent(i, line, { ...common, id: `refund:${refundId}:line:${rliId}:inspected`, type: "return.inspected", condition: "resellable" }),
    ];
  });
  return { events };
}

/**
 * order.shipped per stock line at the fulfillment's location. Canonical events are single-location,
 * so a line committed elsewhere is first moved there with order.reallocated (docs/CONNECTORS.md).
 */
async function fulfillmentCreated(i: Input): Promise<Output> {
  const fulfillmentId = id(i.body.id, "id");
  const orderId = id(i.body.order_id, "order_id");
  const status = i.body.status ?? null;
  if (status !== null && typeof status !== "string") throw invalid(`status: expected a string, got ${show(status)}`);
  // Only a successful fulfillment has left the building; pending/open/cancelled/error/failure have not.
  if (status !== null && status !== "success") return { events: [], note: `fulfillment status "${status}": nothing shipped` };
  const lines = array(i.body.line_items, "line_items").map((v, n) => readLine(v, `line_items[${n}]`));
  const stock = stockLines(lines);
  if (stock.length === 0) return { events: [], note: noStockNote("fulfillment", lines) };
  const occurredAt = i.triggeredAt ?? time(i.body.created_at, "created_at");
  const locationKey = optionalId(i.body.location_id, "location_id");
  const shipFrom = mapLocation(i.ctx, locationKey);
  const placed = await i.ctx.findEvents(stock.map((line) => placedId(orderId, line.id)));
  const events = stock.flatMap((line) => {
    const known = placed.get(placedId(orderId, line.id));
    const common = {
      quantity: line.quantity,
      occurredAt,
      orderId,
      payload: { fulfillment_id: fulfillmentId, order_id: orderId, name: i.body.name ?? null, location_id: locationKey, line_item: summary(line) },
    };
    const shippedEvent = lineEvent(i, line, { ...common, id: `fulfillment:${fulfillmentId}:line:${line.id}:shipped`, type: "order.shipped", location: shipFrom });
    if (!known) {
      // Never seen placed (placed before the source was connected, or orders/create not here yet):
      // commit it where it ships, under the id orders/create would use, so shipping cannot push
      // committed below zero and a late orders/create for the line is a duplicate.
      const placedHere = lineEvent(i, line, { ...common, id: placedId(orderId, line.id), type: "order.placed", location: shipFrom });
      return [placedHere, shippedEvent];
    }
    if (known.location === shipFrom) return [shippedEvent];
    const moved = lineEvent(i, line, {
      ...common,
      id: `fulfillment:${fulfillmentId}:line:${line.id}:reallocated`,
      type: "order.reallocated",
      location: known.location,
      toLocation: shipFrom,
    });
    return [moved, shippedEvent];
  });
  return { events };
}

// ---------------------------------------------------------------------------------------------
// Shopify shapes

interface Line {
  id: string;
  /** null: a custom item, which has no product and so no stock. */
  variantId: string | null;
  quantity: number;
  sku: string | null;
  title: string | null;
}

/** A line with a variant and units: what stock events are made of. */
type StockLine = Line & { variantId: string };

interface Order {
  id: string;
  name: string | null;
  /** Shopify location_id (POS orders); null for online orders, which commit at "default". */
  locationKey: string | null;
  lines: Line[];
}

const RESTOCK_TYPES = ["return", "cancel", "no_restock", "legacy_restock"] as const;

/** Shopify cancel_reason → canonical reason; anything else (staff, null, new values) → other. */
const CANCEL_REASONS: Readonly<Record<string, string>> = {
  customer: "customer",
  fraud: "other",
  inventory: "oversold",
  declined: "payment",
  other: "other",
};

function readOrder(body: Json): Order {
  return {
    id: id(body.id, "id"),
    name: typeof body.name === "string" ? body.name : null,
    locationKey: optionalId(body.location_id, "location_id"),
    lines: array(body.line_items, "line_items").map((v, n) => readLine(v, `line_items[${n}]`)),
  };
}

function readLine(v: unknown, path: string): Line {
  const line = object(v, path);
  return {
    id: id(line.id, `${path}.id`),
    variantId: optionalId(line.variant_id, `${path}.variant_id`),
    quantity: count(line.quantity, `${path}.quantity`),
    sku: typeof line.sku === "string" ? line.sku : null,
    title: typeof line.title === "string" ? line.title : null,
  };
}

function stockLines(lines: Line[]): StockLine[] {
  return lines.filter((l): l is StockLine => l.variantId !== null && l.quantity > 0);
}

/** Units already shipped per order line, from the order's successful fulfillments. */
function shippedByLine(v: unknown): Map<string, number> {
  const shipped = new Map<string, number>();
  if (v === undefined || v === null) return shipped;
  array(v, "fulfillments").forEach((f, n) => {
    const fulfillment = object(f, `fulfillments[${n}]`);
    if (fulfillment.status !== "success") return;
    array(fulfillment.line_items, `fulfillments[${n}].line_items`).forEach((l, m) => {
      const line = readLine(l, `fulfillments[${n}].line_items[${m}]`);
      shipped.set(line.id, (shipped.get(line.id) ?? 0) + line.quantity);
    });
  });
  return shipped;
}

function cancelReason(v: unknown): string {
  return typeof v === "string" && Object.hasOwn(CANCEL_REASONS, v) ? CANCEL_REASONS[v] : "other";
}

function placedId(orderId: string, lineId: string): string {
  return `order:${orderId}:line:${lineId}:placed`;
}

/** A canonical event about one line: listing by variant id, on the source's channel. */
function lineEvent(i: Input, line: StockLine, e: Omit<CanonicalInput, "source" | "sku" | "listing" | "channel">): CanonicalInput {
  return { ...e, source: i.ctx.source.code, sku: null, listing: { channel: i.channel, externalId: line.variantId }, channel: i.channel };
}

/** The audit copy of a line: ids as exact strings, no prices or personal data. */
function summary(line: Line) {
  return { id: line.id, variant_id: line.variantId, sku: line.sku, title: line.title, quantity: line.quantity };
}

/** Provider location key → Onepool location; an event that names no location uses "default". */
function mapLocation(ctx: TranslateContext, providerKey: string | null): string {
  const key = providerKey ?? "default";
  const code = Object.hasOwn(ctx.source.locations, key) ? ctx.source.locations[key] : undefined;
  if (!code) {
    throw new Rejection("unmapped_location", `Shopify location "${key}" has no mapping in source "${ctx.source.code}" (add "${key}" to the source's locations)`);
  }
  return code;
}

function noStockNote(what: string, lines: Line[]): string {
  const custom = lines.filter((l) => l.variantId === null).length;
  const zero = lines.filter((l) => l.variantId !== null && l.quantity === 0).length;
  return `no ${what} line moves stock (${lines.length} line(s): ${custom} custom item(s) without variant_id, ${zero} with quantity 0)`;
}

function tally(items: string[]): string {
  const counts = new Map<string, number>();
  for (const s of items) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n} × ${s}`).join(", ") || "no refund lines";
}

// ---------------------------------------------------------------------------------------------
// Field readers: each failure names the field, so the rejected log says exactly what was wrong.

function show(v: unknown): string {
  return v === undefined ? "nothing" : (JSON.stringify(v) ?? String(v));
}

function object(v: unknown, path: string): Json {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw invalid(`${path}: expected an object, got ${show(v)}`);
  return v as Json;
}

function array(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw invalid(`${path}: expected an array, got ${show(v)}`);
  return v;
}

/** A Shopify REST id: an integer, possibly beyond 2^53 (then the parser kept it as a digit string). */
function id(v: unknown, path: string): string {
  const s = typeof v === "number" || typeof v === "string" ? idString(v) : null;
  if (s === null || !/^\d{1,30}$/.test(s)) throw invalid(`${path}: expected an integer id, got ${show(v)}`);
  return s;
}

function optionalId(v: unknown, path: string): string | null {
  return v === null || v === undefined ? null : id(v, path);
}

function integer(v: unknown, path: string): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v)) throw invalid(`${path}: expected an integer, got ${show(v)}`);
  return v;
}

function count(v: unknown, path: string): number {
  const n = integer(v, path);
  if (n < 0) throw invalid(`${path}: expected a quantity ≥ 0, got ${n}`);
  return n;
}

/** ISO-8601 with an explicit zone, as Shopify sends it ("2021-12-31T19:00:00-05:00"); 30 February is refused, not 2 March. */
function parseTime(v: unknown): string | null {
  return typeof v === "string" ? isoTimeToUtc(v) : null;
}

/** A body timestamp normalised to UTC with Z. */
function time(v: unknown, path: string): string {
  const t = parseTime(v);
  if (t === null) throw invalid(`${path}: expected an ISO-8601 time with a zone, got ${show(v)}`);
  return t;
}

/**
 * X-Shopify-Triggered-At is not covered by the HMAC and Shopify's retries keep it (docs/SECURITY.md), so it is
 * a time, never grounds to refuse: a malformed value falls back to the body's own timestamp.
 */
function triggeredAt(headers: Delivery["headers"]): string | null {
  return parseTime(headers["x-shopify-triggered-at"]?.trim());
}
