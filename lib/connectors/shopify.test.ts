import { describe, expect, it } from "vitest";
import * as fulfillmentSample from "@/tests/fixtures/providers/shopify/fulfillments-create";
import * as fulfillmentSuccess from "@/tests/fixtures/providers/shopify/fulfillments-create-success";
import * as levelSample from "@/tests/fixtures/providers/shopify/inventory-levels-update";
import * as levelNegative from "@/tests/fixtures/providers/shopify/inventory-levels-update-negative";
import * as cancelledSample from "@/tests/fixtures/providers/shopify/orders-cancelled";
import * as cancelledVariants from "@/tests/fixtures/providers/shopify/orders-cancelled-with-variants";
import * as createSample from "@/tests/fixtures/providers/shopify/orders-create";
import * as createVariants from "@/tests/fixtures/providers/shopify/orders-create-with-variants";
import * as refundSample from "@/tests/fixtures/providers/shopify/refunds-create";
import * as refundReturn from "@/tests/fixtures/providers/shopify/refunds-create-return";
import { parseProviderJson } from "./provider-json";
import { translateShopify } from "./shopify";
import type { CanonicalInput, Delivery, TranslateContext, Translation } from "./types";
import { expectEvents, expectRejection, type KnownEvents, ledgerContext, type ProviderFixture, testSource } from "@/tests/support/translator-harness";

// ---------------------------------------------------------------------------------------------
// Harness

const NOW = new Date("2026-09-11T00:00:00.000Z");
const SOURCE = "shop-eu";
const CHANNEL = "shopify-eu";
/** "24826418" is the location id of Shopify's documented samples. */
const LOCATIONS = { default: "wh-main", "24826418": "wh-east" };

// Documented ids (kept as strings: several are above 2^53).
const ORDER = "820982911946154508";
const L_SUN = "487817672276298554";
const L_LOUNGER = "976318377106520349";
const L_TABLE = "315789986012684393";
const V_SMALL = "642667041472713922";
const V_MEDIUM = "757650484644203962";
const V_TABLE = "49148385";
const EVENT_ID = "59d6d79c-595f-4e7e-bc6f-72f5c3d0c66f";
const WEBHOOK_ID = "545ebdd4-b7be-4d3d-b14e-54aa78e0e0f9";
/** X-Shopify-Triggered-At of the documented headers, normalised. */
const TRIGGERED = "2025-07-10T16:15:47.000Z";
/** "2021-12-31T19:00:00-05:00", the documented created_at/cancelled_at, in UTC. */
const CREATED = "2022-01-01T00:00:00.000Z";

function context(opts: { channel?: string | null; locations?: Record<string, string>; ledger?: KnownEvents } = {}) {
  const channel = opts.channel === undefined ? CHANNEL : opts.channel;
  return ledgerContext(testSource({ code: SOURCE, provider: "shopify", channel, locations: opts.locations ?? LOCATIONS }), opts.ledger);
}

/** A delivery built from a fixture: HMAC header added (verification is not the translator's job). */
function delivery(f: ProviderFixture, opts: { body?: unknown; headers?: Record<string, string | undefined> } = {}): Delivery {
  const merged: Record<string, string | undefined> = { ...f.headers, "x-shopify-hmac-sha256": "checked-upstream", ...opts.headers };
  const headers = Object.fromEntries(Object.entries(merged).filter((e): e is [string, string] => e[1] !== undefined));
  return { headers, body: opts.body ?? parseProviderJson(f.body), receivedAt: NOW };
}

/** The fixture's body parsed big-int-safe, edited by `edit`. */
function edited(f: ProviderFixture, edit: (b: Record<string, any>) => void): unknown {
  const b = parseProviderJson(f.body) as Record<string, any>;
  edit(b);
  return b;
}

async function translate(f: ProviderFixture, opts: { body?: unknown; headers?: Record<string, string | undefined>; ctx?: TranslateContext } = {}): Promise<Translation> {
  return translateShopify(delivery(f, opts), opts.ctx ?? context().ctx);
}

const eventsOf = (t: Translation): CanonicalInput[] => expectEvents(t, NOW).events;
const rejectionOf = expectRejection;

