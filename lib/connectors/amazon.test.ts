import { describe, expect, it } from "vitest";
import { parseCanonicalEvent } from "@/lib/events/parse-canonical-event";
import { foldLevel } from "@/lib/quantity/fold-level";
import { availableOf } from "@/lib/quantity/level-math";
import type { StockEvent } from "@/lib/quantity/types";
import * as eventBridge from "@/tests/fixtures/providers/amazon/eventbridge-order-change";
import * as fba from "@/tests/fixtures/providers/amazon/fba-inventory-availability-changes";
import * as afnShipped from "@/tests/fixtures/providers/amazon/order-change-afn-shipped";
import * as buyerRequest from "@/tests/fixtures/providers/amazon/order-change-buyer-requested-cancel";
import * as mfnCanceled from "@/tests/fixtures/providers/amazon/order-change-mfn-canceled";
import * as mfnUnshipped from "@/tests/fixtures/providers/amazon/order-change-mfn-unshipped";
import { translateAmazon } from "./amazon";
import { parseProviderJson } from "./provider-json";
import type { CanonicalInput, Delivery, SourceConfig, Translation } from "./types";
import { expectEvents, expectRejection, type KnownEvents, ledgerContext, testSource } from "@/tests/support/translator-harness";

const NOW = new Date("2026-11-22T10:00:00.000Z");
const SUPPLY_SOURCE = "d7679e14-031b-4ab3-a81b-ec4fc7a460b3";

const SOURCE = testSource({
  code: "amazon-na",
  provider: "amazon",
  channel: "amazon",
  locations: { ATVPDKIKX0DER: "fba-us", A2EUQ1WTGCTBG2: "fba-ca", [SUPPLY_SOURCE]: "wh-detroit", default: "wh-main" },
});

/** A context whose ledger holds `known`; records every findEvents call. */
const context = (known: KnownEvents = {}, source: Partial<SourceConfig> = {}) => ledgerContext({ ...SOURCE, ...source }, known);

function delivery(body: string | unknown): Delivery {
  return { headers: { "content-type": "application/json" }, body: typeof body === "string" ? parseProviderJson(body) : body, receivedAt: NOW };
}

/** The fixture body as a plain object, to change one field for an edge case. */
function json(text: string): Record<string, any> {
  return parseProviderJson(text) as Record<string, any>;
}

async function translate(body: string | unknown, known: KnownEvents = {}, source: Partial<SourceConfig> = {}): Promise<Translation> {
  return translateAmazon(delivery(body), context(known, source).ctx);
}

const eventsOf = (tr: Translation): CanonicalInput[] => expectEvents(tr, NOW).events;
const rejection = expectRejection;

