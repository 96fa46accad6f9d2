import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as orderCreated from "@/tests/fixtures/providers/woocommerce/order-created";
import * as orderCancelled from "@/tests/fixtures/providers/woocommerce/order-updated-cancelled";
import * as orderCompleted from "@/tests/fixtures/providers/woocommerce/order-updated-completed";
import * as orderRefunded from "@/tests/fixtures/providers/woocommerce/order-updated-refunded";
import * as productUnmanaged from "@/tests/fixtures/providers/woocommerce/product-updated";
import * as productManaged from "@/tests/fixtures/providers/woocommerce/product-updated-managed";
import * as productVariation from "@/tests/fixtures/providers/woocommerce/product-updated-variation";
import { parseProviderJson } from "./provider-json";
import type { CanonicalInput, Delivery, SourceConfig, TranslateContext, Translation } from "./types";
import { expectEvents, expectRejection, type KnownEvents, ledgerContext, type ProviderFixture, testSource } from "@/tests/support/translator-harness";
import { translateWooCommerce } from "./woocommerce";

const NOW = new Date("2026-01-15T12:00:00.000Z");
const SECRET = "test-webhook-secret";
const SOURCE = testSource({ code: "woo-shop", provider: "woocommerce", channel: "website", locations: { default: "wh-main" } });

/** A delivery as the server hands it over: signed like Woo signs it, body parsed big-int-safe. */
function delivery(f: ProviderFixture, edit?: (body: Record<string, unknown>) => void, headers: Record<string, string> = {}): Delivery {
  const body = parseProviderJson(f.body) as Record<string, unknown>;
  edit?.(body);
  const signature = createHmac("sha256", SECRET).update(f.body).digest("base64");
  return { headers: { ...f.headers, "x-wc-webhook-signature": signature, ...headers }, body, receivedAt: NOW };
}

/** A ledger stub: `known` are the events of this source already recorded; `asked` logs every lookup. */
const context = (known: KnownEvents = {}, source: Partial<SourceConfig> = {}) => ledgerContext({ ...SOURCE, ...source }, known);

/** Translate and require events; every event must pass the canonical validator. */
async function events(d: Delivery, ctx: TranslateContext = context().ctx): Promise<{ events: CanonicalInput[]; note?: string; deliveryId: string | null }> {
  return expectEvents(await translateWooCommerce(d, ctx), NOW);
}

async function rejected(d: Delivery, ctx: TranslateContext = context().ctx): Promise<Extract<Translation, { kind: "rejected" }>> {
  return expectRejection(await translateWooCommerce(d, ctx));
}

/** The compact [type, id, listing, location, quantity, occurredAt, reason] view of events. */
function brief(es: CanonicalInput[]) {
  return es.map((e) => [e.type, e.id, e.listing?.externalId, e.location, e.quantity, e.occurredAt, e.reason ?? null]);
}

/** The ids of an order 727 line's placed, shipped and cancelled events. */
const lineEventIds = (line: number) => [`order:727:line:${line}:placed`, `order:727:line:${line}:shipped`, `order:727:line:${line}:cancelled`] as const;
const [P315, S315, C315] = lineEventIds(315);
const [P316, S316, C316] = lineEventIds(316);
const ALL_LINE_IDS = [P315, S315, C315, P316, S316, C316];

