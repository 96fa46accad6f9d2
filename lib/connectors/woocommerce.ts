// WooCommerce webhook translator (docs/QUANTITY-MODEL.md §4, docs/CONNECTORS.md). Pure: a verified delivery in, canonical events out.
// Woo delivers the REST API v3 resource JSON of the product or order that changed; the topic comes
// from the X-WC-Webhook-Topic header. Event ids derive from Woo's own identity (product id + modified
// time + stock, order id + line id + step), never from the delivery: every delivery has a new
// delivery id, and a redelivered or re-sent resource must map to the same ids so the ledger dedupes it.

import { parseIsoTime } from "../events/parse-iso-time";
import { MAX_QUANTITY, integer, invalid, mappedLocation, object, rejectedTranslation } from "./field-readers";
import { idString } from "./provider-json";
import type { CanonicalInput, Delivery, TranslateContext, Translation } from "./types";
import { stepFields, stepHistory, type OrderStep, type StepHistory } from "./order-steps";

/** Topics a WooCommerce store may be set up to send that change no stock here: answer 2xx with no
 *  events, since Woo disables a webhook after 5 failed deliveries (docs/CONNECTORS.md). */
const UNUSED_TOPICS: ReadonlySet<string> = new Set(["product.created", "product.deleted", "product.restored", "order.deleted", "order.restored"]);

/** WooCommerce names no stock location: everything happens at the source's `default` location. */
const LOCATION_KEY = "default";

/** Statuses in which a new order holds stock (Woo reduces or holds stock for them). */
const RESERVING_STATUSES: ReadonlySet<string> = new Set(["pending", "processing", "on-hold"]);
/** Cancel reason by the order status that releases the lines. `refunded` releases what was not shipped (§11). */
const RELEASING_STATUSES: Readonly<Record<string, "customer" | "payment">> = { cancelled: "customer", failed: "payment", refunded: "customer" };

type Outcome = { events: CanonicalInput[]; note?: string };
type Handler = (body: unknown, t: Translator) => Promise<Outcome>;

const HANDLERS: Readonly<Record<string, Handler>> = {
  "product.updated": async (body, t) => translateProduct(body, t),
  "order.created": translateOrderCreated,
  "order.updated": translateOrderUpdated,
};

export async function translateWooCommerce(delivery: Delivery, ctx: TranslateContext): Promise<Translation> {
  const topic = header(delivery, "x-wc-webhook-topic");
  const deliveryId = header(delivery, "x-wc-webhook-delivery-id");
  if (!topic) return { kind: "rejected", topic: null, code: "missing_topic", message: "the X-WC-Webhook-Topic header is missing" };
  if (UNUSED_TOPICS.has(topic)) return { kind: "events", topic, deliveryId, events: [], note: `topic ${topic} is not used` };

  const handler = HANDLERS[topic];
  if (!handler) return { kind: "rejected", topic, code: "unknown_topic", message: `WooCommerce topic "${topic}" is not translated (expected product.updated, order.created or order.updated)` };
  const channel = ctx.source.channel;
  if (!channel) {
    const message = `source "${ctx.source.code}" has no channel: WooCommerce products and order lines resolve through the listings of a channel`;
    return { kind: "rejected", topic, code: "source_has_no_channel", message };
  }

  try {
    const { events, note } = await handler(delivery.body, new Translator(ctx, channel));
    return note === undefined ? { kind: "events", topic, deliveryId, events } : { kind: "events", topic, deliveryId, events, note };
  } catch (e) {
    return rejectedTranslation(e, topic);
  }
}

/** What every event of one delivery shares: the source, its channel, and the lazily mapped location. */
class Translator {
  constructor(
    readonly ctx: TranslateContext,
    readonly channel: string,
  ) {}

  /** Resolved only when something is placed or snapshotted, so a delivery that changes no stock is not
   *  rejected for a mapping it does not need. Lines already placed reuse the location they committed at. */
  location(): string {
    return mappedLocation(this.ctx.source, LOCATION_KEY, "WooCommerce");
  }

  listing(externalId: string) {
    return { channel: this.channel, externalId };
  }
}

// ---------------------------------------------------------------------------------------------
// product.updated → one `available` snapshot (§11: stock_quantity already nets out open orders)

