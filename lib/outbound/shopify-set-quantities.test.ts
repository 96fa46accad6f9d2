import { describe, expect, it } from "vitest";
import { startShopifyReceiver } from "@/tests/support/shopify-receiver";
import {
  buildReadAvailable,
  buildSetQuantities,
  readAvailableResponse,
  readSetQuantitiesResponse,
  readShopifyFailure,
  SHOPIFY_API_VERSION,
  shopifyCasField,
  shopifyGid,
  shopifyGraphqlUrl,
  shopifyRequestHeaders,
} from "./shopify-set-quantities";

// Ids from Shopify's own inventorySetQuantities example, plus one past 2^53.
const ITEM = "30322695";
const LOCATION = "124656943";
const BIG = "9007199254740993"; // 2^53 + 1: Number() would turn it into ...992
const ITEM_GID = `gid://shopify/InventoryItem/${ITEM}`;
const LOCATION_GID = `gid://shopify/Location/${LOCATION}`;
const REF = "gid://onepool/Publication/42";

const base = {
  inventoryItemIds: [ITEM],
  locationId: LOCATION,
  quantity: 11,
  compareQuantity: 1 as number | null,
  idempotencyKey: "550e8400-e29b-41d4-a716-446655440000",
  referenceDocumentUri: REF,
};

describe("shopifyGid", () => {
  it("builds gids from numeric strings and accepts existing ones", () => {
    expect(shopifyGid("InventoryItem", ITEM)).toBe(ITEM_GID);
    expect(shopifyGid("Location", ` ${LOCATION_GID} `)).toBe(LOCATION_GID);
  });

  it("keeps ids beyond 2^53 exact", () => {
    expect(shopifyGid("InventoryItem", BIG)).toBe(`gid://shopify/InventoryItem/${BIG}`);
    expect(shopifyGid("Location", "18446744073709551615")).toBe("gid://shopify/Location/18446744073709551615");
  });

  it("refuses other kinds and non-ids", () => {
    expect(() => shopifyGid("Location", ITEM_GID)).toThrow(TypeError);
    for (const bad of ["", "0", "012", "12a", "1e5", "-3", "gid://shopify/InventoryItem/", "gid://other/Location/1", "123456789012345678901"]) {
      expect(() => shopifyGid("Location", bad), bad).toThrow(TypeError);
    }
  });
});

describe("endpoint and headers", () => {
  it("uses the versioned graphql.json path on myshopify.com", () => {
    expect(SHOPIFY_API_VERSION).toBe("2026-01");
    expect(shopifyGraphqlUrl("acme")).toBe("https://acme.myshopify.com/admin/api/2026-01/graphql.json");
    expect(shopifyGraphqlUrl("https://Acme-Store.myshopify.com/", "2026-10")).toBe("https://acme-store.myshopify.com/admin/api/2026-10/graphql.json");
    expect(() => shopifyGraphqlUrl("acme/../x")).toThrow(TypeError);
  });

  it("sends the token in X-Shopify-Access-Token as JSON", () => {
    expect(shopifyRequestHeaders("shpat_x")).toMatchObject({ "Content-Type": "application/json", "X-Shopify-Access-Token": "shpat_x" });
  });

  it("maps versions to the compare-and-set field", () => {
    expect(shopifyCasField("2026-01")).toBe("compareQuantity");
    expect(shopifyCasField("2026-04")).toBe("changeFromQuantity");
    expect(shopifyCasField("2026-10")).toBe("changeFromQuantity");
    expect(shopifyCasField("unstable")).toBe("changeFromQuantity");
    expect(() => shopifyCasField("2025-10")).toThrow(RangeError); // no @idempotent there
    expect(() => shopifyCasField("2026-02")).toThrow(RangeError);
  });
});