describe("WooCommerce product.updated", () => {
  it("documented product (manage_stock false) changes no stock", async () => {
    const t = await events(delivery(productUnmanaged));
    expect(t.events).toEqual([]);
    expect(t.note).toBe("product 794: stock not managed");
    expect(t.deliveryId).toBe("5f0c3a7d2b9e4c1f8a6d0e2b7c9f1a34");
  });

  it("managed stock becomes one available snapshot at the default location", async () => {
    const t = await events(delivery(productManaged));
    const modifiedMs = Date.parse("2017-03-24T13:15:42Z");
    expect(t.events).toEqual([
      {
        id: `product:794:${modifiedMs}:12`,
        source: "woo-shop",
        type: "snapshot",
        bucket: "available",
        sku: null,
        listing: { channel: "website", externalId: "794" },
        location: "wh-main",
        quantity: 12,
        occurredAt: "2017-03-24T13:15:42Z",
        payload: { product: { id: "794", parent_id: "0", type: "simple", sku: "", stock_quantity: 12, date_modified_gmt: "2017-03-24T13:15:42" } },
      },
    ]);
    expect(t.note).toBeUndefined();
    expect(t.deliveryId).toBe("9a41d7c0e3f24b6a8c5d1e0f2a7b3c68");
  });

  it("a variation snapshots its own listing (its own id, not the parent's)", async () => {
    const t = await events(delivery(productVariation));
    expect(brief(t.events)).toEqual([["snapshot", `product:732:${Date.parse("2017-03-23T03:36:38Z")}:7`, "732", "wh-main", 7, "2017-03-23T03:36:38Z", null]]);
    expect(t.events[0].payload).toMatchObject({ product: { id: "732", parent_id: "22", type: "variation" } });
  });

  it("negative stock (backorders) is sent as 0 and the raw value kept in the payload and id", async () => {
    const t = await events(delivery(productManaged, (b) => (b.stock_quantity = -3)));
    expect(t.events).toHaveLength(1);
    expect(t.events[0].quantity).toBe(0);
    expect(t.events[0].id).toBe(`product:794:${Date.parse("2017-03-24T13:15:42Z")}:-3`);
    expect(t.events[0].payload).toMatchObject({ clampedFrom: -3, product: { stock_quantity: -3 } });
    expect(t.note).toContain("-3");
  });

  it("stock_quantity 0 is a real snapshot (sold out), not skipped", async () => {
    const t = await events(delivery(productManaged, (b) => (b.stock_quantity = 0)));
    expect(brief(t.events)).toEqual([["snapshot", `product:794:${Date.parse("2017-03-24T13:15:42Z")}:0`, "794", "wh-main", 0, "2017-03-24T13:15:42Z", null]]);
  });

  it("manage_stock true with stock_quantity null changes no stock", async () => {
    const t = await events(delivery(productManaged, (b) => (b.stock_quantity = null)));
    expect(t.events).toEqual([]);
    expect(t.note).toBe("product 794: stock not managed");
  });

  it("a re-sent product maps to the same id; another stock at the same second to another id", async () => {
    const a = await events(delivery(productManaged, undefined, { "x-wc-webhook-delivery-id": "aaaa" }));
    const b = await events(delivery(productManaged, undefined, { "x-wc-webhook-delivery-id": "bbbb" }));
    const c = await events(delivery(productManaged, (x) => (x.stock_quantity = 11)));
    expect(a.deliveryId).toBe("aaaa");
    expect(b.deliveryId).toBe("bbbb");
    expect(b.events).toEqual(a.events);
    expect(c.events[0].id).not.toBe(a.events[0].id);
  });

  it("ids beyond 2^53 are kept exact", async () => {
    const f = { ...productManaged, body: productManaged.body.replace(`"id": 794,`, `"id": 9007199254740993,`) };
    const t = await events(delivery(f));
    expect(t.events[0].listing).toEqual({ channel: "website", externalId: "9007199254740993" });
    expect(t.events[0].id.startsWith("product:9007199254740993:")).toBe(true);
  });

  it("rejects a managed product without date_modified_gmt", async () => {
    const r = await rejected(delivery(productManaged, (b) => delete b.date_modified_gmt));
    expect(r).toEqual({ kind: "rejected", topic: "product.updated", code: "invalid_payload", message: "product 794: date_modified_gmt is missing" });
  });

  it("rejects a date_modified_gmt that is not a GMT date-time", async () => {
    const r = await rejected(delivery(productManaged, (b) => (b.date_modified_gmt = "2017-02-30T10:00:00")));
    expect(r.code).toBe("invalid_payload");
    expect(r.message).toContain("date_modified_gmt");
  });

  it("rejects fractional or missing stock, a missing id, a non-boolean manage_stock", async () => {
    expect((await rejected(delivery(productManaged, (b) => (b.stock_quantity = 2.5)))).message).toContain("stock_quantity must be an integer");
    expect((await rejected(delivery(productManaged, (b) => delete b.stock_quantity))).message).toBe("product 794: stock_quantity is missing");
    expect((await rejected(delivery(productManaged, (b) => delete b.id))).message).toBe("id is missing");
    expect((await rejected(delivery(productManaged, (b) => (b.manage_stock = "parent")))).code).toBe("invalid_payload");
  });

  it("rejects a managed product when the source maps no default location, naming key and source", async () => {
    const r = await rejected(delivery(productManaged), context({}, { locations: { "other-key": "wh-x" } }).ctx);
    expect(r.code).toBe("unmapped_location");
    expect(r.message).toContain('"default"');
    expect(r.message).toContain('"woo-shop"');
  });

  it("an unmanaged product needs no location mapping", async () => {
    const t = await events(delivery(productUnmanaged), context({}, { locations: {} }).ctx);
    expect(t.events).toEqual([]);
  });
});