function translateProduct(body: unknown, t: Translator): Outcome {
  const p = object(body, "product");
  const id = positiveId(p.id, "id");
  // A variation is its own listing: Woo sends it with its own id (type "variation", parent_id set).
  if (typeof p.manage_stock !== "boolean") throw invalid(`product ${id}: manage_stock must be true or false, got ${JSON.stringify(p.manage_stock)}`);
  // Unmanaged stock has no count to report (Woo sends stock_quantity null then).
  if (!p.manage_stock || p.stock_quantity === null) return { events: [], note: `product ${id}: stock not managed` };
  const stock = integer(p.stock_quantity, `product ${id}: stock_quantity`, -MAX_QUANTITY);
  const modified = gmtTime(p.date_modified_gmt, `product ${id}: date_modified_gmt`);
  // Backorders drive Woo's stock below 0; an available snapshot is never negative.
  const quantity = Math.max(0, stock);
  const event: CanonicalInput = {
    // Modified time + stock: a re-sent unchanged product maps to the same id, and two saves within one
    // second (Woo times have 1 s resolution) that differ in stock still get distinct ids.
    id: `product:${id}:${modified.ms}:${stock}`,
    source: t.ctx.source.code,
    type: "snapshot",
    bucket: "available",
    sku: null,
    listing: t.listing(id),
    location: t.location(),
    quantity,
    occurredAt: modified.iso,
    payload: {
      product: {
        id,
        parent_id: idString(p.parent_id),
        type: typeof p.type === "string" ? p.type : null,
        sku: typeof p.sku === "string" ? p.sku : null,
        stock_quantity: stock,
        date_modified_gmt: p.date_modified_gmt,
      },
      ...(stock < 0 ? { clampedFrom: stock } : {}),
    },
  };
  return stock < 0 ? { events: [event], note: `product ${id}: negative stock_quantity ${stock} sent as 0` } : { events: [event] };
}

// ---------------------------------------------------------------------------------------------
// Orders

interface WooLine {
  id: string;
  /** variation_id when non-zero, else product_id; null: the line names no product (nothing to commit). */
  externalId: string | null;
  quantity: number;
  summary: Record<string, unknown>;
}

/** A line that can move stock: it names a product and has a quantity. */
type StockLine = WooLine & { externalId: string };

interface WooOrder {
  id: string;
  number: string | null;
  status: string;
  lines: WooLine[];
}

async function translateOrderCreated(body: unknown, t: Translator): Promise<Outcome> {
  const order = readOrder(body);
  const at = gmtTime(object(body, "order").date_created_gmt, `order ${order.id}: date_created_gmt`);
  const completed = order.status === "completed";
  if (!RESERVING_STATUSES.has(order.status) && !completed) {
    return { events: [], note: `order ${order.id} created with status "${order.status}", which holds no stock` };
  }
  const { lines, skipped } = stockLines(order);
  const events: CanonicalInput[] = [];
  for (const line of lines) {
    const location = t.location();
    events.push(lineEvent(t, order, line, "placed", location, line.quantity, at.iso));
    // Woo has no shipment of its own: an order created already completed was handed over at once.
    if (completed) events.push(lineEvent(t, order, line, "shipped", location, line.quantity, at.iso));
  }
  return outcome(events, skipped, `order ${order.id}: no line to place`);
}

/** order.updated carries the whole order again on every save; the step a line is at is decided from the
 *  status plus what the ledger already holds for the line (dedupe on (order id, status), §11). */
async function translateOrderUpdated(body: unknown, t: Translator): Promise<Outcome> {
  const order = readOrder(body);
  const at = gmtTime(object(body, "order").date_modified_gmt, `order ${order.id}: date_modified_gmt`);
  const reason = RELEASING_STATUSES[order.status];
  const ships = order.status === "completed";
  if (!reason && !ships && !RESERVING_STATUSES.has(order.status)) {
    return { events: [], note: `order ${order.id}: status "${order.status}" changes no stock` };
  }
  const { lines, skipped } = stockLines(order);
  const history = await lineHistory(t, order, lines);
  const events: CanonicalInput[] = [];
  for (const line of lines) {
    const h = history.get(line.id)!;
    const step = reason ? releaseLine(t, order, line, h, reason, at.iso) : ships ? shipLine(t, order, line, h, at.iso) : placeLine(t, order, line, h, at.iso);
    if (typeof step === "string") skipped.push(`line ${line.id}: ${step}`);
    else events.push(...step);
  }
  return outcome(events, skipped, `order ${order.id}: no line to change`);
}

/** cancelled / failed / refunded: release what is committed — placed, not shipped, not released yet. */
function releaseLine(t: Translator, order: WooOrder, line: StockLine, h: StepHistory, reason: string, at: string): CanonicalInput[] | string {
  if (!h.placed) return "never placed";
  if (h.shipped) return "already shipped";
  if (h.cancelled) return "already cancelled";
  return [lineEvent(t, order, line, "cancelled", h.placed.location, h.placed.quantity, at, reason)];
}

/** completed = fulfilled. Ship what was committed; a line never seen placed is placed first with the same
 *  id order.created would have used, so committed never goes below 0. */
function shipLine(t: Translator, order: WooOrder, line: StockLine, h: StepHistory, at: string): CanonicalInput[] | string {
  if (h.shipped) return "already shipped";
  // Its commitment was already released; shipping now would drive committed negative. A re-opened
  // cancelled order is not followed (the next stock snapshot corrects on_hand).
  if (h.cancelled) return "cancelled earlier, not shipped";
  if (h.placed) return [lineEvent(t, order, line, "shipped", h.placed.location, h.placed.quantity, at)];
  const location = t.location();
  return [lineEvent(t, order, line, "placed", location, line.quantity, at), lineEvent(t, order, line, "shipped", location, line.quantity, at)];
}

