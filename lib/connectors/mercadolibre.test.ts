import { describe, expect, it } from "vitest";
import * as notificationItems from "@/tests/fixtures/providers/mercadolibre/notification-items";
import * as notificationOrders from "@/tests/fixtures/providers/mercadolibre/notification-orders-v2";
import * as notificationStock from "@/tests/fixtures/providers/mercadolibre/notification-stock-location";
import * as notificationSubtopics from "@/tests/fixtures/providers/mercadolibre/notification-vis-leads-subtopics";
import * as item from "@/tests/fixtures/providers/mercadolibre/relay-item";
import * as itemWithVariations from "@/tests/fixtures/providers/mercadolibre/relay-item-with-variations";
import * as orderCancelled from "@/tests/fixtures/providers/mercadolibre/relay-order-cancelled";
import * as orderPaid from "@/tests/fixtures/providers/mercadolibre/relay-order-paid";
import * as stock from "@/tests/fixtures/providers/mercadolibre/relay-stock-locations";
import { parseMercadoLibreNotification, translateMercadoLibreResource } from "./mercadolibre";
import { parseProviderJson } from "./provider-json";
import type { CanonicalInput, Delivery, SourceConfig, Translation } from "./types";
import { expectEvents, expectRejection, type KnownEvents, ledgerContext, testSource } from "@/tests/support/translator-harness";

const NOW = new Date("2026-11-22T10:00:00.000Z");
const RECEIVED = new Date("2026-11-22T09:59:58.250Z");

const SOURCE = testSource({
  code: "meli-br",
  provider: "mercadolibre",
  channel: "mercadolibre",
  locations: { default: "wh-main" },
  applicationId: "5503910054141466",
  userId: "468424240",
});
/** A multi-origin seller: stock followed per store (and Full), orders naming no store at default. */
const PER_LOCATION = { "9876543": "store-centro", "9876553": "store-norte", "54936888": "store-sp", meli_facility: "full-cajamar", selling_address: "wh-main", default: "wh-main" };

const context = (known: KnownEvents = {}, source: Partial<SourceConfig> = {}) => ledgerContext({ ...SOURCE, ...source }, known);

function delivery(body: string | unknown, headers: Record<string, string> = { "content-type": "application/json" }): Delivery {
  return { headers, body: typeof body === "string" ? parseProviderJson(body) : body, receivedAt: RECEIVED };
}

function json(text: string): Record<string, any> {
  return parseProviderJson(text) as Record<string, any>;
}

async function translate(body: string | unknown, opts: { known?: KnownEvents; source?: Partial<SourceConfig>; headers?: Record<string, string> } = {}): Promise<Translation> {
  return translateMercadoLibreResource(delivery(body, opts.headers), context(opts.known, opts.source).ctx);
}

const eventsOf = (tr: Translation): CanonicalInput[] => expectEvents(tr, NOW).events;
/** An available snapshot of a listing at a location, as items and stock-locations emit it. */
const snapshot = (id: string, externalId: string, location: string, quantity: number, occurredAt: string) => ({
  id,
  source: "meli-br",
  type: "snapshot",
  bucket: "available",
  sku: null,
  listing: { channel: "mercadolibre", externalId },
  location,
  quantity,
  occurredAt,
});
const rejection = expectRejection;

