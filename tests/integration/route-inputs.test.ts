import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { routeStandIn } from "../support/route-stand-in";
import { startTestServer, TEST_TOKEN, uniqueCatalog, type TestServer } from "../support/test-server";

// Security review finding 23: inputs that made 500s on the per-SKU routes, over real HTTP through
// the route handlers (params decoded once, as Next does).

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"), {}, { nextHandler: routeStandIn() });
});
afterAll(() => server?.stop());

const get = (path: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });

describe("per-SKU routes", () => {
  it("a SKU code holding % is found (it was decoded twice: a 500)", async () => {
    const c = uniqueCatalog({ skus: ["50%OFF"] });
    await server.catalog(c.input);
    const path = `/api/skus/${encodeURIComponent(c.sku("50%OFF"))}`;
    const detail = await get(path);
    expect(detail.status).toBe(200);
    expect((await detail.json()).code).toBe(c.sku("50%OFF"));
    expect((await get(`${path}/events`)).status).toBe(200);
    // A code that merely looks escaped is taken as written, not decoded again.
    expect((await get(`/api/skus/${encodeURIComponent("A%20B-none")}`)).status).toBe(404);
  });

  it("?before= beyond a 64-bit integer is a 400 naming the field, not a 500", async () => {
    const c = uniqueCatalog();
    await server.catalog(c.input);
    const base = `/api/skus/${encodeURIComponent(c.sku("A"))}/events`;
    const tooBig = await get(`${base}?before=9999999999999999999`);
    expect(tooBig.status).toBe(400);
    expect((await tooBig.json()).error.details.field).toBe("before");
    expect((await get(`${base}?before=9223372036854775807`)).status).toBe(200);
  });

  it("text Postgres cannot store is a 400 naming the field on the Next routes and reservations (found by the fuzz test)", async () => {
    const c = uniqueCatalog();
    await server.catalog(c.input);
    const send = (method: string, path: string, body: string) =>
      fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${TEST_TOKEN}`, "content-type": "application/json" }, body });
    const pause = await send("POST", "/api/pauses", JSON.stringify({ channel: c.channel, reason: "a\u0000b" }));
    expect(pause.status).toBe(400);
    expect((await pause.json()).error.details.field).toBe("reason");
    const rule = await send("POST", "/api/rules", `{"channel":"${c.channel}","tag":"\\ud800"}`);
    expect(rule.status).toBe(400);
    expect((await rule.json()).error.details.field).toBe("tag");
    const hold = await send("POST", "/api/reservations", JSON.stringify({ sku: c.sku("A"), channel: c.channel, quantity: 1, idempotencyKey: "k\u0000" }));
    expect(hold.status).toBe(400);
    expect((await hold.json()).error.details.field).toBe("idempotencyKey");
    expect((await get("/api/reservations/%00")).status).toBe(404);
  });
});