describe("FBA_INVENTORY_AVAILABILITY_CHANGES", () => {
  it("gives one available snapshot of Fulfillable per marketplace (documented sample)", async () => {
    const tr = await translate(fba.body);
    const notificationId = "d0e9e693-c3ad-4373-979f-ed4ec98dd746";
    expect(tr).toMatchObject({ kind: "events", topic: fba.topic, deliveryId: notificationId });
    const snapshot = (marketplaceId: string, location: string, fulfillable: number) => ({
      id: `fba:SELLERSKU-1:${marketplaceId}:${notificationId}`,
      source: "amazon-na",
      type: "snapshot",
      bucket: "available",
      sku: null,
      listing: { channel: "amazon", externalId: "SELLERSKU-1" },
      location,
      quantity: fulfillable,
      occurredAt: "2020-07-13T19:42:04.284Z",
      payload: { notificationId, sellerSku: "SELLERSKU-1", fnsku: "X001ABCDEF", asin: "B00001ABCD", marketplaceId, fulfillable },
    });
    expect(eventsOf(tr)).toEqual([snapshot("ATVPDKIKX0DER", "fba-us", 50), snapshot("A2EUQ1WTGCTBG2", "fba-ca", 40)]);
  });

  it("reports Fulfillable 0 as a snapshot of 0 (none left is news)", async () => {
    const body = json(fba.body);
    body.Payload.FulfillmentInventoryByMarketplace[0].FulfillmentInventory.Fulfillable = 0;
    const events = eventsOf(await translate(body));
    expect(events.map((e) => [e.location, e.quantity])).toEqual([
      ["fba-us", 0],
      ["fba-ca", 40],
    ]);
  });

  it("converts a PublishTime with an offset to UTC", async () => {
    const body = json(fba.body);
    body.NotificationMetadata.PublishTime = "2020-07-13T21:42:04.284+02:00";
    expect(eventsOf(await translate(body))[0].occurredAt).toBe("2020-07-13T19:42:04.284Z");
  });

  it("rejects a marketplace the source does not map, naming the key and the source", async () => {
    const tr = rejection(await translate(fba.body, {}, { locations: { ATVPDKIKX0DER: "fba-us" } }));
    expect(tr).toEqual({ kind: "rejected", topic: fba.topic, code: "unmapped_location", message: 'source "amazon-na" maps no Onepool location for Amazon location key "A2EUQ1WTGCTBG2"' });
  });

  it.each([
    ["the seller SKU is missing", (b: any) => delete b.Payload.SKU, "Payload.SKU is missing"],
    [
      "Fulfillable is missing",
      (b: any) => delete b.Payload.FulfillmentInventoryByMarketplace[1].FulfillmentInventory.Fulfillable,
      "Payload.FulfillmentInventoryByMarketplace[1].FulfillmentInventory.Fulfillable is missing",
    ],
    [
      "Fulfillable is negative",
      (b: any) => (b.Payload.FulfillmentInventoryByMarketplace[0].FulfillmentInventory.Fulfillable = -3),
      "Payload.FulfillmentInventoryByMarketplace[0].FulfillmentInventory.Fulfillable must be an integer from 0 to 1000000000, got -3",
    ],
    [
      "a marketplace appears twice",
      (b: any) => (b.Payload.FulfillmentInventoryByMarketplace[1].MarketplaceId = "ATVPDKIKX0DER"),
      "Payload.FulfillmentInventoryByMarketplace[1]: marketplace ATVPDKIKX0DER appears twice",
    ],
    ["NotificationMetadata is missing", (b: any) => delete b.NotificationMetadata, "NotificationMetadata must be a JSON object"],
    [
      "PublishTime has no zone",
      (b: any) => (b.NotificationMetadata.PublishTime = "2020-07-13T19:42:04"),
      'NotificationMetadata.PublishTime must be an ISO-8601 date-time with a zone, like 2020-07-13T19:42:04.284Z, got "2020-07-13T19:42:04"',
    ],
  ])("rejects the delivery when %s", async (_, change, message) => {
    const body = json(fba.body);
    change(body);
    expect(rejection(await translate(body))).toEqual({ kind: "rejected", topic: fba.topic, code: "invalid_payload", message });
  });

  it("rejects a source with no channel (SKUs resolve through a channel's listings)", async () => {
    const tr = rejection(await translate(fba.body, {}, { channel: null }));
    expect(tr.code).toBe("source_has_no_channel");
    expect(tr.topic).toBe(fba.topic);
  });
});

describe("notification types and envelopes", () => {
  it("rejects a NotificationType it does not translate as unknown_topic", async () => {
    const body = json(fba.body);
    body.NotificationType = "ANY_OFFER_CHANGED";
    expect(rejection(await translate(body))).toMatchObject({ topic: "ANY_OFFER_CHANGED", code: "unknown_topic" });
  });

  it("rejects a body with no NotificationType", async () => {
    expect(rejection(await translate({ Payload: {} }))).toEqual({ kind: "rejected", topic: null, code: "invalid_payload", message: "NotificationType is missing" });
  });

  it("reads an EventBridge event's detail exactly like the bare notification", async () => {
    const wrapped = await translate(eventBridge.body);
    const bare = await translate(mfnUnshipped.body);
    expect(wrapped).toEqual(bare);
    expect(wrapped).toMatchObject({ kind: "events", topic: "ORDER_CHANGE", deliveryId: "7f6b1e0c-2d4a-4c8e-9b3f-5a1d2e3c4b5a" });
    expect(eventsOf(wrapped)).toHaveLength(1);
  });

  it("rejects an EventBridge event whose detail-type contradicts its notification", async () => {
    const body = json(eventBridge.body);
    body["detail-type"] = "FBA_INVENTORY_AVAILABILITY_CHANGES";
    expect(rejection(await translate(body))).toMatchObject({
      code: "invalid_payload",
      message: 'EventBridge detail-type "FBA_INVENTORY_AVAILABILITY_CHANGES" disagrees with detail.NotificationType "ORDER_CHANGE"',
    });
  });
});