describe("parseMercadoLibreNotification", () => {
  it("reads the documented orders_v2 notification; ids come back as strings", () => {
    expect(parseMercadoLibreNotification(parseProviderJson(notificationOrders.body))).toEqual({
      ok: true,
      // No _id in this sample: identified by what stays the same across ML's retries.
      id: "orders_v2|/orders/2195160686|2019-10-30T16:19:20.106Z",
      topic: "orders_v2",
      resource: "/orders/2195160686",
      userId: "468424240",
      applicationId: "5503910054141466",
      sent: "2019-10-30T16:19:20.129Z",
    });
  });

  it.each([
    ["items notification, by its _id", notificationItems, { ok: true, id: "f9f08571-1f65-4c46-9e0a-c0f43faa1557e", topic: "items", userId: "123456789" }],
    [
      "stock-location notification",
      notificationStock,
      {
        ok: true,
        id: "495cac10-8496-45f8-a6f5-8bff0a948597",
        topic: "stock-location",
        resource: "/user-products/$USER_PRODUCT_ID/stock",
        applicationId: "213123389095511",
        sent: "2022-09-13T21:06:13.632Z",
      },
    ],
    ["sub-topic notification: its `id`, and an application_id beyond 2^53 exact", notificationSubtopics, { ok: true, id: "aaa123bbbbb", applicationId: "1111111111111111111", userId: "123456789" }],
  ])("reads the documented %s", (_, sample, want) => {
    expect(parseMercadoLibreNotification(parseProviderJson(sample.body))).toMatchObject(want);
  });

  it("refuses an id that a plain JSON.parse already rounded", () => {
    expect(parseMercadoLibreNotification(JSON.parse(notificationSubtopics.body))).toEqual({
      ok: false,
      message: "application_id 1111111111111111200 is beyond 2^53 and was rounded: parse the body with parseProviderJson",
    });
  });

  it("identifies a retried notification without _id the same way (received stays, sent and attempts change)", () => {
    const retry = json(notificationOrders.body);
    retry.attempts = 3;
    retry.sent = "2019-10-30T16:25:20.129Z";
    const first = parseMercadoLibreNotification(parseProviderJson(notificationOrders.body));
    expect(parseMercadoLibreNotification(retry)).toMatchObject({ ok: true, id: first.ok ? first.id : "?" });
  });

  it("accepts user_id sent as a string (ML's questions sample does)", () => {
    const n = json(notificationOrders.body);
    n.user_id = "468424240";
    expect(parseMercadoLibreNotification(n)).toMatchObject({ ok: true, userId: "468424240" });
  });

  it.each([
    ["user_id is missing", (n: any) => delete n.user_id, "user_id is missing"],
    ["application_id is not numeric", (n: any) => (n.application_id = "app-1"), 'application_id must be a numeric id, got "app-1"'],
    ["resource is missing", (n: any) => delete n.resource, "resource is missing"],
    [
      "sent is not a real time (it is stored as a timestamp)",
      (n: any) => (n.sent = "9999999999999999999"),
      'sent must be an ISO-8601 date-time with a zone, like 2019-10-30T16:19:20.129Z, got "9999999999999999999"',
    ],
    ["sent is 30 February", (n: any) => (n.sent = "2019-02-30T16:19:20.129Z"), 'sent must be an ISO-8601 date-time with a zone, like 2019-10-30T16:19:20.129Z, got "2019-02-30T16:19:20.129Z"'],
    ["topic is empty", (n: any) => (n.topic = ""), 'topic must be a non-empty string, got ""'],
    ["it has neither _id nor received", (n: any) => delete n.received, "the notification has no _id and no received time to identify it by"],
    ["_id is not a string", (n: any) => (n._id = 42), "_id must be a non-empty string, got 42"],
  ])("refuses a notification when %s", (_, change, message) => {
    const n = json(notificationOrders.body);
    change(n);
    expect(parseMercadoLibreNotification(n)).toEqual({ ok: false, message });
  });

  it("refuses a body that is not an object", () => {
    expect(parseMercadoLibreNotification("webhook_id=1")).toEqual({ ok: false, message: "the notification must be a JSON object" });
  });
});

describe("relay bodies", () => {
  it("rejects a topic it does not translate", async () => {
    const body = json(orderPaid.body);
    body.topic = "shipments";
    expect(rejection(await translate(body))).toMatchObject({ topic: "shipments", code: "unknown_topic" });
  });

  it("rejects a relay body with no topic", async () => {
    expect(rejection(await translate({ resource: "/items/MLA1", body: {} }))).toEqual({ kind: "rejected", topic: null, code: "invalid_payload", message: "topic is missing" });
  });

  it("rejects a source with no channel", async () => {
    expect(rejection(await translate(item.body, { source: { channel: null } }))).toMatchObject({ topic: "items", code: "source_has_no_channel" });
  });

  it("rejects a body that is not the resource the relay names", async () => {
    const body = json(item.body);
    body.resource = "/items/MLB999";
    expect(rejection(await translate(body))).toMatchObject({ code: "invalid_payload", message: 'resource "/items/MLB999" does not name MLB3868780585, the id of the body fetched for it' });
  });
});