describe("WooCommerce order.created", () => {
  it("documented processing order: one order.placed per line (variation id for variations)", async () => {
    const t = await events(delivery(orderCreated));
    expect(t.events[0]).toEqual({
      id: P315,
      source: "woo-shop",
      type: "order.placed",
      sku: null,
      listing: { channel: "website", externalId: "93" },
      location: "wh-main",
      channel: "website",
      quantity: 2,
      occurredAt: "2017-03-22T19:28:02Z",
      orderId: "727",
      payload: {
        order: { id: "727", number: "727", status: "processing" },
        line: { id: "315", product_id: "93", variation_id: "0", quantity: 2, sku: "", name: "Woo Single #1" },
      },
    });
    expect(brief(t.events)).toEqual([
      ["order.placed", P315, "93", "wh-main", 2, "2017-03-22T19:28:02Z", null],
      ["order.placed", P316, "23", "wh-main", 1, "2017-03-22T19:28:02Z", null],
    ]);
    expect(t.note).toBeUndefined();
    expect(t.deliveryId).toBe("3c8e1f0a7b2d49c6a5e4f1d0b9c8a723");
  });

  it("pending and on-hold orders also hold stock", async () => {
    for (const status of ["pending", "on-hold"]) {
      const t = await events(delivery(orderCreated, (b) => (b.status = status)));
      expect(t.events.map((e) => [e.type, e.id])).toEqual([
        ["order.placed", P315],
        ["order.placed", P316],
      ]);
    }
  });

  it("an order created already completed is placed and shipped at once", async () => {
    const t = await events(delivery(orderCreated, (b) => (b.status = "completed")));
    expect(brief(t.events)).toEqual([
      ["order.placed", P315, "93", "wh-main", 2, "2017-03-22T19:28:02Z", null],
      ["order.shipped", S315, "93", "wh-main", 2, "2017-03-22T19:28:02Z", null],
      ["order.placed", P316, "23", "wh-main", 1, "2017-03-22T19:28:02Z", null],
      ["order.shipped", S316, "23", "wh-main", 1, "2017-03-22T19:28:02Z", null],
    ]);
  });

  it("orders created in a status that holds no stock emit nothing", async () => {
    for (const status of ["cancelled", "failed", "refunded", "trash", "draft", "checkout-draft"]) {
      const t = await events(
        delivery(orderCreated, (b) => (b.status = status)),
        context({}, { locations: {} }).ctx,
      );
      expect(t.events).toEqual([]);
      expect(t.note).toBe(`order 727 created with status "${status}", which holds no stock`);
    }
  });

  it.each([
    ["a zero-quantity line is skipped and said so", "quantity", "line 315: quantity 0"],
    ["a line without a product (product_id 0) commits nothing", "product_id", "line 315: no product"],
  ])("%s", async (_, field, note) => {
    const t = await events(
      delivery(orderCreated, (b) => {
        (b.line_items as Record<string, unknown>[])[0][field] = 0;
      }),
    );
    expect(t.events.map((e) => e.id)).toEqual([P316]);
    expect(t.note).toBe(note);
  });

  it("all lines zero: no events, no location needed", async () => {
    const t = await events(
      delivery(orderCreated, (b) => {
        for (const l of b.line_items as Record<string, unknown>[]) l.quantity = 0;
      }),
      context({}, { locations: {} }).ctx,
    );
    expect(t.events).toEqual([]);
    expect(t.note).toBe("line 315: quantity 0; line 316: quantity 0");
  });

  it("a redelivery (new delivery id) maps to identical events", async () => {
    const a = await events(delivery(orderCreated, undefined, { "x-wc-webhook-delivery-id": "first" }));
    const b = await events(delivery(orderCreated, undefined, { "x-wc-webhook-delivery-id": "second" }));
    expect(b.events).toEqual(a.events);
    expect([a.deliveryId, b.deliveryId]).toEqual(["first", "second"]);
  });

  it("rejects malformed orders with a precise message", async () => {
    const cases: [(b: Record<string, unknown>) => void, string][] = [
      [(b) => delete b.date_created_gmt, "order 727: date_created_gmt is missing"],
      [(b) => (b.line_items = null), "order 727: line_items must be an array"],
      [(b) => delete b.status, "order 727: status must be a non-empty string"],
      [(b) => delete (b.line_items as Record<string, unknown>[])[1].id, "order 727: line_items[1].id is missing"],
      [(b) => delete (b.line_items as Record<string, unknown>[])[0].product_id, "order 727: line_items[0].product_id is missing"],
      [(b) => ((b.line_items as Record<string, unknown>[])[0].quantity = -1), "order 727: line_items[0].quantity must be an integer from 0 to 1000000000, got -1"],
      [(b) => ((b.line_items as Record<string, unknown>[])[1].id = 315), "order 727: line item id 315 appears twice"],
      [(b) => (b.id = "abc"), 'id must be a non-negative integer id, got "abc"'],
    ];
    for (const [edit, message] of cases) {
      expect(await rejected(delivery(orderCreated, edit))).toEqual({ kind: "rejected", topic: "order.created", code: "invalid_payload", message });
    }
  });

  it("rejects a body that is not a JSON object", async () => {
    const d = { ...delivery(orderCreated), body: [1, 2] };
    expect(await rejected(d)).toMatchObject({ code: "invalid_payload", message: "order must be a JSON object" });
  });

  it("rejects when the source has no channel", async () => {
    const r = await rejected(delivery(orderCreated), context({}, { channel: null }).ctx);
    expect(r).toMatchObject({ kind: "rejected", topic: "order.created", code: "source_has_no_channel" });
    expect(r.message).toContain('"woo-shop"');
  });

  it("rejects when the default location is not mapped", async () => {
    const r = await rejected(delivery(orderCreated), context({}, { locations: {} }).ctx);
    expect(r).toEqual({
      kind: "rejected",
      topic: "order.created",
      code: "unmapped_location",
      message: 'source "woo-shop" maps no Onepool location for WooCommerce location key "default"',
    });
  });
});

