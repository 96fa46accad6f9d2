import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { createConnectorToken } from "@/server/auth/connector-tokens";
import { createPause } from "@/server/pauses/save-pause";
import { createRule } from "@/server/rules/save-rule";
import { rebuildProjections } from "@/server/projection/rebuild-projections";
import { ev, level, startInstances, startTestServer, TEST_TOKEN, uniqueCatalog, type TestServer } from "../support/test-server";
import { until } from "../support/until";
import { bearer, callApi } from "../support/call-api";

// Checkout holds over real HTTP against real Postgres (docs/QUANTITY-MODEL.md §5): concurrent checkouts for the
// last units on one and on two instances, idempotent retries, expiry, conversion by an order, and
// a rebuild of the ledger equal to the live buckets.

let one: TestServer;
let two: TestServer;
beforeAll(async () => {
  [one, two] = await startInstances(inject("databaseUrl"), 2);
});
afterAll(() => Promise.all([one?.stop(), two?.stop()]));

const call = (server: TestServer, method: string, path: string, body?: unknown, token = TEST_TOKEN) => callApi(server.url, method, path, { body, headers: bearer(token) });

const reserve = (server: TestServer, body: Record<string, unknown>) => call(server, "POST", "/api/reservations", body);

/** A SKU with `units` at the warehouse, on its own channel (no rules: published = available real). */
async function stocked(units: number, locations?: { code: string }[]) {
  const c = uniqueCatalog({ skus: ["A"], locations });
  await one.catalog(c.input);
  await two.services.catalog.reload();
  if (units > 0) await one.post(ev({ type: "receipt", sku: c.sku("A"), location: c.loc(locations?.[0]?.code ?? "wh"), quantity: units }));
  return c;
}

let keys = 0;
const key = () => `k-${Date.now()}-${++keys}-${Math.random().toString(36).slice(2)}`;

describe("reservations are linearizable", () => {
  it("N concurrent checkouts for the last k units give exactly k holds, on one instance and on two (repeated)", async () => {
    for (const k of [1, 3, 7, 12]) {
      for (const servers of [[one], [one, two]]) {
        const c = await stocked(k);
        const n = 40;
        // Every request is built first and released at once: many connections race for the SKU lock.
        const results = await Promise.all(Array.from({ length: n }, (_, i) => reserve(servers[i % servers.length], { sku: c.sku("A"), channel: c.channel, quantity: 1, idempotencyKey: key() })));
        const won = results.filter((r) => r.status === 201);
        expect(won, `k=${k} on ${servers.length} instance(s)`).toHaveLength(k);
        expect(results.filter((r) => r.status === 409)).toHaveLength(n - k);
        expect(new Set(won.map((r) => r.body.id)).size).toBe(k);
        expect(await level(one, c.sku("A"), c.loc("wh"))).toMatchObject({ on_hand: k, reserved: k, available: 0 });
        const refused = results.find((r) => r.status === 409)!;
        expect(refused.body.error).toMatchObject({ code: "insufficient_quantity", details: { published: 0, requested: 1 } });
      }
    }
  }, 120_000); // 320 racing requests on a loaded machine; correctness is asserted, speed is bench/reservations.ts's

  it("a hold larger than one location spreads over the next ones and never drives a location below 0", async () => {
    const c = await stocked(0, [{ code: "wh" }, { code: "store" }]);
    await one.post([ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 3 }), ev({ type: "receipt", sku: c.sku("A"), location: c.loc("store"), quantity: 2 })]);
    const r = await reserve(one, { sku: c.sku("A"), channel: c.channel, quantity: 4, idempotencyKey: key() });
    expect(r.status).toBe(201);
    expect(r.body.locations).toEqual([
      { location: c.loc("wh"), quantity: 3 },
      { location: c.loc("store"), quantity: 1 },
    ]);
    expect(await level(one, c.sku("A"), c.loc("wh"))).toMatchObject({ reserved: 3, available: 0 });
    expect(await level(one, c.sku("A"), c.loc("store"))).toMatchObject({ reserved: 1, available: 1 });
    expect((await reserve(one, { sku: c.sku("A"), channel: c.channel, quantity: 2, idempotencyKey: key() })).status).toBe(409);
    expect((await reserve(one, { sku: c.sku("A"), channel: c.channel, quantity: 1, idempotencyKey: key() })).status).toBe(201);
  });

  it("checks the channel's published quantity, not just stock: a buffer rule and a pause are honoured", async () => {
    const c = await stocked(10);
    await createRule(one.services.pool, { channel: c.channel, sku: c.sku("A"), bufferUnits: 4 }, SYSTEM_ACTOR);
    await one.services.publisher.recomputeAll();
    expect((await reserve(one, { sku: c.sku("A"), channel: c.channel, quantity: 7, idempotencyKey: key() })).body.error.details).toMatchObject({ published: 6 });
    expect((await reserve(one, { sku: c.sku("A"), channel: c.channel, quantity: 6, idempotencyKey: key() })).status).toBe(201);
    await createPause(one.services.pool, { channel: c.channel, reason: "test" }, SYSTEM_ACTOR);
    await one.services.publisher.recomputeAll();
    expect((await reserve(one, { sku: c.sku("A"), channel: c.channel, quantity: 1, idempotencyKey: key() })).status).toBe(409);
  });
});