const MFN_ORDER = "903-8868176-2219830";
const placedMfn = `order:${MFN_ORDER}:item:OIID34853450:placed`;

describe("ORDER_CHANGE, merchant-fulfilled (MFN)", () => {
  it("ignores a buyer's cancellation request (documented sample): a request is not a cancellation", async () => {
    const { ctx, asked } = context({ [placedMfn]: { location: "wh-detroit", quantity: 10 } });
    const tr = await translateAmazon(delivery(buyerRequest.body), ctx);
    expect(tr).toEqual({
      kind: "events",
      topic: "ORDER_CHANGE",
      deliveryId: "d0e9e693-c3ad-4373-979f-ed4ec98dd746",
      events: [],
      note: `order ${MFN_ORDER}: buyer-requested change (Buyer Requested Cancel) is a request, not a cancellation`,
    });
    expect(asked).toEqual([]);
  });

  it("places an Unshipped item at its SupplySourceId's location, dated at purchase", async () => {
    const { ctx, asked } = context();
    const events = eventsOf(await translateAmazon(delivery(mfnUnshipped.body), ctx));
    expect(events).toEqual([
      {
        id: placedMfn,
        source: "amazon-na",
        type: "order.placed",
        sku: null,
        listing: { channel: "amazon", externalId: "SellerSKUID1" },
        location: "wh-detroit",
        channel: "amazon",
        quantity: 10,
        occurredAt: "2022-07-13T19:42:04.284Z",
        orderId: MFN_ORDER,
        // ItemLatestDeliveryDate: the promise the scorecard's promise accuracy is judged against.
        promisedAt: "2022-12-07T19:42:04.284Z",
        payload: {
          notificationId: "7f6b1e0c-2d4a-4c8e-9b3f-5a1d2e3c4b5a",
          order: { AmazonOrderId: MFN_ORDER, OrderStatus: "Unshipped", FulfillmentType: "MFN", MarketplaceId: "ATVPDKIKX0DER", ChangeReason: "Order status changed" },
          item: { OrderItemId: "OIID34853450", SellerSKU: "SellerSKUID1", Quantity: 10, QuantityShipped: 0, SupplySourceId: SUPPLY_SOURCE },
        },
      },
    ]);
    expect(asked).toEqual([[placedMfn, `order:${MFN_ORDER}:item:OIID34853450:shipped`, `order:${MFN_ORDER}:item:OIID34853450:cancelled`]]);
  });

  it("fills promisedAt from ItemLatestDeliveryDate on order.placed only, and none when Amazon sends no window", async () => {
    const placed = eventsOf(await translate(mfnUnshipped.body));
    expect(placed.map((e) => e.promisedAt)).toEqual(["2022-12-07T19:42:04.284Z"]);
    // The canonical validator takes it as the ledger will store it.
    const parsed = parseCanonicalEvent(placed[0], NOW, 120_000);
    expect(parsed.ok && parsed.event.promisedAt?.toISOString()).toBe("2022-12-07T19:42:04.284Z");
    const cancelled = eventsOf(await translate(mfnCanceled.body, { [placedMfn]: { location: "wh-detroit", quantity: 10 } }));
    expect(cancelled.map((e) => [e.type, e.promisedAt])).toEqual([["order.cancelled", undefined]]);
    const body = json(mfnUnshipped.body);
    delete body.Payload.OrderChangeNotification.Summary.OrderItems[0].ItemLatestDeliveryDate;
    const noWindow = eventsOf(await translate(body));
    expect(noWindow[0]).not.toHaveProperty("promisedAt");
  });

  it("applies the transition once: an item already placed gives no event", async () => {
    const tr = await translate(mfnUnshipped.body, { [placedMfn]: { location: "wh-detroit", quantity: 10 } });
    expect(tr).toMatchObject({ kind: "events", events: [], note: "item OIID34853450: already placed" });
  });

  it("places an MFN item without a SupplySourceId at the source's default location, never the FBA pool", async () => {
    const body = json(mfnUnshipped.body);
    body.Payload.OrderChangeNotification.Summary.OrderItems[0].SupplySourceId = null;
    expect(eventsOf(await translate(body)).map((e) => e.location)).toEqual(["wh-main"]);
  });

  it("rejects an MFN item whose SupplySourceId the source does not map", async () => {
    const tr = rejection(await translate(mfnUnshipped.body, {}, { locations: { ATVPDKIKX0DER: "fba-us", default: "wh-main" } }));
    expect(tr).toMatchObject({ code: "unmapped_location", message: `source "amazon-na" maps no Onepool location for Amazon location key "${SUPPLY_SOURCE}"` });
  });

  it("places Pending and PartiallyShipped orders too", async () => {
    for (const status of ["Pending", "PartiallyShipped"]) {
      const body = json(mfnUnshipped.body);
      body.Payload.OrderChangeNotification.Summary.OrderStatus = status;
      expect(eventsOf(await translate(body)).map((e) => e.type)).toEqual(["order.placed"]);
    }
  });

  it("skips zero-quantity items and says so", async () => {
    const body = json(mfnUnshipped.body);
    body.Payload.OrderChangeNotification.Summary.OrderItems[0].Quantity = 0;
    expect(await translate(body)).toMatchObject({ kind: "events", events: [], note: "item OIID34853450: quantity 0" });
  });

  it("keeps a big numeric OrderItemId exact in the event id", async () => {
    const text = mfnUnshipped.body.replace('"OrderItemId": "OIID34853450"', '"OrderItemId": 9007199254740993123');
    const [event] = eventsOf(await translate(text));
    expect(event.id).toBe(`order:${MFN_ORDER}:item:9007199254740993123:placed`);
  });

  it("cancels a placed item where and as much as it was committed, reason customer, dated at the change", async () => {
    const { ctx, asked } = context({ [placedMfn]: { location: "wh-detroit", quantity: 10 } });
    const tr = await translateAmazon(delivery(mfnCanceled.body), ctx);
    expect(tr).toMatchObject({ kind: "events", deliveryId: "0c9e3a71-54b2-4f0d-8a6e-2b7c1d9e8f03" });
    const events = eventsOf(tr);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      id: `order:${MFN_ORDER}:item:OIID34853450:cancelled`,
      type: "order.cancelled",
      location: "wh-detroit",
      quantity: 10,
      reason: "customer",
      channel: "amazon",
      orderId: MFN_ORDER,
      occurredAt: "2022-11-30T08:15:00.000Z",
      listing: { channel: "amazon", externalId: "SellerSKUID1" },
    });
    expect(asked).toHaveLength(1);
  });

  it("names the cause when Amazon's ChangeReason says payment", async () => {
    const body = json(mfnCanceled.body);
    body.Payload.OrderChangeNotification.OrderChangeTrigger.ChangeReason = "Payment authorization failed";
    const [event] = eventsOf(await translate(body, { [placedMfn]: { location: "wh-detroit", quantity: 10 } }));
    expect(event.reason).toBe("payment");
  });

  it.each([
    ["never placed", {}, "item OIID34853450: never placed, nothing committed"],
    [
      "already shipped",
      { [placedMfn]: { location: "wh-detroit", quantity: 10 }, [`order:${MFN_ORDER}:item:OIID34853450:shipped`]: { location: "wh-detroit", quantity: 10 } },
      "item OIID34853450: already shipped",
    ],
    [
      "already cancelled",
      { [placedMfn]: { location: "wh-detroit", quantity: 10 }, [`order:${MFN_ORDER}:item:OIID34853450:cancelled`]: { location: "wh-detroit", quantity: 10 } },
      "item OIID34853450: already cancelled",
    ],
  ])("releases nothing on Canceled when the item was %s", async (_, known: KnownEvents, note) => {
    expect(await translate(mfnCanceled.body, known)).toMatchObject({ kind: "events", events: [], note });
  });

  it.each([
    ["DeliveryTipChange", (n: any) => (n.OrderChangeType = "DeliveryTipChange"), `order ${MFN_ORDER}: change type DeliveryTipChange changes no stock`],
    ["PendingAvailability", (n: any) => (n.Summary.OrderStatus = "PendingAvailability"), `order ${MFN_ORDER}: status PendingAvailability changes no stock`],
    ["Unfulfillable", (n: any) => (n.Summary.OrderStatus = "Unfulfillable"), `order ${MFN_ORDER}: status Unfulfillable changes no stock`],
  ])("changes no stock on %s", async (_, change, note) => {
    const body = json(mfnUnshipped.body);
    change(body.Payload.OrderChangeNotification);
    expect(await translate(body)).toMatchObject({ kind: "events", events: [], note });
  });

  it.each([
    ["FulfillmentType is not AFN/MFN", (n: any) => (n.Summary.FulfillmentType = "FBM"), `order ${MFN_ORDER}: Summary.FulfillmentType must be AFN or MFN, got "FBM"`],
    ["an OrderItemId appears twice", (n: any) => n.Summary.OrderItems.push({ ...n.Summary.OrderItems[0] }), `order ${MFN_ORDER}: OrderItemId OIID34853450 appears twice`],
    ["Quantity is not an integer", (n: any) => (n.Summary.OrderItems[0].Quantity = 1.5), `order ${MFN_ORDER}: OrderItems[0].Quantity must be an integer from 0 to 1000000000, got 1.5`],
    ["SellerSKU is missing", (n: any) => delete n.Summary.OrderItems[0].SellerSKU, `order ${MFN_ORDER}: OrderItems[0].SellerSKU is missing`],
    ["OrderChangeType is missing", (n: any) => delete n.OrderChangeType, `order ${MFN_ORDER}: OrderChangeType is missing`],
  ])("rejects the order when %s", async (_, change, message) => {
    const body = json(mfnUnshipped.body);
    change(body.Payload.OrderChangeNotification);
    expect(rejection(await translate(body))).toEqual({ kind: "rejected", topic: "ORDER_CHANGE", code: "invalid_payload", message });
  });
});

