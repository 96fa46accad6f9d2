import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createConnectorToken } from "@/server/auth/connector-tokens";
import { rebuildProjections } from "@/server/projection/rebuild-projections";
import { ev, level, startTestServer, uniqueCatalog, type TestServer } from "../support/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"));
});
afterAll(() => server?.stop());

async function setup(opts?: Parameters<typeof uniqueCatalog>[0]) {
  const c = uniqueCatalog(opts);
  await server.catalog(c.input);
  return c;
}

describe("POST /api/events", () => {
  it("applies one event and answers after commit with its ledger sequence", async () => {
    const c = await setup();
    const res = await server.post(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 12 }));
    expect(res.status).toBe(202);
    expect(res.body.results[0]).toMatchObject({ status: "accepted", seq: expect.stringMatching(/^\d+$/) });
    expect(await level(server, c.sku("A"), c.loc("wh"))).toMatchObject({ on_hand: 12, available: 12 });
  });

  it("answers a redelivery as a duplicate and changes nothing", async () => {
    const c = await setup();
    const e = ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 5 });
    expect((await server.post(e)).body.results[0].status).toBe("accepted");
    const again = await server.post(e);
    expect(again.status).toBe(202);
    expect(again.body.results[0]).toEqual({ id: e.id, status: "duplicate" });
    // The same event twice inside one batch counts once too.
    const e2 = ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 3 });
    const batch = await server.post([e2, e2]);
    expect(batch.body.results.map((r: { status: string }) => r.status)).toEqual(["accepted", "duplicate"]);
    expect(await level(server, c.sku("A"), c.loc("wh"))).toMatchObject({ on_hand: 8 });
    const n = await server.services.pool.query("SELECT count(*)::int AS n FROM event WHERE source = 'wms' AND event_id = ANY($1)", [[e.id, e2.id]]);
    expect(n.rows[0].n).toBe(2);
  });

  it("rejects a batch's bad event with a precise reason, applies the rest, and logs the raw body", async () => {
    const c = await setup();
    const good1 = ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 10 });
    const bad = ev({ type: "adjustment", sku: c.sku("A"), location: c.loc("wh"), quantity: 4 }); // no reason
    const good2 = ev({ type: "order.placed", sku: c.sku("A"), location: c.loc("wh"), quantity: 3 });
    const res = await server.post([good1, bad, good2]);
    expect(res.status).toBe(202);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(["accepted", "rejected", "accepted"]);
    expect(res.body.results[1].error).toMatchObject({ code: "missing_field", field: "reason" });
    expect(await level(server, c.sku("A"), c.loc("wh"))).toMatchObject({ on_hand: 10, committed: 3, available: 7 });
    const logged = await server.services.pool.query("SELECT code, message, raw FROM rejected_event WHERE event_id = $1", [bad.id]);
    expect(logged.rows).toHaveLength(1);
    expect(logged.rows[0].code).toBe("missing_field");
    expect(JSON.parse(logged.rows[0].raw)).toEqual(bad);
  });

  it.each([
    ["unknown sku", { sku: "NOPE" }, "unknown_sku"],
    ["unknown location", { location: "nowhere" }, "unknown_location"],
    ["unknown channel", { channel: "nochannel" }, "unknown_channel"],
    ["negative quantity", { quantity: -2 }, "invalid_quantity"],
    ["fractional quantity", { quantity: 1.5 }, "invalid_field"],
    ["unknown field", { colour: "red" }, "unknown_field"],
    ["future occurredAt", { occurredAt: new Date(Date.now() + 3_600_000).toISOString() }, "clock_drift"],
    ["bad time", { occurredAt: "yesterday" }, "invalid_field"],
    ["bad type", { type: "order.teleported" }, "invalid_field"],
  ])("answers a single invalid event (%s) with 422 and its reason", async (_name, patch, code) => {
    const c = await setup();
    const res = await server.post({ ...ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 2 }), ...patch });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe(code);
    expect(res.body.results[0]).toMatchObject({ status: "rejected", error: { code } });
    expect(await level(server, c.sku("A"), c.loc("wh"))).toBeNull();
  });

  it("parks an event for an unknown listing instead of dropping it", async () => {
    const c = await setup();
    const e = ev({ type: "order.placed", listing: { channel: c.channel, externalId: "never-mapped" }, location: c.loc("wh"), quantity: 1 });
    const res = await server.post(e);
    expect(res.status).toBe(202);
    expect(res.body.results[0].status).toBe("unmapped");
    const parked = await server.services.pool.query("SELECT channel, external_id FROM unmapped_event WHERE event_id = $1", [e.id]);
    expect(parked.rows).toEqual([{ channel: c.channel, external_id: "never-mapped" }]);
    expect((await server.post(e)).body.results[0].status).toBe("duplicate");
  });

  it("resolves a mapped listing to its SKU", async () => {
    const c = await setup();
    await server.post(ev({ type: "receipt", sku: c.sku("B"), location: c.loc("wh"), quantity: 4 }));
    const res = await server.post(ev({ type: "order.placed", listing: { channel: c.channel, externalId: c.externalId(1) }, location: c.loc("wh"), quantity: 1 }));
    expect(res.body.results[0].status).toBe("accepted");
    expect(await level(server, c.sku("B"), c.loc("wh"))).toMatchObject({ committed: 1, available: 3 });
  });
});