const listing = (externalId: string) => ({ channel: CHANNEL, externalId });
/** What every event of an order line carries: the variant's listing, where and how many, stamped with the webhook's time. */
const lineFields = (variantId: string, location: string, quantity: number) => ({
  source: SOURCE,
  sku: null,
  listing: listing(variantId),
  channel: CHANNEL,
  location,
  quantity,
  occurredAt: TRIGGERED,
  orderId: ORDER,
});

// ---------------------------------------------------------------------------------------------

describe("inventory_levels/update", () => {
  it("translates the documented sample into one available snapshot, keeping the > 2^53 item id exact", async () => {
    const t = await translate(levelSample);
    expect(t).toEqual({
      kind: "events",
      topic: "inventory_levels/update",
      deliveryId: EVENT_ID,
      events: [
        {
          id: "inventory_level:271878346596884015:24826418:1640995200000:10",
          source: SOURCE,
          type: "snapshot",
          bucket: "available",
          sku: null,
          listing: listing("271878346596884015"),
          location: "wh-east",
          quantity: 10,
          occurredAt: CREATED,
          payload: { inventory_item_id: "271878346596884015", location_id: "24826418", available: 10, updated_at: "2021-12-31T19:00:00-05:00" },
        },
      ],
    });
    eventsOf(t);
    // The reason for the big-int-safe parse: plain JSON.parse rounds this documented id.
    expect(String((JSON.parse(levelSample.body) as { inventory_item_id: number }).inventory_item_id)).not.toBe("271878346596884015");
  });

  it("clamps a negative available to 0 and says so in the payload", async () => {
    const [e] = eventsOf(await translate(levelNegative));
    expect(e).toMatchObject({
      id: "inventory_level:271878346596884015:24826418:1640995205000:-3",
      quantity: 0,
      occurredAt: "2022-01-01T00:00:05.000Z",
      payload: { available: -3, clamped_to_zero: true },
    });
  });

  it("emits nothing for an untracked item (available null)", async () => {
    const t = await translate(levelSample, { body: edited(levelSample, (b) => (b.available = null)) });
    expect(t).toMatchObject({ kind: "events", events: [], note: expect.stringContaining("not tracked") });
  });

  it("rejects a location the source does not map, naming the Shopify key and the source", async () => {
    const t = rejectionOf(await translate(levelSample, { ctx: context({ locations: { default: "wh-main" } }).ctx }));
    expect(t.code).toBe("unmapped_location");
    expect(t.message).toContain('"24826418"');
    expect(t.message).toContain(`"${SOURCE}"`);
  });

  it("rejects a missing id, a missing available and a time without zone", async () => {
    const noItem = rejectionOf(await translate(levelSample, { body: edited(levelSample, (b) => delete b.inventory_item_id) }));
    expect(noItem).toMatchObject({ code: "invalid_payload", message: "inventory_item_id: expected an integer id, got nothing" });
    const noAvailable = rejectionOf(await translate(levelSample, { body: edited(levelSample, (b) => delete b.available) }));
    expect(noAvailable).toMatchObject({ code: "invalid_payload", message: "available: missing" });
    const badTime = rejectionOf(await translate(levelSample, { body: edited(levelSample, (b) => (b.updated_at = "2021-12-31 19:00")) }));
    expect(badTime).toMatchObject({ code: "invalid_payload", message: expect.stringContaining("updated_at") });
    const fractional = rejectionOf(await translate(levelSample, { body: edited(levelSample, (b) => (b.available = 1.5)) }));
    expect(fractional.message).toBe("available: expected an integer, got 1.5");
  });
});