const AFN_ORDER = "902-3159896-1390916";
const afnId = (item: string, step: string) => `order:${AFN_ORDER}:item:${item}:${step}`;

describe("ORDER_CHANGE, fulfilled by Amazon (AFN)", () => {
  it("places (dated at purchase) then ships items it never saw placed, in the marketplace's FBA pool", async () => {
    const events = eventsOf(await translate(afnShipped.body));
    expect(events.map((e) => [e.id, e.type, e.location, e.quantity, e.occurredAt, e.listing?.externalId])).toEqual([
      [afnId("68828574383266", "placed"), "order.placed", "fba-us", 2, "2022-11-30T22:10:00.000Z", "SELLERSKU-1"],
      [afnId("68828574383266", "shipped"), "order.shipped", "fba-us", 2, "2022-12-01T10:00:00.000Z", "SELLERSKU-1"],
      [afnId("68828574383267", "placed"), "order.placed", "fba-us", 1, "2022-11-30T22:10:00.000Z", "SellerSKUID1"],
      [afnId("68828574383267", "shipped"), "order.shipped", "fba-us", 1, "2022-12-01T10:00:00.000Z", "SellerSKUID1"],
    ]);
    expect(events.every((e) => e.orderId === AFN_ORDER && e.channel === "amazon")).toBe(true);
  });

  it("ships a placed item from where it was committed, and skips one already shipped", async () => {
    const known: KnownEvents = {
      [afnId("68828574383266", "placed")]: { location: "fba-us-east", quantity: 2 },
      [afnId("68828574383267", "placed")]: { location: "fba-us", quantity: 1 },
      [afnId("68828574383267", "shipped")]: { location: "fba-us", quantity: 1 },
    };
    const tr = await translate(afnShipped.body, known);
    expect(eventsOf(tr).map((e) => [e.id, e.location, e.quantity])).toEqual([[afnId("68828574383266", "shipped"), "fba-us-east", 2]]);
    expect(tr).toMatchObject({ note: "item 68828574383267: already shipped" });
  });

  it("rejects an AFN order whose marketplace the source does not map (it never falls back to default)", async () => {
    const tr = rejection(await translate(afnShipped.body, {}, { locations: { default: "wh-main" } }));
    expect(tr).toMatchObject({ code: "unmapped_location", message: 'source "amazon-na" maps no Onepool location for Amazon location key "ATVPDKIKX0DER"' });
  });

  it("in a PartiallyShipped order ships only the items shipped in full", async () => {
    const body = json(afnShipped.body);
    const summary = body.Payload.OrderChangeNotification.Summary;
    summary.OrderStatus = "PartiallyShipped";
    summary.OrderItems[1].OrderItemStatus = "Unshipped";
    summary.OrderItems[1].QuantityShipped = 0;
    summary.OrderItems[0].OrderItemStatus = "Unshipped";
    summary.OrderItems[0].QuantityShipped = 2;
    expect(eventsOf(await translate(body)).map((e) => e.id)).toEqual([afnId("68828574383266", "placed"), afnId("68828574383266", "shipped"), afnId("68828574383267", "placed")]);
  });

  it("does not count an FBA order twice against the Fulfillable snapshots (folded through the quantity model)", async () => {
    // Snapshot before the order (Fulfillable 50), the order (2 units, purchased at 22:10), a snapshot published
    // after Amazon moved the 2 units to reserved (Fulfillable 48), then the shipment.
    const before = json(fba.body);
    before.NotificationMetadata.PublishTime = "2022-11-30T20:00:00.000Z";
    before.NotificationMetadata.NotificationId = "snap-1";
    const after = json(fba.body);
    after.NotificationMetadata.PublishTime = "2022-11-30T23:00:00.000Z";
    after.NotificationMetadata.NotificationId = "snap-2";
    after.Payload.FulfillmentInventoryByMarketplace[0].FulfillmentInventory.Fulfillable = 48;
    const order = json(afnShipped.body);
    order.Payload.OrderChangeNotification.Summary.OrderItems.pop();
    order.Payload.OrderChangeNotification.Summary.OrderItems[0].SellerSKU = "SELLERSKU-1";

    const all = [...eventsOf(await translate(before)), ...eventsOf(await translate(order)), ...eventsOf(await translate(after))];
    const fold = (until: string) => {
      const events = all.filter((e) => e.location === "fba-us" && e.occurredAt <= until).map(toStockEvent);
      return foldLevel(events, "fba-us", []).state;
    };
    // Right after the purchase (no newer snapshot yet): available already reflects the order.
    expect(availableOf(fold("2022-11-30T22:30:00.000Z"))).toBe(48);
    // The newer snapshot already excludes the 2 units: they stay counted once (on hand, committed).
    const afterSnapshot = fold("2022-11-30T23:30:00.000Z");
    expect({ onHand: afterSnapshot.onHand, committed: afterSnapshot.committed, available: availableOf(afterSnapshot) }).toEqual({ onHand: 50, committed: 2, available: 48 });
    // Shipped: the units leave on hand and committed; available stays what Amazon reports.
    const shipped = fold("2022-12-02T00:00:00.000Z");
    expect({ onHand: shipped.onHand, committed: shipped.committed, available: availableOf(shipped) }).toEqual({ onHand: 48, committed: 0, available: 48 });
  });
});

function toStockEvent(e: CanonicalInput): StockEvent {
  return {
    source: e.source,
    id: e.id,
    type: e.type as StockEvent["type"],
    sku: e.listing!.externalId,
    location: e.location,
    quantity: e.quantity,
    occurredAt: Date.parse(e.occurredAt),
    bucket: e.bucket ?? null,
  };
}