describe("buildSetQuantities", () => {
  it("builds the documented mutation with @idempotent and compareQuantity (2026-01)", () => {
    const { query, variables } = buildSetQuantities(base);
    expect(query).toMatch(/mutation \w+\(\$input: InventorySetQuantitiesInput!, \$idempotencyKey: String!\)/);
    expect(query).toContain("inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey)");
    expect(query).toMatch(/userErrors \{\s+code\s+field\s+message\s+\}/);
    expect(variables).toEqual({
      input: {
        name: "available",
        reason: "correction",
        referenceDocumentUri: REF,
        quantities: [{ inventoryItemId: ITEM_GID, locationId: LOCATION_GID, quantity: 11, compareQuantity: 1 }],
      },
      idempotencyKey: base.idempotencyKey,
    });
  });

  it("says 'current number unknown' with ignoreCompareQuantity before 2026-04", () => {
    const { variables } = buildSetQuantities({ ...base, compareQuantity: null });
    expect(variables.input).toEqual({
      name: "available",
      reason: "correction",
      referenceDocumentUri: REF,
      ignoreCompareQuantity: true,
      quantities: [{ inventoryItemId: ITEM_GID, locationId: LOCATION_GID, quantity: 11, compareQuantity: null }],
    });
  });

  it("uses changeFromQuantity, explicit null included, from 2026-04", () => {
    const known = buildSetQuantities({ ...base, apiVersion: "2026-10" }).variables.input;
    expect(known).toEqual({
      name: "available",
      reason: "correction",
      referenceDocumentUri: REF,
      quantities: [{ inventoryItemId: ITEM_GID, locationId: LOCATION_GID, quantity: 11, changeFromQuantity: 1 }],
    });
    const unknown = buildSetQuantities({ ...base, compareQuantity: null, apiVersion: "2026-04" }).variables.input;
    expect(JSON.stringify(unknown)).toContain('"changeFromQuantity":null');
    expect(JSON.stringify(unknown)).not.toMatch(/compareQuantity|ignoreCompareQuantity/);
  });

  it("sends one entry per inventory item, big ids exact in the JSON", () => {
    const { variables } = buildSetQuantities({ ...base, inventoryItemIds: [ITEM, `gid://shopify/InventoryItem/${BIG}`], quantity: 0, compareQuantity: 3 });
    const body = JSON.stringify({ query: "", variables });
    expect(body).toContain(`"inventoryItemId":"gid://shopify/InventoryItem/${BIG}"`);
    const input = variables.input as { quantities: unknown[] };
    expect(input.quantities).toEqual([
      { inventoryItemId: ITEM_GID, locationId: LOCATION_GID, quantity: 0, compareQuantity: 3 },
      { inventoryItemId: `gid://shopify/InventoryItem/${BIG}`, locationId: LOCATION_GID, quantity: 0, compareQuantity: 3 },
    ]);
  });

  it("refuses what Shopify would refuse", () => {
    expect(() => buildSetQuantities({ ...base, inventoryItemIds: [] })).toThrow(RangeError);
    expect(() => buildSetQuantities({ ...base, inventoryItemIds: [ITEM, ITEM_GID] })).toThrow(/twice/);
    expect(() => buildSetQuantities({ ...base, quantity: -1 })).toThrow(RangeError);
    expect(() => buildSetQuantities({ ...base, quantity: 1.5 })).toThrow(RangeError);
    expect(() => buildSetQuantities({ ...base, quantity: 1_000_000_001 })).toThrow(RangeError);
    expect(() => buildSetQuantities({ ...base, compareQuantity: 2 ** 31 })).toThrow(RangeError);
    expect(() => buildSetQuantities({ ...base, idempotencyKey: " " })).toThrow(TypeError);
    expect(() => buildSetQuantities({ ...base, referenceDocumentUri: "no scheme" })).toThrow(TypeError);
    expect(() => buildSetQuantities({ ...base, locationId: ITEM_GID })).toThrow(TypeError);
  });
});

describe("reading available", () => {
  it("builds a nodes → inventoryLevel(locationId) → quantities(available) query", () => {
    const { query, variables } = buildReadAvailable({ inventoryItemIds: [ITEM, ITEM_GID, BIG], locationId: LOCATION });
    expect(query).toContain("nodes(ids: $ids)");
    expect(query).toContain("... on InventoryItem");
    expect(query).toContain("inventoryLevel(locationId: $locationId)");
    expect(query).toContain('quantities(names: ["available"])');
    expect(variables).toEqual({ ids: [ITEM_GID, `gid://shopify/InventoryItem/${BIG}`], locationId: LOCATION_GID });
  });

  it("maps items to available, null when not stocked, by gid or numeric id", () => {
    const json = {
      data: {
        nodes: [{ id: ITEM_GID, inventoryLevel: { quantities: [{ name: "available", quantity: 7 }] } }, { id: `gid://shopify/InventoryItem/${BIG}`, inventoryLevel: null }, null],
      },
      extensions: { cost: { requestedQueryCost: 4, actualQueryCost: 4, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1996, restoreRate: 100 } } },
    };
    const map = readAvailableResponse(json);
    expect(map.size).toBe(2);
    expect(map.get(ITEM_GID)).toBe(7);
    expect(map.get(ITEM)).toBe(7);
    expect(map.has(BIG)).toBe(true);
    expect(map.get(BIG)).toBeNull();
    expect([...map.keys()]).toEqual([ITEM_GID, `gid://shopify/InventoryItem/${BIG}`]);
  });

  it("throws on GraphQL errors and on shapes it does not know", () => {
    expect(() => readAvailableResponse({ errors: [{ message: "Access denied", extensions: { code: "ACCESS_DENIED" } }] })).toThrow(/ACCESS_DENIED/);
    expect(() => readAvailableResponse({ data: { nodes: [{ id: ITEM_GID, inventoryLevel: { quantities: [{ name: "available", quantity: "7" }] } }] } })).toThrow();
    expect(() => readAvailableResponse(null)).toThrow();
  });
});