describe("orders/create", () => {
  const placed = (lineId: string, variantId: string, quantity: number, sku: string, title: string, location = "wh-main") => ({
    id: `order:${ORDER}:line:${lineId}:placed`,
    type: "order.placed",
    ...lineFields(variantId, location, quantity),
    payload: { order_id: ORDER, order_name: "#9999", line_item: { id: lineId, variant_id: variantId, sku, title, quantity } },
  });

  it("emits nothing for the documented sample, whose lines are all custom items", async () => {
    const note = "no order line moves stock (5 line(s): 5 custom item(s) without variant_id, 0 with quantity 0)";
    expect(await translate(createSample)).toEqual({ kind: "events", topic: "orders/create", deliveryId: EVENT_ID, events: [], note });
  });

  it("commits each stock line at the default location, skipping custom and zero-quantity lines", async () => {
    const events = eventsOf(await translate(createVariants));
    expect(events).toEqual([placed(L_SUN, V_SMALL, 2, "SKU2006-001", "Aviator sunglasses"), placed(L_TABLE, V_TABLE, 1, "SKU2006-035", "Coffee table")]);
  });

  it("commits a POS order at its mapped location_id", async () => {
    const events = eventsOf(await translate(createVariants, { body: edited(createVariants, (b) => (b.location_id = 24826418)) }));
    expect(events.map((e) => e.location)).toEqual(["wh-east", "wh-east"]);
  });

  it("rejects the whole order when its location_id is unmapped", async () => {
    const t = rejectionOf(await translate(createVariants, { body: edited(createVariants, (b) => (b.location_id = 655441491)) }));
    expect(t).toMatchObject({ code: "unmapped_location", message: expect.stringContaining('"655441491"') });
  });

  it("refuses an impossible calendar date instead of rolling it over (30 February is not 2 March)", async () => {
    const t = rejectionOf(await translate(createVariants, { headers: { "x-shopify-triggered-at": undefined }, body: edited(createVariants, (b) => (b.created_at = "2017-02-30T10:00:00-05:00")) }));
    expect(t).toMatchObject({ code: "invalid_payload", message: expect.stringContaining("created_at") });
    const level = rejectionOf(await translate(levelSample, { body: edited(levelSample, (b) => (b.updated_at = "2021-04-31T10:00:00-05:00")) }));
    expect(level).toMatchObject({ code: "invalid_payload", message: expect.stringContaining("updated_at") });
    // An impossible X-Shopify-Triggered-At is ignored like any malformed one: the body's time is used.
    const events = eventsOf(await translate(createVariants, { headers: { "x-shopify-triggered-at": "2017-02-30T10:00:00.000Z" } }));
    expect(events.map((e) => e.occurredAt)).toEqual([CREATED, CREATED]);
  });

  it("takes occurredAt from created_at when X-Shopify-Triggered-At is absent or malformed", async () => {
    for (const value of [undefined, "yesterday"]) {
      const events = eventsOf(await translate(createVariants, { headers: { "x-shopify-triggered-at": value } }));
      expect(events.map((e) => e.occurredAt)).toEqual([CREATED, CREATED]);
    }
  });

  it("maps a redelivery (new webhook id, new event id) to the same event ids", async () => {
    const first = await translate(createVariants);
    const again = await translate(createVariants, { headers: { "x-shopify-webhook-id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", "x-shopify-event-id": "other" } });
    expect(eventsOf(again)).toEqual(eventsOf(first));
    expect(again).toMatchObject({ deliveryId: "other" });
  });

  it("uses X-Shopify-Event-Id as delivery id, else X-Shopify-Webhook-Id, else null", async () => {
    expect(await translate(createVariants)).toMatchObject({ deliveryId: EVENT_ID });
    expect(await translate(createVariants, { headers: { "x-shopify-event-id": undefined } })).toMatchObject({ deliveryId: WEBHOOK_ID });
    expect(await translate(createVariants, { headers: { "x-shopify-event-id": undefined, "x-shopify-webhook-id": undefined } })).toMatchObject({ deliveryId: null });
  });

  it("keeps ids above 2^53 exact where JSON.parse would round them", async () => {
    const [e] = eventsOf(await translate(createVariants));
    expect(e.id).toBe("order:820982911946154508:line:487817672276298554:placed");
    expect(e.listing?.externalId).toBe("642667041472713922");
    expect(String((JSON.parse(createVariants.body) as { id: number }).id)).not.toBe(ORDER);
  });

  it("rejects wrong types with the field path", async () => {
    const cases: [(b: Record<string, any>) => void, string][] = [
      [(b) => (b.line_items[0].quantity = "2"), 'line_items[0].quantity: expected an integer, got "2"'],
      [(b) => (b.line_items[3].quantity = -1), "line_items[3].quantity: expected a quantity ≥ 0, got -1"],
      [(b) => delete b.line_items[1].id, "line_items[1].id: expected an integer id, got nothing"],
      [(b) => (b.line_items[0].variant_id = "gid://shopify/ProductVariant/1"), 'line_items[0].variant_id: expected an integer id, got "gid://shopify/ProductVariant/1"'],
      [(b) => (b.line_items = {}), "line_items: expected an array, got {}"],
      [(b) => delete b.id, "id: expected an integer id, got nothing"],
    ];
    for (const [edit, message] of cases) {
      expect(await translate(createVariants, { body: edited(createVariants, edit) })).toEqual({ kind: "rejected", topic: "orders/create", code: "invalid_payload", message });
    }
    expect(rejectionOf(await translate(createVariants, { body: [] })).message).toBe("body: expected an object, got []");
  });

  it("rejects a source without a channel: listings need one", async () => {
    const t = rejectionOf(await translate(createVariants, { ctx: context({ channel: null }).ctx }));
    expect(t).toMatchObject({ topic: "orders/create", code: "source_has_no_channel", message: expect.stringContaining(`"${SOURCE}"`) });
  });
});