/** pending / processing / on-hold: place lines not placed yet (the order predates Onepool, or was created
 *  in a status that held no stock). */
function placeLine(t: Translator, order: WooOrder, line: StockLine, h: StepHistory, at: string): CanonicalInput[] | string {
  if (h.placed) return "already placed";
  return [lineEvent(t, order, line, "placed", t.location(), line.quantity, at)];
}

const lineHistory = (t: Translator, order: WooOrder, lines: readonly StockLine[]) => stepHistory(t.ctx, lines, (line, step) => eventId(order, line, step));

function eventId(order: WooOrder, line: WooLine, step: OrderStep): string {
  return `order:${order.id}:line:${line.id}:${step}`;
}

function lineEvent(t: Translator, order: WooOrder, line: StockLine, step: OrderStep, location: string, quantity: number, occurredAt: string, reason?: string): CanonicalInput {
  return {
    id: eventId(order, line, step),
    source: t.ctx.source.code,
    sku: null,
    listing: t.listing(line.externalId),
    ...stepFields({ step, orderId: order.id, channel: t.channel, location, quantity, occurredAt, reason }),
    payload: { order: { id: order.id, number: order.number, status: order.status }, line: line.summary },
  };
}

/** Lines that can move stock; the others are named in the note. */
function stockLines(order: WooOrder): { lines: StockLine[]; skipped: string[] } {
  const lines: StockLine[] = [];
  const skipped: string[] = [];
  for (const line of order.lines) {
    if (line.quantity === 0) skipped.push(`line ${line.id}: quantity 0`);
    else if (line.externalId === null) skipped.push(`line ${line.id}: no product`);
    else lines.push({ ...line, externalId: line.externalId });
  }
  return { lines, skipped };
}

function outcome(events: CanonicalInput[], skipped: string[], whenEmpty: string): Outcome {
  if (skipped.length > 0) return { events, note: skipped.join("; ") };
  return events.length > 0 ? { events } : { events, note: whenEmpty };
}

function readOrder(body: unknown): WooOrder {
  const o = object(body, "order");
  const id = positiveId(o.id, "id");
  if (typeof o.status !== "string" || o.status === "") throw invalid(`order ${id}: status must be a non-empty string`);
  if (!Array.isArray(o.line_items)) throw invalid(`order ${id}: line_items must be an array`);
  const lines = o.line_items.map((item, i) => readLine(item, `order ${id}: line_items[${i}]`));
  const seen = new Set<string>();
  for (const line of lines) {
    if (seen.has(line.id)) throw invalid(`order ${id}: line item id ${line.id} appears twice`);
    seen.add(line.id);
  }
  return { id, number: typeof o.number === "string" ? o.number : idString(o.number), status: o.status, lines };
}

function readLine(item: unknown, where: string): WooLine {
  const l = object(item, where);
  const id = positiveId(l.id, `${where}.id`);
  const productId = nonNegativeId(l.product_id, `${where}.product_id`);
  // Absent variation_id = not a variation (the field is optional on create).
  const variationId = l.variation_id === undefined || l.variation_id === null ? "0" : nonNegativeId(l.variation_id, `${where}.variation_id`);
  const quantity = integer(l.quantity, `${where}.quantity`, 0);
  const externalId = variationId !== "0" ? variationId : productId !== "0" ? productId : null;
  const summary = {
    id,
    product_id: productId,
    variation_id: variationId,
    quantity,
    sku: typeof l.sku === "string" ? l.sku : null,
    name: typeof l.name === "string" ? l.name : null,
  };
  return { id, externalId, quantity, summary };
}

// ---------------------------------------------------------------------------------------------
// Field readers: each failure names the field, so the rejected log says what to fix.

function header(delivery: Delivery, name: string): string | null {
  const v = delivery.headers[name];
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
}

/** Woo ids are integers; read them as digit strings (idString never rounds). */
function nonNegativeId(v: unknown, field: string): string {
  const s = idString(v);
  if (s === null) throw invalid(`${field} is missing`);
  if (!/^(0|[1-9]\d*)$/.test(s) || s.length > 30) throw invalid(`${field} must be a non-negative integer id, got ${JSON.stringify(v)}`);
  return s;
}

function positiveId(v: unknown, field: string): string {
  const s = nonNegativeId(v, field);
  if (s === "0") throw invalid(`${field} must be a positive integer id, got 0`);
  return s;
}

/** `*_gmt` times are UTC without a zone designator (§11): append the Z, never the site's offset. */
function gmtTime(v: unknown, field: string): { iso: string; ms: number } {
  if (v === undefined || v === null) throw invalid(`${field} is missing`);
  const m = typeof v === "string" ? /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)Z?$/.exec(v) : null;
  // Impossible dates (2017-02-30) are refused, not rolled over.
  const ms = m ? parseIsoTime(m[1], { zone: "utc" }) : null;
  if (!m || ms === null) {
    throw invalid(`${field} must be a GMT date-time like 2017-03-22T19:28:02, got ${JSON.stringify(v)}`);
  }
  return { iso: `${m[1]}Z`, ms };
}
