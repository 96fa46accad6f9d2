import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as amazonFba from "../fixtures/providers/amazon/fba-inventory-availability-changes";
import * as amazonCanceled from "../fixtures/providers/amazon/order-change-mfn-canceled";
import * as amazonUnshipped from "../fixtures/providers/amazon/order-change-mfn-unshipped";
import * as mlNotification from "../fixtures/providers/mercadolibre/notification-orders-v2";
import * as mlItem from "../fixtures/providers/mercadolibre/relay-item";
import * as mlCancelled from "../fixtures/providers/mercadolibre/relay-order-cancelled";
import * as mlPaid from "../fixtures/providers/mercadolibre/relay-order-paid";
import * as shopifyFulfilled from "../fixtures/providers/shopify/fulfillments-create-success";
import * as shopifyLevel from "../fixtures/providers/shopify/inventory-levels-update";
import * as shopifyCancelled from "../fixtures/providers/shopify/orders-cancelled-with-variants";
import * as shopifyOrder from "../fixtures/providers/shopify/orders-create-with-variants";
import * as shopifyRefund from "../fixtures/providers/shopify/refunds-create-return";
import * as wooCompleted from "../fixtures/providers/woocommerce/order-updated-completed";
import * as wooOrder from "../fixtures/providers/woocommerce/order-created";
import * as wooProduct from "../fixtures/providers/woocommerce/product-updated-managed";
import { resubmitRejection } from "@/server/connectors/resubmit-rejection";
import { level, startTestServer, uniqueCatalog, type TestServer } from "../support/test-server";
import { hmacBase64, postWebhook, registerSource, standardHeaders, whsec } from "../support/webhooks";

// Each provider's documented sample payloads (tests/fixtures/providers, sources cited in each file)
// posted over real HTTP to the webhook endpoint, signed by an independent implementation (HMAC as the
// provider documents it; the standardwebhooks reference library for relays), then the buckets.

type Fixture = { topic: string; headers: Record<string, string>; body: string };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"));
});
afterAll(() => server?.stop());

async function catalog(listings: Record<string, "A" | "B" | "C">) {
  const c = uniqueCatalog({ skus: ["A", "B", "C"] });
  await server.catalog({ ...c.input, listings: Object.entries(listings).map(([externalId, sku]) => ({ channel: c.channel, externalId, sku: c.sku(sku) })) });
  return c;
}

const levelOf = (c: ReturnType<typeof uniqueCatalog>, sku: string, loc: string) => level(server, c.sku(sku), c.loc(loc));