describe("orders/cancelled", () => {
  const ledger: KnownEvents = { [`order:${ORDER}:line:${L_SUN}:placed`]: { location: "store-1", quantity: 3 } };
  const bothPlaced: KnownEvents = { ...ledger, [`order:${ORDER}:line:${L_TABLE}:placed`]: { location: "wh-main", quantity: 2 } };

  it("emits nothing for the documented sample, whose lines are all custom items", async () => {
    const t = await translate(cancelledSample);
    expect(t).toMatchObject({ kind: "events", events: [], note: expect.stringContaining("5 custom item(s)") });
  });

  it("releases what was not shipped where each line was placed, and nothing for lines never seen placed", async () => {
    const { ctx, asked } = context({ ledger });
    const events = eventsOf(await translate(cancelledVariants, { ctx }));
    // The fully shipped lounger line is not even looked up; the custom line is skipped.
    expect(asked).toEqual([[`order:${ORDER}:line:${L_SUN}:placed`, `order:${ORDER}:line:${L_TABLE}:placed`]]);
    // The signed cancelled_at, not the unsigned X-Shopify-Triggered-At (review finding 18).
    const common = { source: SOURCE, type: "order.cancelled", sku: null, channel: CHANNEL, occurredAt: CREATED, orderId: ORDER, reason: "oversold" };
    expect(events).toEqual([
      {
        ...common,
        id: `order:${ORDER}:line:${L_SUN}:cancelled`,
        listing: listing(V_SMALL),
        location: "store-1",
        quantity: 2, // 3 ordered, 1 shipped by the successful fulfillment
        payload: {
          order_id: ORDER,
          order_name: "#9999",
          cancel_reason: "inventory",
          shipped_quantity: 1,
          line_item: { id: L_SUN, variant_id: V_SMALL, sku: "SKU2006-001", title: "Aviator sunglasses", quantity: 3 },
        },
      },
    ]);
  });

  it("releases a line placed before with what the ledger committed, at most", async () => {
    const capped: KnownEvents = { [`order:${ORDER}:line:${L_SUN}:placed`]: { location: "store-1", quantity: 1 } };
    const t = await translate(cancelledVariants, { ctx: context({ ledger: capped }).ctx });
    expect(eventsOf(t).map((e) => [e.id, e.quantity])).toEqual([[`order:${ORDER}:line:${L_SUN}:cancelled`, 1]]);
    expect(t).toMatchObject({ note: expect.stringContaining(`${L_TABLE} were never seen placed`) });
  });

  it("maps Shopify cancel reasons to canonical ones", async () => {
    const cases: [unknown, string][] = [
      ["customer", "customer"],
      ["fraud", "other"],
      ["inventory", "oversold"],
      ["declined", "payment"],
      ["other", "other"],
      ["staff", "other"],
      [null, "other"],
    ];
    for (const [shopify, canonical] of cases) {
      const events = eventsOf(await translate(cancelledVariants, { body: edited(cancelledVariants, (b) => (b.cancel_reason = shopify)), ctx: context({ ledger: bothPlaced }).ctx }));
      expect(events.map((e) => e.reason)).toEqual([canonical, canonical]);
    }
  });

  it("emits nothing when every stock line already shipped in full", async () => {
    const body = edited(cancelledVariants, (b) => (b.fulfillments[1].status = "success"));
    const withAll = edited(cancelledVariants, (b) => {
      b.fulfillments[1].status = "success";
      b.fulfillments[0].line_items[0].quantity = 3;
    });
    expect(eventsOf(await translate(cancelledVariants, { body, ctx: context({ ledger: bothPlaced }).ctx })).map((e) => e.id)).toEqual([`order:${ORDER}:line:${L_SUN}:cancelled`]);
    expect(await translate(cancelledVariants, { body: withAll, ctx: context({ ledger: bothPlaced }).ctx })).toMatchObject({ events: [], note: expect.stringContaining("already shipped") });
  });

  it("takes occurredAt from cancelled_at without X-Shopify-Triggered-At", async () => {
    const events = eventsOf(await translate(cancelledVariants, { headers: { "x-shopify-triggered-at": undefined }, ctx: context({ ledger: bothPlaced }).ctx }));
    expect(events.map((e) => e.occurredAt)).toEqual([CREATED, CREATED]);
  });
});