describe("items", () => {
  it("gives one available snapshot of available_quantity at default for an item without variations", async () => {
    const tr = await translate(item.body);
    expect(tr).toMatchObject({ kind: "events", topic: "items", deliveryId: null });
    expect(eventsOf(tr)).toEqual([
      {
        ...snapshot("item:MLB3868780585:1728056094749:200", "MLB3868780585", "wh-main", 200, "2024-10-04T15:34:54.749Z"),
        payload: { item: { id: "MLB3868780585", variation_id: null, available_quantity: 200, last_updated: "2024-10-04T15:34:54.749Z", status: "active" } },
      },
    ]);
  });

  it("gives one snapshot per variation, listed as <item>:<variation>", async () => {
    const events = eventsOf(await translate(itemWithVariations.body));
    expect(events.map((e) => [e.id, e.listing, e.quantity, e.occurredAt])).toEqual([
      ["item:MLA658778048:15092589430:1490799354337:4", { channel: "mercadolibre", externalId: "MLA658778048:15092589430" }, 4, "2017-03-29T14:55:54.337Z"],
    ]);
  });

  it("keeps a variation id beyond 2^53 exact and reports a variation at 0", async () => {
    const text = itemWithVariations.body.replace('"id": 15092589430,', '"id": 90071992547409931,');
    const body = json(text);
    body.body.variations[0].available_quantity = 0;
    const [event] = eventsOf(await translate(body));
    expect(event.listing?.externalId).toBe("MLA658778048:90071992547409931");
    expect(event.id).toBe("item:MLA658778048:90071992547409931:1490799354337:0");
    expect(event.quantity).toBe(0);
  });

  it("converts last_updated with an offset to UTC", async () => {
    const body = json(item.body);
    body.body.last_updated = "2024-10-04T12:34:54.749-0300";
    expect(eventsOf(await translate(body))[0].occurredAt).toBe("2024-10-04T15:34:54.749Z");
  });

  it("changes nothing for a source that follows stock per location (the sum would count twice)", async () => {
    expect(await translate(item.body, { source: { locations: PER_LOCATION } })).toEqual({
      kind: "events",
      topic: "items",
      deliveryId: null,
      events: [],
      note: 'item MLB3868780585: source "meli-br" follows stock per location (stock-locations); available_quantity is their sum',
    });
  });

  it("rejects an item when the source maps no default location", async () => {
    expect(rejection(await translate(item.body, { source: { locations: {} } }))).toEqual({
      kind: "rejected",
      topic: "items",
      code: "unmapped_location",
      message: 'source "meli-br" maps no Onepool location for MercadoLibre location key "default"',
    });
  });

  it.each([
    ["last_updated is missing", (b: any) => delete b.body.last_updated, "item MLB3868780585: last_updated is missing"],
    [
      "last_updated is not a real date",
      (b: any) => (b.body.last_updated = "2024-02-30T10:00:00.000Z"),
      'item MLB3868780585: last_updated must be an ISO-8601 date-time with a zone, like 2024-11-01T09:35:43.000-04:00, got "2024-02-30T10:00:00.000Z"',
    ],
    ["available_quantity is negative", (b: any) => (b.body.available_quantity = -1), "item MLB3868780585: available_quantity must be an integer from 0 to 1000000000, got -1"],
    ["the body is not an object", (b: any) => (b.body = [1]), "the fetched items resource (body) must be a JSON object"],
  ])("rejects the item when %s", async (_, change, message) => {
    const body = json(item.body);
    change(body);
    expect(rejection(await translate(body))).toEqual({ kind: "rejected", topic: "items", code: "invalid_payload", message });
  });

  it("rejects an item listing the same variation twice", async () => {
    const body = json(itemWithVariations.body);
    body.body.variations.push({ ...body.body.variations[0] });
    expect(rejection(await translate(body))).toMatchObject({ code: "invalid_payload", message: "item MLA658778048: variation 15092589430 appears twice" });
  });
});