describe("Shopify", () => {
  async function shopify(locations: (c: ReturnType<typeof uniqueCatalog>) => Record<string, string>, opts: { shopDomain?: string } = {}) {
    const c = await catalog({ "271878346596884015": "A", "642667041472713922": "A", "49148385": "B", "757650484644203962": "C" });
    const code = `shopify-${c.tag}`;
    const secret = `shpss_${c.tag}_app_secret_value`;
    await registerSource(server, code, { provider: "shopify", channel: c.channel, secrets: [secret], locations: locations(c), ...opts });
    const send = (f: Fixture, key = secret) => postWebhook(server, `/api/webhooks/shopify/${code}`, f.body, { ...f.headers, "x-shopify-hmac-sha256": hmacBase64(key, f.body) });
    return { c, code, send };
  }

  it("applies inventory levels, orders, fulfillments from another location and restocked returns", async () => {
    const { c, send } = await shopify((c) => ({ default: c.loc("store"), "24826418": c.loc("wh") }));
    const level1 = await send(shopifyLevel);
    expect(level1.status).toBe(200);
    expect(level1.body.outcome).toBe("accepted");
    expect(await levelOf(c, "A", "wh")).toMatchObject({ on_hand: 10, available: 10 });

    // location_id null: commits at the source's default location (§11).
    expect((await send(shopifyOrder)).body.outcome).toBe("accepted");
    expect(await levelOf(c, "A", "store")).toMatchObject({ committed: 2 });
    expect(await levelOf(c, "B", "store")).toMatchObject({ committed: 1 });

    // Ships 1 of A from 24826418 (wh): reallocated from where it was committed, then shipped there.
    // The lounger (C) was never placed (quantity 0 on the order): committed and shipped where it left.
    expect((await send(shopifyFulfilled)).body.outcome).toBe("accepted");
    expect(await levelOf(c, "A", "store")).toMatchObject({ committed: 1 });
    expect(await levelOf(c, "A", "wh")).toMatchObject({ on_hand: 9, committed: 0, available: 9 });
    expect(await levelOf(c, "C", "wh")).toMatchObject({ on_hand: -2, committed: 0 });
    const reallocated = await server.services.pool.query("SELECT count(*)::int AS n FROM event WHERE source = $1 AND type = 'order.reallocated'", [`shopify-${c.tag}`]);
    expect(reallocated.rows[0].n).toBe(1);

    // restock_type "return": received and inspected resellable at once; "cancel"/"no_restock" change nothing.
    expect((await send(shopifyRefund)).body.outcome).toBe("accepted");
    expect(await levelOf(c, "A", "wh")).toMatchObject({ on_hand: 10, quality_control: 0, available: 10 });
    expect(await levelOf(c, "B", "store")).toMatchObject({ on_hand: 2, committed: 1, quality_control: 0 });

    // A redelivery (same body, a new webhook id) is a duplicate.
    const again = await send({ ...shopifyRefund, headers: { ...shopifyRefund.headers, "x-shopify-webhook-id": "another-delivery" } });
    expect(again.status).toBe(200);
    expect(again.body.outcome).toBe("duplicate");
    expect(await levelOf(c, "A", "wh")).toMatchObject({ on_hand: 10 });
  });

  it("releases what a cancelled order had committed and not shipped, with the mapped reason", async () => {
    const { c, code, send } = await shopify((c) => ({ default: c.loc("store"), "24826418": c.loc("wh") }));
    await send(shopifyOrder);
    const res = await send(shopifyCancelled);
    expect(res.body.outcome).toBe("accepted");
    expect(await levelOf(c, "A", "store")).toMatchObject({ committed: 0 });
    expect(await levelOf(c, "B", "store")).toMatchObject({ committed: 0 });
    const reasons = await server.services.pool.query("SELECT DISTINCT reason FROM event WHERE source = $1 AND type = 'order.cancelled'", [code]);
    expect(reasons.rows).toEqual([{ reason: "oversold" }]);
  });

  it("a signed orders/create body re-sent with X-Shopify-Topic orders/cancelled releases nothing (review finding 18)", async () => {
    const { c, send } = await shopify((c) => ({ default: c.loc("store"), "24826418": c.loc("wh") }));
    expect((await send(shopifyOrder)).body.outcome).toBe("accepted");
    expect(await levelOf(c, "A", "store")).toMatchObject({ committed: 2 });
    const replay = await send({ ...shopifyOrder, headers: { ...shopifyOrder.headers, "x-shopify-topic": "orders/cancelled", "x-shopify-triggered-at": new Date().toISOString() } });
    expect(replay.status).toBe(422);
    expect(replay.body.error.code).toBe("topic_mismatch");
    expect(await levelOf(c, "A", "store")).toMatchObject({ committed: 2 });
    expect(await levelOf(c, "B", "store")).toMatchObject({ committed: 1 });
  });

  it("a source bound to its shop refuses deliveries from another shop signed with the same app secret", async () => {
    const { c, code, send } = await shopify((c) => ({ default: c.loc("store"), "24826418": c.loc("wh") }), { shopDomain: "Snowdevil.myshopify.com" });
    const other = await send({ ...shopifyLevel, headers: { ...shopifyLevel.headers, "x-shopify-shop-domain": "another-shop.myshopify.com" } });
    expect(other.status).toBe(401);
    expect(other.body.error.code).toBe("unauthorized");
    const missing = await send({ ...shopifyLevel, headers: { ...shopifyLevel.headers, "x-shopify-shop-domain": "" } });
    expect(missing.status).toBe(401);
    expect(await levelOf(c, "A", "wh")).toBeNull();
    const reasons = await server.services.pool.query("SELECT reason FROM webhook_delivery WHERE source = $1 ORDER BY id", [code]);
    expect(reasons.rows.map((r) => r.reason.split(":")[0])).toEqual(["wrong_shop", "wrong_shop"]);
    // The fixture's own shop (documented headers: snowdevil.myshopify.com) is taken.
    expect((await send(shopifyLevel)).body.outcome).toBe("accepted");
    expect(await levelOf(c, "A", "wh")).toMatchObject({ on_hand: 10 });
  });

  it("refuses a body signed with another secret or changed after signing", async () => {
    const { c, code, send } = await shopify((c) => ({ default: c.loc("store"), "24826418": c.loc("wh") }));
    expect((await send(shopifyLevel, "not-the-app-secret")).status).toBe(401);
    const tampered = shopifyLevel.body.replace('"available": 10', '"available": 99');
    expect(tampered).not.toBe(shopifyLevel.body);
    const res = await postWebhook(server, `/api/webhooks/shopify/${code}`, tampered, {
      ...shopifyLevel.headers,
      "x-shopify-hmac-sha256": hmacBase64(`shpss_${c.tag}_app_secret_value`, shopifyLevel.body),
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthorized");
    expect(await levelOf(c, "A", "wh")).toBeNull();
  });

  it("rejects a level at a location the source does not map, keeps the raw body, and re-submits it once fixed", async () => {
    const { c, code, send } = await shopify((c) => ({ default: c.loc("store") }));
    const res = await send(shopifyLevel);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("unmapped_location");
    const stored = await server.services.pool.query("SELECT raw, topic FROM rejected_event WHERE source = $1", [code]);
    expect(stored.rows).toEqual([{ raw: shopifyLevel.body, topic: "inventory_levels/update" }]);

    // Re-submitting before the fix fails again, in the same row: no pile of copies.
    const rejectedId = String((await server.services.pool.query("SELECT id FROM rejected_event WHERE source = $1", [code])).rows[0].id);
    expect(await resubmitRejection(server.services, rejectedId, SYSTEM_ACTOR)).toMatchObject({ outcome: "rejected", error: { code: "unmapped_location" } });
    const rows = await server.services.pool.query("SELECT resubmit_result FROM rejected_event WHERE source = $1", [code]);
    expect(rows.rows).toEqual([{ resubmit_result: "rejected" }]);

    // Fix the cause (map the location), re-submit: applied once; re-submitting again changes nothing.
    await registerSource(server, code, { provider: "shopify", locations: { default: c.loc("store"), "24826418": c.loc("wh") } });
    const id = (await server.services.pool.query("SELECT id FROM rejected_event WHERE source = $1", [code])).rows[0].id;
    const first = await resubmitRejection(server.services, String(id), SYSTEM_ACTOR);
    expect(first.outcome).toBe("accepted");
    expect(await levelOf(c, "A", "wh")).toMatchObject({ on_hand: 10, available: 10 });
    expect((await resubmitRejection(server.services, String(id), SYSTEM_ACTOR)).outcome).toBe("duplicate");
    const marked = await server.services.pool.query("SELECT resubmit_result FROM rejected_event WHERE id = $1", [id]);
    expect(marked.rows[0].resubmit_result).toBe("duplicate");
    const audit = await server.services.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE target = $1 AND action = 'rejection.resubmitted'", [`rejected_event:${id}`]);
    expect(audit.rows[0].n).toBe(3);
  });
});

describe("WooCommerce", () => {
  async function woo() {
    const c = await catalog({ "794": "A", "93": "B", "23": "C" });
    const code = `woo-${c.tag}`;
    const secret = `woo_${c.tag}_webhook_secret`;
    await registerSource(server, code, { provider: "woocommerce", channel: c.channel, secrets: [secret], locations: { default: c.loc("wh") } });
    const send = (f: Fixture, key = secret) => postWebhook(server, `/api/webhooks/woocommerce/${code}`, f.body, { ...f.headers, "x-wc-webhook-signature": hmacBase64(key, f.body) });
    return { c, code, send };
  }

  it("answers the unsigned ping Woo sends when a webhook is saved", async () => {
    const { code } = await woo();
    const res = await postWebhook(server, `/api/webhooks/woocommerce/${code}`, "webhook_id=142", { "content-type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe("ping");
  });

  it("applies a managed product's stock as an available snapshot", async () => {
    const { c, send } = await woo();
    expect((await send(wooProduct)).body.outcome).toBe("accepted");
    expect(await levelOf(c, "A", "wh")).toMatchObject({ on_hand: 12, available: 12 });
  });

  it("commits an order's lines on creation and ships them when completed; a repeat is a duplicate", async () => {
    const { c, send } = await woo();
    expect((await send(wooOrder)).body.outcome).toBe("accepted");
    expect(await levelOf(c, "B", "wh")).toMatchObject({ committed: 2 });
    expect(await levelOf(c, "C", "wh")).toMatchObject({ committed: 1 });
    expect((await send(wooCompleted)).body.outcome).toBe("accepted");
    expect(await levelOf(c, "B", "wh")).toMatchObject({ committed: 0, on_hand: -2 });
    expect(await levelOf(c, "C", "wh")).toMatchObject({ committed: 0, on_hand: -1 });
    // Woo sends each delivery with a new id: identity is (order, status), so this changes nothing
    // (the translator already knows the lines shipped, so it answers with nothing to apply).
    const again = await send({ ...wooCompleted, headers: { ...wooCompleted.headers, "x-wc-webhook-delivery-id": "another" } });
    expect(again.status).toBe(200);
    expect(["duplicate", "ignored"]).toContain(again.body.outcome);
    expect(await levelOf(c, "B", "wh")).toMatchObject({ committed: 0, on_hand: -2 });
  });

  it("refuses a wrong signature with 401", async () => {
    const { c, send } = await woo();
    const res = await send(wooProduct, "wrong-secret-value");
    expect(res.status).toBe(401);
    expect(await levelOf(c, "A", "wh")).toBeNull();
  });
});

describe("Amazon SP-API (relayed, Standard Webhooks–signed)", () => {
  async function amazon() {
    const c = await catalog({ "SELLERSKU-1": "A", SellerSKUID1: "B" });
    const code = `amazon-${c.tag}`;
    const secret = whsec();
    await registerSource(server, code, {
      provider: "amazon",
      channel: c.channel,
      secrets: [secret],
      locations: { ATVPDKIKX0DER: c.loc("wh"), A2EUQ1WTGCTBG2: c.loc("store"), "d7679e14-031b-4ab3-a81b-ec4fc7a460b3": c.loc("store") },
    });
    const send = (f: Fixture, key = secret) => postWebhook(server, `/api/webhooks/amazon/${code}`, f.body, { ...f.headers, ...standardHeaders(key, f.body) });
    return { c, send };
  }

  it("sets FBA fulfillable quantities as available per marketplace location", async () => {
    const { c, send } = await amazon();
    expect((await send(amazonFba)).body.outcome).toBe("accepted");
    expect(await levelOf(c, "A", "wh")).toMatchObject({ on_hand: 50, available: 50 });
    expect(await levelOf(c, "A", "store")).toMatchObject({ on_hand: 40, available: 40 });
    expect((await send(amazonFba)).body.outcome).toBe("duplicate");
  });

  it("commits an unshipped MFN order at its supply source and releases it when cancelled", async () => {
    const { c, send } = await amazon();
    expect((await send(amazonUnshipped)).body.outcome).toBe("accepted");
    expect(await levelOf(c, "B", "store")).toMatchObject({ committed: 10 });
    expect((await send(amazonCanceled)).body.outcome).toBe("accepted");
    expect(await levelOf(c, "B", "store")).toMatchObject({ committed: 0 });
  });

  it("refuses an unsigned relay post", async () => {
    const { send } = await amazon();
    const res = await send(amazonFba, whsec());
    expect(res.status).toBe(401);
  });
});

describe("MercadoLibre", () => {
  async function meli(locations: (c: ReturnType<typeof uniqueCatalog>) => Record<string, string>) {
    const c = await catalog({ MLB3868780585: "A", MLB3737188005: "B" });
    const code = `meli-${c.tag}`;
    const secret = whsec();
    const key = `ml-key-${c.tag}-0123456789`;
    await registerSource(server, code, {
      provider: "mercadolibre",
      channel: c.channel,
      secrets: [secret],
      locations: locations(c),
      applicationId: "5503910054141466",
      userId: "468424240",
      notificationKey: key,
    });
    const path = `/api/webhooks/mercadolibre/${code}`;
    const relay = (f: Fixture) => postWebhook(server, path, f.body, { ...f.headers, ...standardHeaders(secret, f.body) });
    const notify = (body: string, k = key) => postWebhook(server, `${path}?key=${encodeURIComponent(k)}`, body, { "content-type": "application/json" });
    return { c, code, relay, notify };
  }

  it("records a notification once (compared as strings), and refuses a wrong key or another application", async () => {
    const { code, notify } = await meli((c) => ({ default: c.loc("wh") }));
    const first = await notify(mlNotification.body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ outcome: "recorded", topic: "orders_v2", resource: "/orders/2195160686" });
    expect((await notify(mlNotification.body)).body.outcome).toBe("duplicate");
    const stored = await server.services.pool.query("SELECT application_id, user_id FROM provider_notification WHERE source = $1", [code]);
    expect(stored.rows).toEqual([{ application_id: "5503910054141466", user_id: "468424240" }]);

    expect((await notify(mlNotification.body, "not-the-key-0123456789")).status).toBe(401);
    const other = mlNotification.body.replace("5503910054141466", "1111111111111111");
    const res = await notify(other);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("wrong_application");
  });

  it("applies a relayed item's available_quantity as a snapshot", async () => {
    const { c, relay } = await meli((c) => ({ default: c.loc("wh") }));
    expect((await relay(mlItem)).body.outcome).toBe("accepted");
    expect(await levelOf(c, "A", "wh")).toMatchObject({ on_hand: 200, available: 200 });
  });

  it("commits a relayed paid order at the store it names and releases it when cancelled", async () => {
    const { c, relay } = await meli((c) => ({ default: c.loc("wh"), "54936888": c.loc("store") }));
    expect((await relay(mlPaid)).body.outcome).toBe("accepted");
    expect(await levelOf(c, "B", "store")).toMatchObject({ committed: 2 });
    // The same order is fetched again on every notification: identity is (order, status).
    expect((await relay(mlPaid)).body.outcome).toBe("duplicate");
    expect((await relay(mlCancelled)).body.outcome).toBe("accepted");
    expect(await levelOf(c, "B", "store")).toMatchObject({ committed: 0 });
  });
});