describe("refunds/create", () => {
  it("emits nothing for the documented sample (all no_restock)", async () => {
    const t = await translate(refundSample);
    expect(t).toEqual({ kind: "events", topic: "refunds/create", deliveryId: EVENT_ID, events: [], note: "no refund line restocks stock (5 × no_restock)" });
  });

  it("turns each return into received + inspected resellable at the restock location", async () => {
    const events = eventsOf(await translate(refundReturn));
    const refund = "890088186047892319";
    const pair = (rliId: string, variantId: string, quantity: number, location: string, locationId: string | null, line: object) => {
      const common = {
        ...lineFields(variantId, location, quantity),
        payload: { refund_id: refund, order_id: ORDER, refund_line_item: { id: rliId, quantity, restock_type: "return", location_id: locationId }, line_item: line },
      };
      return [
        { ...common, id: `refund:${refund}:line:${rliId}:received`, type: "return.received" },
        { ...common, id: `refund:${refund}:line:${rliId}:inspected`, type: "return.inspected", condition: "resellable" },
      ];
    };
    expect(events).toEqual([
      ...pair("487817672276298627", V_SMALL, 1, "wh-east", "24826418", { id: L_SUN, variant_id: V_SMALL, sku: "SKU2006-001", title: "Aviator sunglasses", quantity: 2 }),
      ...pair("976318377106520422", V_TABLE, 2, "wh-main", null, { id: L_LOUNGER, variant_id: V_TABLE, sku: "SKU2006-020", title: "Mid-century lounger", quantity: 2 }),
    ]);
  });

  it("treats legacy_restock like no_restock (it cannot tell a return from a cancel)", async () => {
    const body = edited(refundReturn, (b) => b.refund_line_items.forEach((l: Record<string, unknown>) => (l.restock_type = "legacy_restock")));
    expect(await translate(refundReturn, { body })).toMatchObject({ events: [], note: "no refund line restocks stock (5 × legacy_restock)" });
  });

  it("rejects an unknown restock_type and an unmapped restock location", async () => {
    const unknown = edited(refundReturn, (b) => (b.refund_line_items[2].restock_type = "exchange"));
    expect(rejectionOf(await translate(refundReturn, { body: unknown }))).toMatchObject({
      code: "invalid_payload",
      message: 'refund_line_items[2].restock_type: expected one of return, cancel, no_restock, legacy_restock, got "exchange"',
    });
    const unmapped = edited(refundReturn, (b) => (b.refund_line_items[0].location_id = 655441491));
    expect(rejectionOf(await translate(refundReturn, { body: unmapped }))).toMatchObject({ code: "unmapped_location", message: expect.stringContaining('"655441491"') });
  });

  it("takes occurredAt from created_at without X-Shopify-Triggered-At", async () => {
    const events = eventsOf(await translate(refundReturn, { headers: { "x-shopify-triggered-at": undefined } }));
    expect(new Set(events.map((e) => e.occurredAt))).toEqual(new Set([CREATED]));
  });
});