describe("WooCommerce order.updated → completed (documented Update an Order response)", () => {
  it("lines placed earlier ship their placed quantity where they were committed", async () => {
    const { ctx, asked } = context({ [P315]: { location: "wh-east", quantity: 2 }, [P316]: { location: "wh-main", quantity: 1 } });
    const t = await events(delivery(orderCompleted), ctx);
    expect(asked).toEqual([ALL_LINE_IDS]);
    expect(brief(t.events)).toEqual([
      ["order.shipped", S315, "93", "wh-east", 2, "2017-03-22T19:30:35Z", null],
      ["order.shipped", S316, "23", "wh-main", 1, "2017-03-22T19:30:35Z", null],
    ]);
    expect(t.events[0]).toMatchObject({ channel: "website", orderId: "727", sku: null, payload: { order: { id: "727", number: "727", status: "completed" } } });
    expect(t.deliveryId).toBe("d41f7a2c9e0b4d8f86a3c1e5b7f20c91");
  });

  it("a line never seen placed is placed first (same id as order.created) so committed never goes negative", async () => {
    const t = await events(delivery(orderCompleted), context({ [P316]: { location: "wh-main", quantity: 1 } }).ctx);
    expect(brief(t.events)).toEqual([
      ["order.placed", P315, "93", "wh-main", 2, "2017-03-22T19:30:35Z", null],
      ["order.shipped", S315, "93", "wh-main", 2, "2017-03-22T19:30:35Z", null],
      ["order.shipped", S316, "23", "wh-main", 1, "2017-03-22T19:30:35Z", null],
    ]);
  });

  it("already shipped lines emit nothing", async () => {
    const known = {
      [P315]: { location: "wh-main", quantity: 2 },
      [S315]: { location: "wh-main", quantity: 2 },
      [P316]: { location: "wh-main", quantity: 1 },
      [S316]: { location: "wh-main", quantity: 1 },
    };
    const t = await events(delivery(orderCompleted), context(known).ctx);
    expect(t.events).toEqual([]);
    expect(t.note).toBe("line 315: already shipped; line 316: already shipped");
  });

  it("a line cancelled earlier is not shipped (its commitment is already released)", async () => {
    const known = { [P315]: { location: "wh-main", quantity: 2 }, [C315]: { location: "wh-main", quantity: 2 }, [P316]: { location: "wh-main", quantity: 1 } };
    const t = await events(delivery(orderCompleted), context(known).ctx);
    expect(t.events.map((e) => e.id)).toEqual([S316]);
    expect(t.note).toBe("line 315: cancelled earlier, not shipped");
  });

  it("shipping lines that were placed needs no location mapping", async () => {
    const known = { [P315]: { location: "wh-main", quantity: 2 }, [P316]: { location: "wh-main", quantity: 1 } };
    const t = await events(delivery(orderCompleted), context(known, { locations: {} }).ctx);
    expect(t.events.map((e) => e.id)).toEqual([S315, S316]);
  });

  it("a redelivery maps to identical ids", async () => {
    const a = await events(delivery(orderCompleted, undefined, { "x-wc-webhook-delivery-id": "one" }));
    const b = await events(delivery(orderCompleted, undefined, { "x-wc-webhook-delivery-id": "two" }));
    expect(b.events).toEqual(a.events);
    expect(a.events.map((e) => e.id)).toEqual([P315, S315, P316, S316]);
  });

  it("rejects an update without date_modified_gmt", async () => {
    const r = await rejected(delivery(orderCompleted, (b) => delete b.date_modified_gmt));
    expect(r).toEqual({ kind: "rejected", topic: "order.updated", code: "invalid_payload", message: "order 727: date_modified_gmt is missing" });
  });
});