describe("readSetQuantitiesResponse", () => {
  const ok = {
    data: {
      inventorySetQuantities: {
        inventoryAdjustmentGroup: {
          createdAt: "2024-11-07T22:03:12Z",
          reason: "Inventory correction",
          referenceDocumentUri: "logistics://some.warehouse/take/2023-01-23T13:14:15Z",
          changes: [
            { name: "available", delta: 10 },
            { name: "on_hand", delta: 10 },
          ],
        },
        userErrors: [],
      },
    },
  };
  const userErrors = (...errs: Array<{ code: string | null; field: string[] | null; message: string }>) => ({
    data: { inventorySetQuantities: { inventoryAdjustmentGroup: null, userErrors: errs } },
  });

  it("acks a 200 without errors", () => {
    expect(readSetQuantitiesResponse(200, ok, null)).toEqual({ kind: "ack" });
  });

  it("reads both compare-mismatch codes as stale", () => {
    const old = readSetQuantitiesResponse(
      200,
      userErrors({ code: "COMPARE_QUANTITY_STALE", field: ["input", "quantities", "0", "compareQuantity"], message: "The compareQuantity value does not match persisted value." }),
      null,
    );
    expect(old).toEqual({ kind: "stale", reason: "COMPARE_QUANTITY_STALE at input.quantities.0.compareQuantity: The compareQuantity value does not match persisted value." });
    const now = readSetQuantitiesResponse(
      200,
      userErrors({ code: "CHANGE_FROM_QUANTITY_STALE", field: ["input", "quantities", "1", "changeFromQuantity"], message: "The changeFromQuantity value does not match persisted value." }),
      null,
    );
    expect(now.kind).toBe("stale");
  });

  it("retries on 429, using Retry-After or the throttle status", () => {
    expect(readSetQuantitiesResponse(429, null, "2.0")).toEqual({ kind: "retry", reason: "HTTP 429 too many requests", retryAfterMs: 2000 });
    const throttled = {
      errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
      extensions: { cost: { requestedQueryCost: 70, actualQueryCost: null, throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 66, restoreRate: 50 } } },
    };
    expect(readSetQuantitiesResponse(429, throttled, null)).toMatchObject({ kind: "retry", retryAfterMs: 80 });
  });

  it("retries on a THROTTLED 200, waiting for the bucket to refill", () => {
    const throttled = {
      errors: [{ message: "Throttled" }],
      extensions: { cost: { requestedQueryCost: 202, actualQueryCost: null, throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 118, restoreRate: 50 } } },
    };
    const out = readSetQuantitiesResponse(200, throttled, null);
    expect(out).toEqual({ kind: "retry", reason: "THROTTLED: Throttled", retryAfterMs: 1680 });
  });

  it("retries on 5xx, INTERNAL_SERVER_ERROR, a concurrent idempotent request and unreadable 2xx bodies", () => {
    expect(readSetQuantitiesResponse(503, null, null)).toEqual({ kind: "retry", reason: "HTTP 503 from Shopify", retryAfterMs: null });
    expect(readSetQuantitiesResponse(502, { errors: "Bad Gateway" }, "1")).toEqual({ kind: "retry", reason: "HTTP 502 from Shopify: Bad Gateway", retryAfterMs: 1000 });
    expect(readSetQuantitiesResponse(200, { errors: [{ message: "Internal error.", extensions: { code: "INTERNAL_SERVER_ERROR" } }] }, null).kind).toBe("retry");
    expect(readSetQuantitiesResponse(200, userErrors({ code: "IDEMPOTENCY_CONCURRENT_REQUEST", field: null, message: "This request is currently in progress, please try again." }), null).kind).toBe(
      "retry",
    );
    expect(readSetQuantitiesResponse(200, null, null).kind).toBe("retry");
  });

  it("rejects 401, 403 and 404 with the status", () => {
    const r401 = readSetQuantitiesResponse(401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" }, null);
    expect(r401).toMatchObject({ kind: "reject", status: 401 });
    expect(r401.kind === "reject" && r401.reason).toMatch(/access token/);
    expect(readSetQuantitiesResponse(403, null, null)).toMatchObject({ kind: "reject", status: 403, reason: expect.stringMatching(/write_inventory/) });
    expect(readSetQuantitiesResponse(404, { errors: "Not Found" }, null)).toMatchObject({ kind: "reject", status: 404 });
  });

  it("rejects ACCESS_DENIED and validation errors, naming the code", () => {
    const denied = { errors: [{ message: "Access denied for inventorySetQuantities field. Required access: `write_inventory` access scope.", extensions: { code: "ACCESS_DENIED" } }] };
    expect(readSetQuantitiesResponse(200, denied, null)).toMatchObject({ kind: "reject", status: 200, reason: expect.stringMatching(/^ACCESS_DENIED: /) });
    const invalid = {
      errors: [{ message: "Variable $input of type InventorySetQuantitiesInput! was provided invalid value for quantities.0.compareQuantity (Field is not defined on InventoryQuantityInput)" }],
    };
    expect(readSetQuantitiesResponse(200, invalid, null)).toMatchObject({ kind: "reject", reason: expect.stringContaining("compareQuantity") });
  });

  it("rejects other userErrors, naming code and field; mixed with stale still rejects", () => {
    const out = readSetQuantitiesResponse(
      200,
      userErrors({ code: "INVALID_INVENTORY_ITEM", field: ["input", "quantities", "0", "inventoryItemId"], message: "The specified inventory item could not be found." }),
      null,
    );
    expect(out).toEqual({ kind: "reject", status: 200, reason: "INVALID_INVENTORY_ITEM at input.quantities.0.inventoryItemId: The specified inventory item could not be found." });
    const mixed = readSetQuantitiesResponse(
      200,
      userErrors(
        { code: "COMPARE_QUANTITY_STALE", field: ["input", "quantities", "0", "compareQuantity"], message: "stale" },
        { code: "ITEM_NOT_STOCKED_AT_LOCATION", field: ["input", "quantities", "1", "inventoryItemId"], message: "not stocked" },
      ),
      null,
    );
    expect(mixed.kind).toBe("reject");
    expect(
      readSetQuantitiesResponse(
        200,
        userErrors({ code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH", field: null, message: "The same idempotency key cannot be used with different operation parameters." }),
        null,
      ).kind,
    ).toBe("reject");
    expect(readSetQuantitiesResponse(200, { data: { inventorySetQuantities: null } }, null).kind).toBe("reject");
  });

  it("shares the transport verdict with reads", () => {
    expect(readShopifyFailure(200, { data: { nodes: [] } }, null)).toBeNull();
    expect(readShopifyFailure(429, null, null)).toEqual({ kind: "retry", reason: "HTTP 429 too many requests", retryAfterMs: null });
  });
});

describe("against the local Shopify receiver", () => {
  async function post(url: string, token: string, body: { query: string; variables: Record<string, unknown> }) {
    const res = await fetch(url, { method: "POST", headers: shopifyRequestHeaders(token), body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as unknown, retryAfter: res.headers.get("retry-after") };
  }

  it("applies a matching compare once, replays a repeated key, and reports a stale compare", async () => {
    const shop = await startShopifyReceiver({ accessToken: "shpat_test", failFirst: 1 });
    try {
      shop.setAvailable(ITEM, LOCATION, 1);
      shop.setAvailable(BIG, LOCATION, 1);
      const req = buildSetQuantities({ ...base, inventoryItemIds: [ITEM, BIG] });

      const first = await post(shop.url, "shpat_test", req);
      expect(readSetQuantitiesResponse(first.status, first.json, first.retryAfter)).toEqual({ kind: "retry", reason: expect.stringMatching(/^HTTP 503/), retryAfterMs: null });

      const second = await post(shop.url, "shpat_test", req);
      expect(readSetQuantitiesResponse(second.status, second.json, second.retryAfter)).toEqual({ kind: "ack" });
      expect(shop.available.get(`${ITEM_GID}|${LOCATION_GID}`)).toBe(11);
      expect(shop.available.get(`gid://shopify/InventoryItem/${BIG}|${LOCATION_GID}`)).toBe(11);

      // Someone else moves the number; the same key still answers with the first result.
      shop.setAvailable(ITEM, LOCATION, 5);
      const replay = await post(shop.url, "shpat_test", req);
      expect(readSetQuantitiesResponse(replay.status, replay.json, null)).toEqual({ kind: "ack" });
      expect(shop.requests.at(-1)?.replayed).toBe(true);
      expect(shop.available.get(`${ITEM_GID}|${LOCATION_GID}`)).toBe(5);

      // A new attempt with a stale compare changes nothing.
      const stale = await post(shop.url, "shpat_test", buildSetQuantities({ ...base, inventoryItemIds: [ITEM, BIG], quantity: 9, compareQuantity: 11, idempotencyKey: "k2" }));
      expect(readSetQuantitiesResponse(stale.status, stale.json, null)).toMatchObject({
        kind: "stale",
        reason: expect.stringContaining("COMPARE_QUANTITY_STALE at input.quantities.0.compareQuantity"),
      });
      expect(shop.available.get(`gid://shopify/InventoryItem/${BIG}|${LOCATION_GID}`)).toBe(11);

      // Reading back gives the number to compare against next time.
      const read = await post(shop.url, "shpat_test", buildReadAvailable({ inventoryItemIds: [ITEM, BIG, "777"], locationId: LOCATION }));
      expect(readShopifyFailure(read.status, read.json, null)).toBeNull();
      const now = readAvailableResponse(read.json);
      expect(now.get(ITEM)).toBe(5);
      expect(now.get(BIG)).toBe(11);
      expect(now.has("777")).toBe(false);

      // Unknown current number: the documented opt-out goes through.
      const blind = await post(shop.url, "shpat_test", buildSetQuantities({ ...base, compareQuantity: null, quantity: 4, idempotencyKey: "k3" }));
      expect(readSetQuantitiesResponse(blind.status, blind.json, null)).toEqual({ kind: "ack" });
      expect(shop.available.get(`${ITEM_GID}|${LOCATION_GID}`)).toBe(4);
    } finally {
      await shop.close();
    }
  });

  it("turns request drift into rejects", async () => {
    const shop = await startShopifyReceiver({ accessToken: "shpat_test" });
    try {
      shop.setAvailable(ITEM, LOCATION, 1);
      const req = buildSetQuantities(base);
      const badToken = await post(shop.url, "nope", req);
      expect(readSetQuantitiesResponse(badToken.status, badToken.json, null)).toMatchObject({ kind: "reject", status: 401 });

      const wrongVersion = await post(shop.url.replace(SHOPIFY_API_VERSION, "2026-10"), "shpat_test", req);
      expect(readSetQuantitiesResponse(wrongVersion.status, wrongVersion.json, null)).toMatchObject({ kind: "reject", status: 404 });

      const noDirective = await post(shop.url, "shpat_test", { ...req, query: req.query.replace(" @idempotent(key: $idempotencyKey)", "") });
      expect(readSetQuantitiesResponse(noDirective.status, noDirective.json, null)).toMatchObject({ kind: "reject", reason: expect.stringContaining("@idempotent") });

      // The 2026-01 shape sent to a 2026-04+ shop: compareQuantity no longer exists there.
      const newer = await startShopifyReceiver({ accessToken: "shpat_test", apiVersion: "2026-10" });
      try {
        newer.setAvailable(ITEM, LOCATION, 1);
        const drifted = await post(newer.url, "shpat_test", req);
        expect(readSetQuantitiesResponse(drifted.status, drifted.json, null)).toMatchObject({ kind: "reject", reason: expect.stringContaining("compareQuantity") });
        const fitted = await post(newer.url, "shpat_test", buildSetQuantities({ ...base, apiVersion: "2026-10" }));
        expect(readSetQuantitiesResponse(fitted.status, fitted.json, null)).toEqual({ kind: "ack" });
      } finally {
        await newer.close();
      }

      const reused = await post(shop.url, "shpat_test", buildSetQuantities({ ...base, quantity: 12, idempotencyKey: "same" }));
      expect(readSetQuantitiesResponse(reused.status, reused.json, null)).toEqual({ kind: "ack" });
      const mismatch = await post(shop.url, "shpat_test", buildSetQuantities({ ...base, quantity: 13, compareQuantity: 12, idempotencyKey: "same" }));
      expect(readSetQuantitiesResponse(mismatch.status, mismatch.json, null)).toMatchObject({ kind: "reject", reason: expect.stringMatching(/^IDEMPOTENCY_KEY_PARAMETER_MISMATCH/) });
    } finally {
      await shop.close();
    }
  });
});