describe("fulfillments/create", () => {
  const placedSun = `order:${ORDER}:line:${L_SUN}:placed`;
  const placedLounger = `order:${ORDER}:line:${L_LOUNGER}:placed`;
  const payload = (line: object) => ({ fulfillment_id: "123456", order_id: ORDER, name: "#9999.1", location_id: "24826418", line_item: line });
  const sun = { id: L_SUN, variant_id: V_SMALL, sku: "SKU2006-001", title: "Aviator sunglasses", quantity: 1 };
  const lounger = { id: L_LOUNGER, variant_id: V_MEDIUM, sku: "SKU2006-020", title: "Mid-century lounger", quantity: 2 };
  const common = { source: SOURCE, sku: null, channel: CHANNEL, occurredAt: TRIGGERED, orderId: ORDER };

  it("emits nothing for the documented sample (status pending)", async () => {
    const t = await translate(fulfillmentSample);
    expect(t).toEqual({ kind: "events", topic: "fulfillments/create", deliveryId: EVENT_ID, events: [], note: 'fulfillment status "pending": nothing shipped' });
  });

  it("ships where committed, and reallocates first a line committed elsewhere", async () => {
    const { ctx, asked } = context({ ledger: { [placedSun]: { location: "wh-east", quantity: 2 }, [placedLounger]: { location: "store-1", quantity: 2 } } });
    const events = eventsOf(await translate(fulfillmentSuccess, { ctx }));
    expect(asked).toEqual([[placedSun, placedLounger]]);
    expect(events).toEqual([
      { ...common, id: `fulfillment:123456:line:${L_SUN}:shipped`, type: "order.shipped", listing: listing(V_SMALL), location: "wh-east", quantity: 1, payload: payload(sun) },
      {
        ...common,
        id: `fulfillment:123456:line:${L_LOUNGER}:reallocated`,
        type: "order.reallocated",
        listing: listing(V_MEDIUM),
        location: "store-1",
        toLocation: "wh-east",
        quantity: 2,
        payload: payload(lounger),
      },
      { ...common, id: `fulfillment:123456:line:${L_LOUNGER}:shipped`, type: "order.shipped", listing: listing(V_MEDIUM), location: "wh-east", quantity: 2, payload: payload(lounger) },
    ]);
  });

  it("commits a line never seen placed where it ships, under the orders/create id, then ships it", async () => {
    const events = eventsOf(await translate(fulfillmentSuccess));
    expect(events.map((e) => [e.id, e.type, e.location, e.quantity])).toEqual([
      [placedSun, "order.placed", "wh-east", 1],
      [`fulfillment:123456:line:${L_SUN}:shipped`, "order.shipped", "wh-east", 1],
      [placedLounger, "order.placed", "wh-east", 2],
      [`fulfillment:123456:line:${L_LOUNGER}:shipped`, "order.shipped", "wh-east", 2],
    ]);
  });

  it("ships from the default location when the fulfillment names none", async () => {
    const body = edited(fulfillmentSuccess, (b) => (b.location_id = null));
    const { ctx } = context({ ledger: { [placedSun]: { location: "wh-main", quantity: 1 }, [placedLounger]: { location: "wh-main", quantity: 2 } } });
    const events = eventsOf(await translate(fulfillmentSuccess, { body, ctx }));
    expect(events.map((e) => [e.type, e.location])).toEqual([
      ["order.shipped", "wh-main"],
      ["order.shipped", "wh-main"],
    ]);
  });

  it("ships only successful (or status-less) fulfillments", async () => {
    for (const status of ["cancelled", "failure", "error", "open"]) {
      const t = await translate(fulfillmentSuccess, { body: edited(fulfillmentSuccess, (b) => (b.status = status)) });
      expect(t).toMatchObject({ kind: "events", events: [], note: `fulfillment status "${status}": nothing shipped` });
    }
    const missing = eventsOf(await translate(fulfillmentSuccess, { body: edited(fulfillmentSuccess, (b) => delete b.status) }));
    expect(missing.filter((e) => e.type === "order.shipped")).toHaveLength(2);
  });
});

describe("topics", () => {
  it("rejects a topic it does not translate, and a delivery without a topic", async () => {
    const other = rejectionOf(await translate(levelSample, { headers: { "x-shopify-topic": "products/update" } }));
    expect(other).toMatchObject({ topic: "products/update", code: "unknown_topic", message: expect.stringContaining('"products/update"') });
    const none = rejectionOf(await translate(levelSample, { headers: { "x-shopify-topic": undefined } }));
    expect(none).toMatchObject({ topic: null, code: "unknown_topic" });
  });
});