describe("WooCommerce order.updated → cancelled / failed / refunded", () => {
  const placed: KnownEvents = { [P315]: { location: "wh-east", quantity: 2 }, [P316]: { location: "wh-main", quantity: 1 } };

  it("cancelled releases each placed line (reason customer) at its committed location and quantity", async () => {
    const t = await events(delivery(orderCancelled), context(placed).ctx);
    expect(brief(t.events)).toEqual([
      ["order.cancelled", C315, "93", "wh-east", 2, "2017-03-22T19:41:12Z", "customer"],
      ["order.cancelled", C316, "23", "wh-main", 1, "2017-03-22T19:41:12Z", "customer"],
    ]);
    expect(t.events[0]).toMatchObject({ channel: "website", orderId: "727", payload: { order: { status: "cancelled" }, line: { id: "315" } } });
  });

  it("the placed quantity is released, not the line's current quantity", async () => {
    const t = await events(delivery(orderCancelled), context({ [P315]: { location: "wh-main", quantity: 5 } }).ctx);
    expect(t.events.map((e) => [e.id, e.quantity])).toEqual([[C315, 5]]);
    expect(t.note).toBe("line 316: never placed");
  });

  it("failed releases with reason payment", async () => {
    const t = await events(
      delivery(orderCancelled, (b) => (b.status = "failed")),
      context(placed).ctx,
    );
    expect(t.events.map((e) => [e.type, e.id, e.reason])).toEqual([
      ["order.cancelled", C315, "payment"],
      ["order.cancelled", C316, "payment"],
    ]);
  });

  it("lines never placed: nothing to release, and no location needed", async () => {
    const t = await events(delivery(orderCancelled), context({}, { locations: {} }).ctx);
    expect(t.events).toEqual([]);
    expect(t.note).toBe("line 315: never placed; line 316: never placed");
  });

  it("shipped or already cancelled lines are not released again", async () => {
    const known = { ...placed, [S315]: { location: "wh-east", quantity: 2 }, [C316]: { location: "wh-main", quantity: 1 } };
    const t = await events(delivery(orderCancelled), context(known).ctx);
    expect(t.events).toEqual([]);
    expect(t.note).toBe("line 315: already shipped; line 316: already cancelled");
  });

  it("refunded releases what was not shipped; shipped lines stay shipped", async () => {
    const known = { ...placed, [S315]: { location: "wh-east", quantity: 2 } };
    const t = await events(delivery(orderRefunded), context(known).ctx);
    expect(brief(t.events)).toEqual([["order.cancelled", C316, "23", "wh-main", 1, "2017-03-22T19:52:30Z", "customer"]]);
    expect(t.note).toBe("line 315: already shipped");
    expect(t.events[0].payload).toMatchObject({ order: { id: "727", status: "refunded" } });
  });

  it("refunded before shipping releases every placed line", async () => {
    const t = await events(delivery(orderRefunded), context(placed).ctx);
    expect(t.events.map((e) => [e.type, e.id, e.quantity, e.reason])).toEqual([
      ["order.cancelled", C315, 2, "customer"],
      ["order.cancelled", C316, 1, "customer"],
    ]);
  });

  it("a redelivered cancellation maps to identical ids", async () => {
    const a = await events(delivery(orderCancelled, undefined, { "x-wc-webhook-delivery-id": "x1" }), context(placed).ctx);
    const b = await events(delivery(orderCancelled, undefined, { "x-wc-webhook-delivery-id": "x2" }), context(placed).ctx);
    expect(b.events).toEqual(a.events);
  });
});