describe("idempotency", () => {
  it("the same key returns the first answer: retried, concurrent, after the number fell to 0; another body is 422", async () => {
    const c = await stocked(5);
    const body = { sku: c.sku("A"), channel: c.channel, quantity: 2, idempotencyKey: key() };
    const first = await reserve(one, body);
    expect(first.status).toBe(201);
    const again = await reserve(two, body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");

    const racing = { ...body, idempotencyKey: key() };
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => reserve(i % 2 ? one : two, racing)));
    expect(burst.every((r) => r.status === 201)).toBe(true);
    expect(new Set(burst.map((r) => r.body.id)).size).toBe(1);
    expect(await level(one, c.sku("A"), c.loc("wh"))).toMatchObject({ reserved: 4, available: 1 });

    const last = await reserve(one, { ...body, quantity: 1, idempotencyKey: key() });
    expect(last.status).toBe(201); // the number is now 0
    expect((await reserve(one, body)).body.id).toBe(first.body.id);
    expect((await reserve(one, { ...body, quantity: 3 })).status).toBe(422);
    expect((await reserve(one, { ...body, quantity: 3 })).body.error.code).toBe("idempotency_key_reused");
    // A refused request's key answers 409 again.
    const refusedKey = { ...body, quantity: 1, idempotencyKey: key() };
    expect((await reserve(one, refusedKey)).status).toBe(409);
    await one.post(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 10 }));
    expect((await reserve(one, refusedKey)).status).toBe(409);
    expect(await level(one, c.sku("A"), c.loc("wh"))).toMatchObject({ reserved: 5 });
  });
});

describe("the life of a hold", () => {
  it("expires by itself within 2 s of expiresAt and the channel's number comes back", async () => {
    const c = await stocked(3);
    const r = await reserve(one, { sku: c.sku("A"), channel: c.channel, quantity: 3, ttlSeconds: 1, idempotencyKey: key() });
    expect(r.status).toBe(201);
    await one.services.publisher.settle();
    const published = async () =>
      (
        await one.services.pool.query("SELECT pq.quantity FROM published_quantity pq JOIN sku s ON s.id = pq.sku_id JOIN channel c ON c.id = pq.channel_id WHERE s.code = $1 AND c.code = $2", [
          c.sku("A"),
          c.channel,
        ])
      ).rows[0]?.quantity;
    expect(await published()).toBe(0);
    const expiresAt = Date.parse(r.body.expiresAt);
    // A sweeper gives it back within 2 s of its expiry (docs/API.md).
    await until("the lapsed hold given back", async () => (await level(one, c.sku("A"), c.loc("wh"))).reserved === 0, expiresAt + 2000 - Date.now(), 50);
    expect((await call(one, "GET", `/api/reservations/${r.body.id}`)).body).toMatchObject({ status: "expired" });
    // Either instance's sweeper may have given it back, so its publisher recomputes: wait for the number, bounded.
    await until("the number republished", async () => (await published()) === 3, 3000, 50);
    expect(await published()).toBe(3);
    // Releasing an expired hold answers its state and changes nothing.
    const del = await call(one, "DELETE", `/api/reservations/${r.body.id}`);
    expect(del).toMatchObject({ status: 200, body: { status: "expired", changed: false } });
    expect(await level(one, c.sku("A"), c.loc("wh"))).toMatchObject({ reserved: 0, available: 3 });
  });

  it("DELETE releases once; unknown ids are 404", async () => {
    const c = await stocked(4);
    const r = await reserve(one, { sku: c.sku("A"), channel: c.channel, quantity: 4, idempotencyKey: key() });
    const del = await call(two, "DELETE", `/api/reservations/${r.body.id}`);
    expect(del).toMatchObject({ status: 200, body: { status: "released", changed: true } });
    expect((await call(one, "DELETE", `/api/reservations/${r.body.id}`)).body).toMatchObject({ status: "released", changed: false });
    expect(await level(one, c.sku("A"), c.loc("wh"))).toMatchObject({ reserved: 0, available: 4 });
    expect((await call(one, "DELETE", "/api/reservations/res_nope")).status).toBe(404);
    expect((await call(one, "GET", "/api/reservations/res_nope")).status).toBe(404);
  });

  it("order.placed with the reservation id converts the hold exactly once; a smaller order releases the rest", async () => {
    const c = await stocked(0, [{ code: "wh" }, { code: "store" }]);
    await one.post([ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 10 }), ev({ type: "receipt", sku: c.sku("A"), location: c.loc("store"), quantity: 2 })]);
    const hold = await reserve(one, { sku: c.sku("A"), channel: c.channel, quantity: 3, idempotencyKey: key() });
    expect(hold.body.locations).toEqual([{ location: c.loc("wh"), quantity: 3 }]);
    const order = ev({ type: "order.placed", sku: c.sku("A"), location: c.loc("store"), quantity: 2, orderId: "o-1", reservationId: hold.body.id, channel: c.channel }, 0);
    expect((await one.post(order)).body.results[0].status).toBe("accepted");
    expect(await level(one, c.sku("A"), c.loc("wh"))).toMatchObject({ reserved: 0, committed: 0, available: 10 });
    expect(await level(one, c.sku("A"), c.loc("store"))).toMatchObject({ reserved: 0, committed: 2, available: 0 });
    expect((await call(one, "GET", `/api/reservations/${hold.body.id}`)).body).toMatchObject({ status: "converted", orderId: "o-1" });
    // The same order again, and a second order naming the same hold: no second conversion.
    expect((await two.post(order)).body.results[0].status).toBe("duplicate");
    await one.post(ev({ type: "order.placed", sku: c.sku("A"), location: c.loc("wh"), quantity: 1, orderId: "o-2", reservationId: hold.body.id }, 0));
    expect(await level(one, c.sku("A"), c.loc("wh"))).toMatchObject({ reserved: 0, committed: 1, available: 9 });
    expect((await call(one, "DELETE", `/api/reservations/${hold.body.id}`)).body).toMatchObject({ status: "converted", changed: false });

    // The ledger replayed gives the same buckets as the live projection.
    const check = await rebuildProjections(one.services.pool, { write: false });
    expect(check.differences.filter((d) => d.sku === c.sku("A"))).toEqual([]);
  });
});