describe("absolutes and deltas", () => {
  it("a count sets on_hand as of its time; older deltas are absorbed, newer ones apply on top", async () => {
    const c = await setup({ locations: [{ code: "wh", trustedSources: ["wms"] }] });
    const [sku, wh] = [c.sku("A"), c.loc("wh")];
    await server.post(ev({ type: "receipt", sku, location: wh, quantity: 10 }, 60_000));
    await server.post(ev({ type: "cycle_count", sku, location: wh, quantity: 7 }, 30_000));
    expect(await level(server, sku, wh)).toMatchObject({ on_hand: 7 });
    // Arrives late but happened before the count: already inside it.
    await server.post(ev({ type: "shrink", sku, location: wh, quantity: 2, reason: "theft" }, 45_000));
    expect(await level(server, sku, wh)).toMatchObject({ on_hand: 7 });
    // Happened after the count: applies on top.
    await server.post(ev({ type: "shrink", sku, location: wh, quantity: 1, reason: "theft" }, 10_000));
    expect(await level(server, sku, wh)).toMatchObject({ on_hand: 6 });
    // The count's variance (system − counted) was measured against the state including the late shrink: 8 − 7.
    const v = await server.services.pool.query("SELECT ef.kind, ef.amount FROM event_effect ef JOIN event e ON e.seq = ef.seq JOIN sku s ON s.id = e.sku_id WHERE s.code = $1", [sku]);
    expect(v.rows).toEqual([{ kind: "variance", amount: 1 }]);
  });

  it("an available snapshot keeps open orders: on_hand = snapshot + committed", async () => {
    const c = await setup();
    const [sku, wh] = [c.sku("A"), c.loc("wh")];
    await server.post(ev({ type: "receipt", sku, location: wh, quantity: 20 }, 60_000));
    await server.post(ev({ type: "order.placed", sku, location: wh, quantity: 5 }, 50_000));
    await server.post(ev({ type: "snapshot", bucket: "available", sku, location: wh, quantity: 12, source: "shopify" }, 40_000));
    expect(await level(server, sku, wh)).toMatchObject({ on_hand: 17, committed: 5, available: 12 });
  });

  it("an untrusted source's absolute never moves the number and is recorded as drift", async () => {
    const c = await setup({ locations: [{ code: "wh", trustedSources: ["wms"] }] });
    const [sku, wh] = [c.sku("A"), c.loc("wh")];
    await server.post(ev({ type: "receipt", sku, location: wh, quantity: 10 }, 60_000));
    const snap = ev({ type: "snapshot", bucket: "on_hand", sku, location: wh, quantity: 4, source: "marketplace" }, 30_000);
    expect((await server.post(snap)).body.results[0].status).toBe("accepted");
    expect(await level(server, sku, wh)).toMatchObject({ on_hand: 10 });
    const drift = await server.services.pool.query("SELECT ef.kind, ef.amount FROM event_effect ef JOIN event e ON e.seq = ef.seq WHERE e.source = 'marketplace' AND e.event_id = $1", [snap.id]);
    expect(drift.rows).toEqual([{ kind: "drift", amount: 6 }]); // pool 10 − reported 4: it sees 6 fewer (docs/RECONCILIATION.md#drift)
  });

  it("between two absolutes at the same instant, the more trusted source wins", async () => {
    const c = await setup({ locations: [{ code: "wh", trustedSources: ["wms", "3pl"] }] });
    const [sku, wh] = [c.sku("A"), c.loc("wh")];
    const at = new Date(Date.now() - 20_000).toISOString();
    await server.post({ ...ev({ type: "cycle_count", sku, location: wh, quantity: 9, source: "wms" }), occurredAt: at });
    await server.post({ ...ev({ type: "cycle_count", sku, location: wh, quantity: 5, source: "3pl" }), occurredAt: at });
    expect(await level(server, sku, wh)).toMatchObject({ on_hand: 9 });
  });

  it("a transfer moves units out now and shows them incoming at the destination until received", async () => {
    const c = await setup();
    const [sku, wh, store] = [c.sku("A"), c.loc("wh"), c.loc("store")];
    await server.post(ev({ type: "receipt", sku, location: wh, quantity: 10 }, 60_000));
    await server.post(ev({ type: "transfer.out", sku, location: wh, toLocation: store, reference: "T-1", quantity: 4 }, 50_000));
    expect(await level(server, sku, wh)).toMatchObject({ on_hand: 6 });
    expect(await level(server, sku, store)).toMatchObject({ on_hand: 0, incoming_total: 4 });
    await server.post(ev({ type: "transfer.in", sku, location: store, reference: "T-1", quantity: 4 }, 40_000));
    expect(await level(server, sku, store)).toMatchObject({ on_hand: 4, incoming_total: 0 });
  });
});