describe("stock-locations", () => {
  const at = RECEIVED.toISOString();

  it("gives one available snapshot per store, keyed by store_id, listed by user product, versioned by x-version", async () => {
    const tr = await translate(stock.body, { source: { locations: PER_LOCATION }, headers: stock.headers });
    expect(tr).toMatchObject({ kind: "events", topic: "stock-locations", deliveryId: null });
    expect(eventsOf(tr)).toEqual([
      {
        ...snapshot("stock:MLMU123456789:9876543:15:v1", "MLMU123456789", "store-centro", 15, at),
        version: "1",
        payload: { userProductId: "MLMU123456789", location: { type: "seller_warehouse", store_id: "9876543", network_node_id: "123451", quantity: 15 }, version: "1" },
      },
      {
        ...snapshot("stock:MLMU123456789:9876553:25:v1", "MLMU123456789", "store-norte", 25, at),
        version: "1",
        payload: { userProductId: "MLMU123456789", location: { type: "seller_warehouse", store_id: "9876553", network_node_id: "571615", quantity: 25 }, version: "1" },
      },
    ]);
  });

  it("accepts the topic as ML's sample notification spells it (stock-location)", async () => {
    const body = json(stock.body);
    body.topic = "stock-location";
    const tr = await translate(body, { source: { locations: PER_LOCATION }, headers: stock.headers });
    expect(tr).toMatchObject({ kind: "events", topic: "stock-location" });
    expect(eventsOf(tr).map((e) => e.id)).toEqual(["stock:MLMU123456789:9876543:15:v1", "stock:MLMU123456789:9876553:25:v1"]);
  });

  it("without x-version, tells states apart by the relay's webhook-id", async () => {
    const events = eventsOf(await translate(stock.body, { source: { locations: PER_LOCATION }, headers: { "webhook-id": "msg_2mQz7Rb3kXc9Yt4Lp8Nv1Hd6" } }));
    expect(events.map((e) => [e.id, e.version])).toEqual([
      ["stock:MLMU123456789:9876543:15:msg:msg_2mQz7Rb3kXc9Yt4Lp8Nv1Hd6", undefined],
      ["stock:MLMU123456789:9876553:25:msg:msg_2mQz7Rb3kXc9Yt4Lp8Nv1Hd6", undefined],
    ]);
  });

  it("keys Full and the seller's own address by location type (documented typologies)", async () => {
    const body = json(stock.body);
    body.resource = "/user-products/MLBU206642488/stock";
    body.body = {
      locations: [
        { type: "meli_facility", quantity: 5 },
        { type: "selling_address", quantity: 0 },
      ],
      user_id: 1234,
      id: "MLBU206642488",
    };
    const events = eventsOf(await translate(body, { source: { locations: PER_LOCATION }, headers: stock.headers }));
    expect(events.map((e) => [e.id, e.location, e.quantity])).toEqual([
      ["stock:MLBU206642488:meli_facility:5:v1", "full-cajamar", 5],
      ["stock:MLBU206642488:selling_address:0:v1", "wh-main", 0],
    ]);
  });

  it("rejects the whole delivery when one store is not mapped, naming the store and the source", async () => {
    const tr = rejection(await translate(stock.body, { source: { locations: { "9876543": "store-centro" } }, headers: stock.headers }));
    expect(tr).toEqual({ kind: "rejected", topic: "stock-locations", code: "unmapped_location", message: 'source "meli-br" maps no Onepool location for MercadoLibre location key "9876553"' });
  });

  it.each([
    ["neither x-version nor webhook-id identifies the state", {}, (_: any) => {}, "user product MLMU123456789: neither an x-version nor a webhook-id header identifies this stock state"],
    ["x-version is not an integer", { "x-version": "v7" }, (_: any) => {}, 'user product MLMU123456789: x-version must be an integer, got "v7"'],
    [
      "a seller_warehouse names no store",
      stock.headers,
      (b: any) => delete b.body.locations[1].store_id,
      "user product MLMU123456789: locations[1]: a seller_warehouse location must name its store_id",
    ],
    ["a store appears twice", stock.headers, (b: any) => (b.body.locations[1].store_id = "9876543"), "user product MLMU123456789: stock location 9876543 appears twice"],
    ["a quantity is negative", stock.headers, (b: any) => (b.body.locations[0].quantity = -2), "user product MLMU123456789: locations[0].quantity must be an integer from 0 to 1000000000, got -2"],
    ["locations is missing", stock.headers, (b: any) => delete b.body.locations, "user product MLMU123456789: locations must be an array"],
  ])("rejects the stock when %s", async (_, headers: Record<string, string>, change, message) => {
    const body = json(stock.body);
    change(body);
    expect(rejection(await translate(body, { source: { locations: PER_LOCATION }, headers }))).toEqual({ kind: "rejected", topic: "stock-locations", code: "invalid_payload", message });
  });

  it("changes nothing when the user product lists no location", async () => {
    const body = json(stock.body);
    body.body.locations = [];
    expect(await translate(body, { source: { locations: PER_LOCATION }, headers: stock.headers })).toMatchObject({
      kind: "events",
      events: [],
      note: "user product MLMU123456789: no stock location listed",
    });
  });
});

