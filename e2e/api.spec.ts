import { expect, test } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";
import { LOCATION, postEvent, putCatalog, uniqueCode } from "./support/onepool-api";
import { anonymous } from "./support/people";

// The Next-served API through real HTTP: every refusal is a 4xx in the error shape, never a 500 page.

const auth = { authorization: `Bearer ${E2E_TOKEN}` };

test.describe("HTTP API", () => {
  test("health reports a reachable database and applied migrations", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: { reachable: true }, migrations: { pending: 0 } });
  });

  test("PUT /api/catalog refuses without a token, with bad fields, and with a listing to an unknown SKU", async ({ request, baseURL }) => {
    const anon = await anonymous(baseURL);
    expect((await anon.put("/api/catalog", { data: { skus: [] } })).status()).toBe(401);
    await anon.dispose();
    const bad = await request.put("/api/catalog", { headers: auth, data: { skus: [{ code: "X", name: "x", price: -1 }] } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: "invalid_field", details: { field: "skus.0.price" } });
    const unknownField = await request.put("/api/catalog", { headers: auth, data: { skus: [], colour: "red" } });
    expect((await unknownField.json()).error.code).toBe("unknown_field");
    // The channel comes in the same request, so only the SKU is unknown…
    const channel = `e2e-rolled-back-${Date.now()}`;
    const orphan = await request.put("/api/catalog", {
      headers: auth,
      data: { channels: [{ code: channel, name: "Never saved", kind: "website" }], listings: [{ channel, externalId: "1", sku: "NO-SUCH-SKU" }] },
    });
    expect(orphan.status()).toBe(422);
    expect((await orphan.json()).error.code).toBe("unknown_sku");
    // …and nothing of the refused request was saved: its channel is still unknown.
    const again = await request.put("/api/catalog", { headers: auth, data: { listings: [{ channel, externalId: "1", sku: "NO-SUCH-SKU" }] } });
    expect((await again.json()).error.code).toBe("unknown_channel");
    const notJson = await request.put("/api/catalog", { headers: { ...auth, "content-type": "application/json" }, data: "{oops" });
    expect(notJson.status()).toBe(400);
  });

  test("GET /api/skus validates sort and cursor; a SKU's numbers match its buckets", async ({ request }) => {
    expect((await request.get("/api/skus?sort=price")).status()).toBe(400);
    expect((await (await request.get("/api/skus?cursor=garbage")).json()).error.code).toBe("invalid_cursor");
    expect((await request.get("/api/skus", { headers: { authorization: "Bearer wrong" } })).status()).toBe(401);

    const code = uniqueCode("API");
    await putCatalog(request, [{ code, name: "API check" }]);
    await postEvent(request, { type: "receipt", sku: code, quantity: 12 });
    await postEvent(request, { type: "order.placed", sku: code, quantity: 5 });
    const list = await (await request.get(`/api/skus?q=${code}`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ code, availableReal: 7 });
    // Published numbers are stored by the publisher's pass a few milliseconds after the commit.
    await expect
      .poll(async () => ((await (await request.get(`/api/skus?q=${code}`)).json()).items[0].channels as { code: string }[]).find((c) => c.code === "e2e-web"))
      .toEqual({ code: "e2e-web", published: 7, paused: false, pausedBy: null });
    const detail = await (await request.get(`/api/skus/${code}`)).json();
    expect(detail).toMatchObject({ code, availableReal: 7 });
    expect(detail.locations.find((l: { code: string }) => l.code === LOCATION)).toMatchObject({ onHand: 12, committed: 5, available: 7 });
    const events = await (await request.get(`/api/skus/${code}/events`)).json();
    expect(events.events.map((e: { type: string }) => e.type)).toEqual(["order.placed", "receipt"]);
  });

  test("unknown SKUs and unknown API paths are JSON 404s", async ({ request }) => {
    for (const path of ["/api/skus/NO-SUCH-SKU", "/api/skus/NO-SUCH-SKU/events", "/api/skus/NO-SUCH-SKU/sales", "/api/nothing-here"]) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(404);
      expect((await res.json()).error.code).toBe("not_found");
    }
  });
});