describe("refusals", () => {
  const raw = (init: RequestInit & { headers?: Record<string, string> }) => fetch(`${server.url}/api/events`, init);

  it("refuses a missing, unknown, revoked or expired token with 401 and a wrong scope with 403", async () => {
    const body = JSON.stringify(ev({ type: "receipt", sku: "X", location: "Y" }));
    const post = (authorization?: string) => raw({ method: "POST", headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) }, body });
    const none = await post();
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe("unauthenticated");
    expect((await (await post("Bearer op_wrong")).json()).error.code).toBe("invalid_token");

    const pool = server.services.pool;
    const readOnly = await createConnectorToken(pool, { name: "reader", scopes: ["read"] });
    const r403 = await post(`Bearer ${readOnly.token}`);
    expect(r403.status).toBe(403);

    const revoked = await createConnectorToken(pool, { name: "gone", scopes: ["ingest"] });
    await pool.query("UPDATE connector_token SET revoked_at = now() WHERE id = $1", [revoked.id]);
    expect((await (await post(`Bearer ${revoked.token}`)).json()).error.code).toBe("token_revoked");

    const expired = await createConnectorToken(pool, { name: "old", scopes: ["ingest"], expiresAt: new Date(Date.now() - 1000) });
    expect((await (await post(`Bearer ${expired.token}`)).json()).error.code).toBe("token_expired");
  });

  it("answers 429 with Retry-After once a token is over its rate, and nothing of the refused request is applied", async () => {
    const limited = await startTestServer(inject("databaseUrl"), { ONEPOOL_TOKEN_RATE_PER_MINUTE: "3" });
    try {
      const c = uniqueCatalog();
      await limited.catalog(c.input);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await limited.post(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 1 }))).status);
      const refused = await fetch(`${limited.url}/api/events`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${(await import("../support/test-server")).TEST_TOKEN}` },
        body: JSON.stringify(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 100 })),
      });
      expect(statuses).toEqual([202, 202, 202]);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await refused.json()).error.code).toBe("rate_limited");
      expect(await level(limited, c.sku("A"), c.loc("wh"))).toMatchObject({ on_hand: 3 });
    } finally {
      await limited.stop();
    }
  });

  it("keeps a revoked bootstrap token revoked when the server restarts with the same value", async () => {
    const value = `op_bootstrap_${Date.now()}_0123456789abcdef`;
    const first = await startTestServer(inject("databaseUrl"), { ONEPOOL_BOOTSTRAP_TOKEN: value });
    await first.services.pool.query("UPDATE connector_token SET revoked_at = now() WHERE token_hash = encode(sha256($1::bytea), 'hex')", [value]);
    await first.stop();
    const again = await startTestServer(inject("databaseUrl"), { ONEPOOL_BOOTSTRAP_TOKEN: value });
    try {
      const res = await again.post(ev({ type: "receipt", sku: "X", location: "Y" }), { authorization: `Bearer ${value}` });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("token_revoked");
    } finally {
      await again.stop();
    }
  });

  it("refuses text holding the NUL character with a 4xx naming the field, and still logs the raw body", async () => {
    const c = await setup();
    const bad = ev({ type: "adjustment", sku: c.sku("A"), location: c.loc("wh"), quantity: 2, reason: "count\u0000fix" });
    const res = await server.post(bad);
    expect(res.status).toBe(422);
    expect(res.body.results[0].error).toMatchObject({ code: "invalid_field", field: "reason" });
    const inPayload = await server.post(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 1, payload: { lines: [{ "n\u0000ote": 1 }] } }));
    expect(inPayload.body.results[0].error).toMatchObject({ code: "invalid_field", field: "payload.lines.0.n\u0000ote" });
    const stored = await server.services.pool.query("SELECT raw FROM rejected_event WHERE event_id = $1", [bad.id]);
    expect(stored.rows[0].raw).toContain(String.raw`count\u0000fix`); // JSON-escaped: nothing lost, nothing Postgres refuses
    expect(await level(server, c.sku("A"), c.loc("wh"))).toBeNull();
  });

  it("refuses lone surrogates and nesting Postgres cannot store with a 4xx naming the field, never a 503 (review finding 22)", async () => {
    const c = await setup();
    const good = ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 3, payload: { note: "ok \ud83d\ude00" } });
    let deep: unknown = "bottom";
    for (let i = 0; i < 200; i++) deep = { d: deep };
    // Sent as raw JSON text: the escapes reach the server exactly as a sender wrote them.
    const body = `[${JSON.stringify(good)},
      ${JSON.stringify(ev({ type: "adjustment", sku: c.sku("A"), location: c.loc("wh"), quantity: 2, reason: "x" })).replace('"reason":"x"', '"reason":"lone \\ud800"')},
      ${JSON.stringify(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 1, payload: { lines: [{ note: "x" }] } })).replace('"note":"x"', '"note":"\\udc00 trailing"')},
      ${JSON.stringify(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 1, payload: deep }))}]`;
    const res = await server.post(body);
    expect(res.status).toBe(202);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(["accepted", "rejected", "rejected", "rejected"]);
    expect(res.body.results[1].error).toMatchObject({ code: "invalid_field", field: "reason" });
    expect(res.body.results[2].error).toMatchObject({ code: "invalid_field", field: "payload.lines.0.note" });
    expect(res.body.results[3].error).toMatchObject({ code: "invalid_field", message: expect.stringContaining("nested deeper than") });
    expect(res.body.results[3].error.field).toMatch(/^payload(\.d)+$/);
    expect(await level(server, c.sku("A"), c.loc("wh"))).toMatchObject({ on_hand: 3 });
    const stored = await server.services.pool.query("SELECT body->'payload'->>'note' AS note FROM event WHERE event_id = $1", [good.id]);
    expect(stored.rows[0].note).toBe("ok \ud83d\ude00");
  });

  it("refuses events for a source outside the token's scope, per event", async () => {
    const c = await setup();
    const scoped = await createConnectorToken(server.services.pool, { name: "wms only", scopes: ["ingest"], sources: ["wms"] });
    const res = await server.post(
      [ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 1 }), ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 1, source: "pos" })],
      { authorization: `Bearer ${scoped.token}` },
    );
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(["accepted", "rejected"]);
    expect(res.body.results[1].error.code).toBe("forbidden_source");
  });

  it("answers malformed requests with precise 4xx codes", async () => {
    const auth = { authorization: `Bearer ${(await import("../support/test-server")).TEST_TOKEN}` };
    const json = { "content-type": "application/json", ...auth };
    const cases: [RequestInit, number, string][] = [
      [{ method: "GET", headers: auth }, 405, "method_not_allowed"],
      [{ method: "POST", headers: { "content-type": "text/plain", ...auth }, body: "{}" }, 415, "unsupported_media_type"],
      [{ method: "POST", headers: json, body: "{not json" }, 400, "invalid_json"],
      [{ method: "POST", headers: json, body: "[]" }, 400, "empty_batch"],
      [{ method: "POST", headers: json, body: JSON.stringify(Array.from({ length: 1001 }, () => ({}))) }, 413, "batch_too_large"],
      [{ method: "POST", headers: json, body: "x".repeat(9 * 1024 * 1024) }, 413, "body_too_large"],
    ];
    for (const [init, status, code] of cases) {
      const res = await raw(init as RequestInit & { headers: Record<string, string> });
      expect({ status: res.status, code: (await res.json()).error.code }).toEqual({ status, code });
    }
  });

  it("the database itself refuses to change or delete a ledger event", async () => {
    const c = await setup();
    const e = ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 1 });
    await server.post(e);
    const pool = server.services.pool;
    await expect(pool.query("UPDATE event SET quantity = 99 WHERE event_id = $1", [e.id])).rejects.toThrow(/append-only/);
    await expect(pool.query("DELETE FROM event WHERE event_id = $1", [e.id])).rejects.toThrow(/append-only/);
    await expect(pool.query("TRUNCATE event CASCADE")).rejects.toThrow(/append-only/);
  });
});

describe("group commit under concurrency", () => {
  it("concurrent single-event requests all commit, each exactly once, and equal a replay", async () => {
    const c = await setup();
    const [sku, wh] = [c.sku("A"), c.loc("wh")];
    await server.post(ev({ type: "receipt", sku, location: wh, quantity: 500 }, 60_000));
    const orders = Array.from({ length: 120 }, () => ev({ type: "order.placed", sku, location: wh, quantity: 2 }, 1000));
    // Every order sent twice, concurrently: the duplicates must not double count.
    const res = await Promise.all([...orders, ...orders].map((o) => server.post(o)));
    const statuses = res.map((r) => r.body.results[0].status);
    expect(statuses.filter((s) => s === "accepted")).toHaveLength(120);
    expect(statuses.filter((s) => s === "duplicate")).toHaveLength(120);
    expect(await level(server, sku, wh)).toMatchObject({ on_hand: 500, committed: 240, available: 260 });
    const report = await rebuildProjections(server.services.pool, { write: false });
    expect(report.differences).toEqual([]);
  });
});

describe("totals that would pass 2^31 (review finding 10)", () => {
  it("three order.placed of 10^9 units: the batch answers 202, the third is refused with 422-style detail, and the ledger replays to the projection", async () => {
    const c = await setup({ locations: [{ code: "wh" }, { code: "store" }, { code: "shop" }] });
    const [sku, wh] = [c.sku("A"), c.loc("wh")];
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 1000);
    const at = (ms: number) => new Date(Math.min(hour.getTime() + ms, Date.now() - 1000)).toISOString();
    const orders = [1, 2, 3].map((n) => ({ ...ev({ type: "order.placed", sku, location: wh, quantity: 1_000_000_000 }), occurredAt: at(n) }));
    const other = ev({ type: "receipt", sku: c.sku("B"), location: wh, quantity: 4 });
    const res = await server.post([...orders, other]);
    expect(res.status).toBe(202);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(["accepted", "accepted", "rejected", "accepted"]);
    expect(res.body.results[2].error).toMatchObject({ code: "quantity_out_of_range", field: "quantity" });
    expect(await level(server, sku, wh)).toMatchObject({ committed: 2_000_000_000 });
    expect(await level(server, c.sku("B"), wh)).toMatchObject({ on_hand: 4 });
    const rejected = await server.services.pool.query("SELECT code FROM rejected_event WHERE event_id = $1", [orders[2].id]);
    expect(rejected.rows).toEqual([{ code: "quantity_out_of_range" }]);
    // A resend is refused the same way (a 4xx, never the 503 a sender retries forever); small orders still apply.
    const again = await server.post(orders[2]);
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe("quantity_out_of_range");
    expect((await server.post({ ...ev({ type: "order.placed", sku, location: wh, quantity: 1 }), occurredAt: at(4) })).status).toBe(202);

    // Stock beyond 2^31 in total across locations: each location fits, the published number is capped.
    for (const loc of ["wh", "store", "shop"]) expect((await server.post(ev({ type: "receipt", sku: c.sku("B"), location: c.loc(loc), quantity: 1_000_000_000 }))).status).toBe(202);
    await expect
      .poll(async () => (await server.services.pool.query("SELECT pq.quantity FROM published_quantity pq JOIN sku s ON s.id = pq.sku_id WHERE s.code = $1", [c.sku("B")])).rows[0]?.quantity)
      .toBe(2_147_483_647);

    const report = await rebuildProjections(server.services.pool, { write: false });
    expect(report.differences).toEqual([]);
  });
});