describe("inventory_levels/update ids", () => {
  it("keeps two different levels reported in the same second apart", async () => {
    const [a] = eventsOf(await translate(levelSample));
    const [b] = eventsOf(await translate(levelSample, { body: edited(levelSample, (x) => (x.available = 9)) }));
    expect(a.id).not.toBe(b.id);
  });
});

describe("fulfillments/update", () => {
  it("ships a fulfillment that turned success with the same ids as fulfillments/create, so it ships once", async () => {
    const created = eventsOf(await translate(fulfillmentSuccess));
    const updated = eventsOf(await translate(fulfillmentSuccess, { headers: { "x-shopify-topic": "fulfillments/update" } }));
    expect(updated.map((e) => e.id)).toEqual(created.map((e) => e.id));
    expect(updated.length).toBeGreaterThan(0);
  });
});

describe("unsigned headers (review finding 18)", () => {
  const bothPlaced: KnownEvents = {
    [`order:${ORDER}:line:${L_SUN}:placed`]: { location: "store-1", quantity: 3 },
    [`order:${ORDER}:line:${L_TABLE}:placed`]: { location: "wh-main", quantity: 1 },
  };
  const as = (topic: string) => ({ "x-shopify-topic": topic });

  it("an orders/create body re-sent as orders/cancelled releases nothing: a cancellation needs the order's cancelled_at", async () => {
    const t = rejectionOf(await translate(createVariants, { headers: as("orders/cancelled"), ctx: context({ ledger: bothPlaced }).ctx }));
    expect(t).toMatchObject({ topic: "orders/cancelled", code: "topic_mismatch", message: expect.stringContaining("cancelled_at is not set") });
    const cancelledNull = edited(cancelledVariants, (b) => (b.cancelled_at = null));
    expect(rejectionOf(await translate(cancelledVariants, { body: cancelledNull, ctx: context({ ledger: bothPlaced }).ctx })).code).toBe("topic_mismatch");
  });

  it("a body of one kind is refused under another kind's topic", async () => {
    const cases: [ProviderFixture, string, string][] = [
      [refundReturn, "orders/cancelled", "a refund, not an order"],
      [cancelledVariants, "refunds/create", "an order, not a refund"],
      [createVariants, "fulfillments/create", "an order, not a fulfillment"],
      [fulfillmentSuccess, "orders/create", "a fulfillment, not an order"],
      [levelSample, "refunds/create", "an inventory level, not a refund"],
      [refundReturn, "inventory_levels/update", "a refund, not an inventory level"],
    ];
    for (const [f, topic, says] of cases) {
      expect(rejectionOf(await translate(f, { headers: as(topic), ctx: context({ ledger: bothPlaced }).ctx })), `${f.topic} as ${topic}`).toMatchObject({
        code: "topic_mismatch",
        message: expect.stringContaining(says),
      });
      // Without admin_graphql_api_id the shape still tells.
      const bare = edited(f, (b) => delete b.admin_graphql_api_id);
      expect(rejectionOf(await translate(f, { body: bare, headers: as(topic), ctx: context({ ledger: bothPlaced }).ctx })).code, `${f.topic} as ${topic} without gid`).toBe("topic_mismatch");
    }
  });

  it("every fixture passes under its own topic", async () => {
    for (const f of [levelSample, levelNegative, createSample, createVariants, cancelledSample, cancelledVariants, refundSample, refundReturn, fulfillmentSample, fulfillmentSuccess]) {
      expect((await translate(f, { ctx: context({ ledger: bothPlaced }).ctx })).kind, f.topic).toBe("events");
    }
  });

  it("a cancellation's time is the signed cancelled_at, whatever X-Shopify-Triggered-At says", async () => {
    const events = eventsOf(await translate(cancelledVariants, { headers: { "x-shopify-triggered-at": "2026-09-10T23:59:00Z" }, ctx: context({ ledger: bothPlaced }).ctx }));
    expect(events.map((e) => e.occurredAt)).toEqual([CREATED, CREATED]);
  });
});