const ORDER = "2000009713473608";
const placedId = `order:${ORDER}:item:MLB3737188005:placed`;
const cancelledId = `order:${ORDER}:item:MLB3737188005:cancelled`;

describe("orders_v2", () => {
  it("places a paid order's line at the store it names, dated when ML discounted the stock (date_closed)", async () => {
    const { ctx, asked } = context({}, { locations: PER_LOCATION });
    const tr = await translateMercadoLibreResource(delivery(orderPaid.body), ctx);
    expect(tr).toMatchObject({ kind: "events", topic: "orders_v2", deliveryId: null });
    expect(eventsOf(tr)).toEqual([
      {
        id: placedId,
        source: "meli-br",
        type: "order.placed",
        sku: null,
        listing: { channel: "mercadolibre", externalId: "MLB3737188005" },
        location: "store-sp",
        channel: "mercadolibre",
        quantity: 2,
        occurredAt: "2024-11-01T13:35:43.000Z",
        orderId: ORDER,
        payload: { order: { id: ORDER, status: "paid", cancel_detail: null }, item: { id: "MLB3737188005", variation_id: null, quantity: 2, store_id: "54936888" } },
      },
    ]);
    // Re-fetched orders give the same id again; the ledger dedupes, nothing to ask it.
    expect(asked).toEqual([]);
  });

  it("carries no delivery promise: an orders_v2 body has only the shipment's id (the estimate is on /shipments, not translated)", async () => {
    const body = json(orderPaid.body);
    // The order names its shipment by id only (ML: "the new Orders JSON will no longer include Shipping data").
    body.body.shipping = { id: 43970382744 };
    const events = eventsOf(await translate(body, { source: { locations: PER_LOCATION } }));
    expect(events.map((e) => e.type)).toEqual(["order.placed"]);
    expect(events[0]).not.toHaveProperty("promisedAt");
  });

  it("places a line that names no store at default", async () => {
    const body = json(orderPaid.body);
    delete body.body.order_items[0].stock;
    expect(eventsOf(await translate(body)).map((e) => e.location)).toEqual(["wh-main"]);
  });

  it("rejects a line whose store the source does not map", async () => {
    expect(rejection(await translate(orderPaid.body))).toMatchObject({ code: "unmapped_location", message: 'source "meli-br" maps no Onepool location for MercadoLibre location key "54936888"' });
  });

  it("places an order awaiting payment, dated at creation (no date_closed yet)", async () => {
    const body = json(orderPaid.body);
    body.body.status = "payment_required";
    body.body.date_closed = null;
    const [event] = eventsOf(await translate(body, { source: { locations: PER_LOCATION } }));
    expect([event.type, event.occurredAt]).toEqual(["order.placed", "2024-11-01T13:34:59.000Z"]);
  });

  it("lists a variation as <item>:<variation>", async () => {
    const body = json(orderPaid.body);
    body.body.order_items[0].item.variation_id = 174497701554;
    const [event] = eventsOf(await translate(body, { source: { locations: PER_LOCATION } }));
    expect([event.id, event.listing?.externalId]).toEqual([`order:${ORDER}:item:MLB3737188005:174497701554:placed`, "MLB3737188005:174497701554"]);
  });

  it("keeps an order id beyond 2^53 exact", async () => {
    const text = orderPaid.body.replace(`"id": ${ORDER},`, '"id": 20000097134736081234,').replace(`/orders/${ORDER}`, "/orders/20000097134736081234");
    const [event] = eventsOf(await translate(text, { source: { locations: PER_LOCATION } }));
    expect([event.id, event.orderId]).toEqual(["order:20000097134736081234:item:MLB3737188005:placed", "20000097134736081234"]);
  });

  it("skips a zero-quantity line and says so", async () => {
    const body = json(orderPaid.body);
    body.body.order_items[0].quantity = 0;
    expect(await translate(body, { source: { locations: PER_LOCATION } })).toMatchObject({ kind: "events", events: [], note: "item MLB3737188005: quantity 0" });
  });

  it.each(["partially_refunded", "pending_cancel", "invalid"])("changes no stock on status %s (shipments are another resource)", async (status) => {
    const body = json(orderPaid.body);
    body.body.status = status;
    const { ctx, asked } = context({}, { locations: PER_LOCATION });
    expect(await translateMercadoLibreResource(delivery(body), ctx)).toMatchObject({
      kind: "events",
      events: [],
      note: `order ${ORDER}: status ${status} changes no stock here (shipments are a separate resource)`,
    });
    expect(asked).toEqual([]);
  });

  it("cancels a placed line where and as much as it was committed, reason customer, dated by the cancel detail", async () => {
    const { ctx, asked } = context({ [placedId]: { location: "store-sp", quantity: 2 } }, { locations: PER_LOCATION });
    const events = eventsOf(await translateMercadoLibreResource(delivery(orderCancelled.body), ctx));
    expect(events).toEqual([
      {
        id: cancelledId,
        source: "meli-br",
        type: "order.cancelled",
        sku: null,
        listing: { channel: "mercadolibre", externalId: "MLB3737188005" },
        location: "store-sp",
        channel: "mercadolibre",
        quantity: 2,
        occurredAt: "2024-11-02T15:02:41.000Z",
        orderId: ORDER,
        reason: "customer",
        payload: {
          order: { id: ORDER, status: "cancelled", cancel_detail: { group: "buyer", code: "buyer_cancel_express", requested_by: "buyer" } },
          item: { id: "MLB3737188005", variation_id: null, quantity: 2, store_id: "54936888" },
        },
      },
    ]);
    expect(asked).toEqual([[placedId, cancelledId]]);
  });

  it("gives reason payment when the cancel detail names payment, and dates by last_updated without a detail date", async () => {
    const body = json(orderCancelled.body);
    body.body.cancel_detail.code = "payment_rejected";
    delete body.body.cancel_detail.date;
    const [event] = eventsOf(await translate(body, { known: { [placedId]: { location: "store-sp", quantity: 2 } }, source: { locations: PER_LOCATION } }));
    expect([event.reason, event.occurredAt]).toEqual(["payment", "2024-11-02T15:02:44.000Z"]);
  });

  it.each([
    [{ group: "seller", code: "seller_out_of_stock" }, "oversold"],
    [{ group: "buyer", code: "buyer_cancel_express" }, "customer"],
    [{ group: "shipping", code: "invalid_address" }, "address"],
  ])("maps cancel detail %j to reason %s", async (detail, reason) => {
    const body = json(orderCancelled.body);
    body.body.cancel_detail = { ...detail, requested_by: "seller" };
    const [event] = eventsOf(await translate(body, { known: { [placedId]: { location: "store-sp", quantity: 2 } }, source: { locations: PER_LOCATION } }));
    expect(event.reason).toBe(reason);
  });

  it.each([
    ["never placed", {}, "item MLB3737188005: never placed, nothing committed"],
    ["already cancelled", { [placedId]: { location: "store-sp", quantity: 2 }, [cancelledId]: { location: "store-sp", quantity: 2 } }, "item MLB3737188005: already cancelled"],
  ])("releases nothing when the line was %s", async (_, known: KnownEvents, note) => {
    expect(await translate(orderCancelled.body, { known, source: { locations: PER_LOCATION } })).toMatchObject({ kind: "events", events: [], note });
  });

  it.each([
    ["date_created is missing", (b: any) => delete b.body.date_created, `order ${ORDER}: date_created is missing`],
    ["an item id is missing", (b: any) => delete b.body.order_items[0].item.id, `order ${ORDER}: order_items[0].item.id is missing`],
    ["a quantity is fractional", (b: any) => (b.body.order_items[0].quantity = 0.5), `order ${ORDER}: order_items[0].quantity must be an integer from 0 to 1000000000, got 0.5`],
    ["the same item appears twice", (b: any) => b.body.order_items.push(b.body.order_items[0]), `order ${ORDER}: item MLB3737188005 appears twice`],
    ["the status is missing", (b: any) => delete b.body.status, `order ${ORDER}: status is missing`],
  ])("rejects the order when %s", async (_, change, message) => {
    const body = json(orderPaid.body);
    change(body);
    expect(rejection(await translate(body, { source: { locations: PER_LOCATION } }))).toEqual({ kind: "rejected", topic: "orders_v2", code: "invalid_payload", message });
  });
});