describe("WooCommerce order.updated → pending / processing / on-hold", () => {
  // The documented order-created body (status processing) delivered as an update.
  const update = (status: string) =>
    delivery({ ...orderCreated, topic: "order.updated", headers: { ...orderCreated.headers, "x-wc-webhook-topic": "order.updated", "x-wc-webhook-event": "updated" } }, (b) => (b.status = status));

  it("places lines not yet placed, at the update's time", async () => {
    for (const status of ["processing", "on-hold", "pending"]) {
      const t = await events(update(status));
      expect(brief(t.events)).toEqual([
        ["order.placed", P315, "93", "wh-main", 2, "2017-03-22T19:28:08Z", null],
        ["order.placed", P316, "23", "wh-main", 1, "2017-03-22T19:28:08Z", null],
      ]);
    }
  });

  it("lines already placed: nothing", async () => {
    const known = { [P315]: { location: "wh-main", quantity: 2 }, [P316]: { location: "wh-main", quantity: 1 } };
    const t = await events(update("processing"), context(known).ctx);
    expect(t.events).toEqual([]);
    expect(t.note).toBe("line 315: already placed; line 316: already placed");
  });

  it("places only the missing line", async () => {
    const t = await events(update("on-hold"), context({ [P315]: { location: "wh-main", quantity: 2 } }).ctx);
    expect(t.events.map((e) => e.id)).toEqual([P316]);
  });

  it("rejects placing when the default location is not mapped", async () => {
    expect((await rejected(update("processing"), context({}, { locations: {} }).ctx)).code).toBe("unmapped_location");
  });

  it("statuses that change no stock emit nothing without asking the ledger", async () => {
    for (const status of ["trash", "draft", "checkout-draft", "wc-custom-status"]) {
      const { ctx, asked } = context();
      const t = await events(update(status), ctx);
      expect(t.events).toEqual([]);
      expect(t.note).toBe(`order 727: status "${status}" changes no stock`);
      expect(asked).toEqual([]);
    }
  });
});

describe("WooCommerce topics", () => {
  it("unused topics answer with no events", async () => {
    for (const topic of ["product.created", "product.deleted", "product.restored", "order.deleted", "order.restored"]) {
      const t = await events(delivery(orderCreated, undefined, { "x-wc-webhook-topic": topic }), context({}, { channel: null, locations: {} }).ctx);
      expect(t).toEqual({ kind: "events", topic, deliveryId: "3c8e1f0a7b2d49c6a5e4f1d0b9c8a723", events: [], note: `topic ${topic} is not used` });
    }
  });

  it("unknown topics are rejected", async () => {
    const r = await rejected(delivery(orderCreated, undefined, { "x-wc-webhook-topic": "coupon.created" }));
    expect(r).toMatchObject({ kind: "rejected", topic: "coupon.created", code: "unknown_topic" });
  });

  it("a delivery without a topic header is rejected", async () => {
    const d = delivery(orderCreated);
    const headers = { ...d.headers };
    delete headers["x-wc-webhook-topic"];
    expect(await rejected({ ...d, headers })).toEqual({ kind: "rejected", topic: null, code: "missing_topic", message: "the X-WC-Webhook-Topic header is missing" });
  });

  it("deliveryId is null without the delivery header", async () => {
    const d = delivery(orderCreated);
    const headers = { ...d.headers };
    delete headers["x-wc-webhook-delivery-id"];
    expect((await events({ ...d, headers })).deliveryId).toBeNull();
  });

  it("fixtures name their own topic in the header", () => {
    for (const f of [orderCreated, orderCancelled, orderCompleted, orderRefunded, productUnmanaged, productManaged, productVariation]) {
      expect(f.headers["x-wc-webhook-topic"]).toBe(f.topic);
      expect(() => parseProviderJson(f.body)).not.toThrow();
    }
  });
});