describe("bad input", () => {
  it("answers every malformed or unauthorized request with a precise 4xx", async () => {
    const c = await stocked(2);
    const ok = { sku: c.sku("A"), channel: c.channel, quantity: 1, idempotencyKey: key() };
    const cases: [unknown, number, string][] = [
      [{ ...ok, quantity: 0 }, 400, "invalid_field"],
      [{ ...ok, quantity: 1.5 }, 400, "invalid_field"],
      [{ ...ok, ttlSeconds: 0 }, 400, "invalid_field"],
      [{ ...ok, ttlSeconds: 86_401 }, 400, "invalid_field"],
      [{ ...ok, idempotencyKey: undefined }, 400, "invalid_field"],
      [{ ...ok, extra: 1 }, 400, "unknown_field"],
      [{ ...ok, sku: "NO-SUCH" }, 422, "unknown_sku"],
      [{ ...ok, channel: "no-such" }, 422, "unknown_channel"],
      ["{not json", 400, "invalid_json"],
      [{ ...ok, idempotencyKey: "x".repeat(5000) }, 413, "body_too_large"],
    ];
    for (const [body, status, code] of cases) {
      const r = await reserve(one, body as Record<string, unknown>);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(r.body.error.code).toBe(code);
    }
    expect((await call(one, "POST", "/api/reservations", ok, "op_not_a_token_at_all_000000000000")).status).toBe(401);
    const readOnly = await createConnectorToken(one.services.pool, { name: "read-only", scopes: ["read"] });
    const forbidden = await call(one, "POST", "/api/reservations", ok, readOnly.token);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toContain("reserve");
    expect((await call(one, "PUT", "/api/reservations", ok)).status).toBe(405);
    const noType = await fetch(`${one.url}/api/reservations`, { method: "POST", headers: { authorization: `Bearer ${TEST_TOKEN}` }, body: JSON.stringify(ok) });
    expect(noType.status).toBe(415);
    expect(await level(one, c.sku("A"), c.loc("wh"))).toMatchObject({ reserved: 0 });
  });
});

describe("rate limit", () => {
  it("a reserve token over its per-minute limit gets 429 with Retry-After, and holds nothing more", async () => {
    const limited = await startTestServer(inject("databaseUrl"), { ONEPOOL_TOKEN_RATE_PER_MINUTE: "3" });
    try {
      const c = await stocked(50);
      await limited.services.catalog.reload();
      const t = await createConnectorToken(limited.services.pool, { name: "checkout-limited", scopes: ["reserve"] });
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await call(limited, "POST", "/api/reservations", { sku: c.sku("A"), channel: c.channel, quantity: 1, idempotencyKey: key() }, t.token));
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 429, 429]);
      expect(answers[3].body.error.code).toBe("rate_limited");
      expect(Number(answers[3].headers.get("retry-after"))).toBeGreaterThan(0);
      const held = await limited.services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM reservation WHERE key_owner = $1", [`token:${t.id}`]);
      expect(held.rows[0].n).toBe(3);
    } finally {
      await limited.stop();
    }
  });
});
