import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { pruneDeliveryLog } from "@/server/connectors/prune-delivery-log";
import { level, startTestServer, uniqueCatalog, type TestServer } from "../support/test-server";
import { until } from "../support/until";
import { postWebhook, registerSource, revoke, rotate, standardHeaders, whsec } from "../support/webhooks";

// The rules every connector shares (issue 3), through a generic Standard Webhooks source: real
// HTTP, real Postgres, signatures made by the standardwebhooks reference library.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"));
});
afterAll(() => server?.stop());

let n = 0;
async function setup(opts: { rateLimitPerMinute?: number } = {}) {
  const c = uniqueCatalog();
  await server.catalog(c.input);
  const code = `wms-${c.tag}`;
  const secret = whsec();
  await registerSource(server, code, { provider: "standard", channel: c.channel, secrets: [secret], rateLimitPerMinute: opts.rateLimitPerMinute });
  const path = `/api/webhooks/standard/${code}`;
  const event = (fields: Record<string, unknown> = {}) => ({
    id: `ev-${c.tag}-${++n}`,
    type: "receipt",
    sku: c.sku("A"),
    location: c.loc("wh"),
    quantity: 5,
    occurredAt: new Date(Date.now() - 2000).toISOString(),
    ...fields,
  });
  const send = (body: unknown, key = secret, opts: { id?: string; at?: Date; raw?: string } = {}) => {
    const raw = opts.raw ?? JSON.stringify(body);
    return postWebhook(server, path, raw, standardHeaders(key, raw, opts));
  };
  const deliveries = async () => (await server.services.pool.query("SELECT outcome, http_status, reason FROM webhook_delivery WHERE source = $1 ORDER BY id", [code])).rows;
  return { c, code, secret, path, event, send, deliveries };
}

describe("POST /api/webhooks/standard/<source>", () => {
  it("applies signed canonical events, taking the source from the URL", async () => {
    const s = await setup();
    const res = await s.send([s.event({ quantity: 7 }), s.event({ type: "order.placed", quantity: 2 })]);
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe("accepted");
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(["accepted", "accepted"]);
    expect(await level(server, s.c.sku("A"), s.c.loc("wh"))).toMatchObject({ on_hand: 7, committed: 2, available: 5 });
    const stored = await server.services.pool.query("SELECT DISTINCT source FROM event WHERE event_id LIKE $1", [`ev-${s.c.tag}-%`]);
    expect(stored.rows).toEqual([{ source: s.code }]);
    // The secret that verified it is marked used (written off the request path).
    await expect.poll(async () => (await server.services.pool.query("SELECT last_used_at FROM source_secret WHERE source_code = $1", [s.code])).rows[0].last_used_at).not.toBeNull();
  });

  it("refuses a wrong secret and a tampered body with 401, applies nothing, and logs a security event", async () => {
    const s = await setup();
    const e = s.event();
    const wrong = await s.send(e, whsec());
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("unauthorized");

    const raw = JSON.stringify(e);
    const headers = standardHeaders(s.secret, raw);
    const tampered = await postWebhook(server, s.path, raw.replace('"quantity":5', '"quantity":500'), headers);
    expect(tampered.status).toBe(401);
    expect(tampered.body).toEqual(wrong.body);

    const missing = await postWebhook(server, s.path, raw, {});
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual(wrong.body);

    expect(await level(server, s.c.sku("A"), s.c.loc("wh"))).toBeNull();
    // The reason is for the source's health (admins), not for whoever sent the request.
    expect((await s.deliveries()).map((d) => [d.outcome, d.http_status, d.reason.split(":")[0]])).toEqual([
      ["unauthorized", 401, "invalid_signature"],
      ["unauthorized", 401, "invalid_signature"],
      ["unauthorized", 401, "missing_signature"],
    ]);
  });

  it("refuses a correctly signed delivery whose timestamp is more than 5 minutes old or ahead", async () => {
    const s = await setup();
    const old = await s.send(s.event(), s.secret, { at: new Date(Date.now() - 6 * 60_000) });
    expect(old.status).toBe(401);
    const ahead = await s.send(s.event(), s.secret, { at: new Date(Date.now() + 6 * 60_000) });
    expect(ahead.status).toBe(401);
    expect(await level(server, s.c.sku("A"), s.c.loc("wh"))).toBeNull();
    expect((await s.deliveries()).map((d) => d.reason.split(":")[0])).toEqual(["stale_timestamp", "stale_timestamp"]);
  });

  it("answers a redelivery of the same message 200 as a duplicate and counts it once", async () => {
    const s = await setup();
    const e = s.event({ quantity: 4 });
    const first = await s.send(e, s.secret, { id: "msg_same" });
    expect(first.body.outcome).toBe("accepted");
    const again = await s.send(e, s.secret, { id: "msg_same" });
    expect(again.status).toBe(200);
    expect(again.body.outcome).toBe("duplicate");
    expect(again.body.results[0].status).toBe("duplicate");
    expect(await level(server, s.c.sku("A"), s.c.loc("wh"))).toMatchObject({ on_hand: 4 });
  });

  it("parks events for an unknown listing, and mapping it replays them exactly once", async () => {
    const s = await setup();
    const listing = { channel: s.c.channel, externalId: `new-${s.c.tag}` };
    const placed = s.event({ type: "order.placed", sku: undefined, listing, quantity: 3 });
    const receipt = s.event({ type: "receipt", sku: undefined, listing, quantity: 10 });
    const res = await s.send([placed, receipt]);
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe("unmapped");
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(["unmapped", "unmapped"]);
    // A redelivery while still unmapped parks nothing twice.
    expect((await s.send([placed, receipt])).body.results.map((r: { status: string }) => r.status)).toEqual(["duplicate", "duplicate"]);
    expect(await level(server, s.c.sku("B"), s.c.loc("wh"))).toBeNull();

    const mapped = await server.catalog({ listings: [{ ...listing, sku: s.c.sku("B") }] });
    void mapped;
    expect(await level(server, s.c.sku("B"), s.c.loc("wh"))).toMatchObject({ on_hand: 10, committed: 3, available: 7 });
    // Mapping again, and redelivering, change nothing: the replay applied exactly once.
    await server.catalog({ listings: [{ ...listing, sku: s.c.sku("B") }] });
    const redelivered = await s.send([placed, receipt]);
    expect(redelivered.body.outcome).toBe("duplicate");
    expect(await level(server, s.c.sku("B"), s.c.loc("wh"))).toMatchObject({ on_hand: 10, committed: 3 });
    const parked = await server.services.pool.query("SELECT count(*)::int AS n FROM unmapped_event WHERE external_id = $1 AND resolved_at IS NULL", [listing.externalId]);
    expect(parked.rows[0].n).toBe(0);
  });

  it("refuses bodies over 1 MiB with 413", async () => {
    const s = await setup();
    const big = JSON.stringify([s.event({ payload: { filler: "x".repeat(1024 * 1024) } })]);
    const res = await s.send(null, s.secret, { raw: big });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("body_too_large");
  });

  it("answers 429 with Retry-After once a source is over its rate, and other sources are unaffected", async () => {
    const s = await setup({ rateLimitPerMinute: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await s.send(s.event())).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await s.send(s.event());
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.body.error.code).toBe("rate_limited");
    const other = await setup({ rateLimitPerMinute: 3 });
    expect((await other.send(other.event())).status).toBe(200);
  });

  it("refuses a revoked secret from the next request on", async () => {
    const s = await setup();
    const id = (await server.services.pool.query("SELECT id FROM source_secret WHERE source_code = $1", [s.code])).rows[0].id;
    expect((await s.send(s.event())).status).toBe(200);
    await revoke(server, s.code, id);
    const res = await s.send(s.event());
    expect(res.status).toBe(401);
    expect((await s.deliveries()).at(-1)?.reason).toMatch(/^no_active_secret/);
  });

  it("accepts old and new secrets inside a rotation's overlap, and only the new one after", async () => {
    const s = await setup();
    const next = whsec();
    const rotatedAt = Date.now();
    await rotate(server, s.code, { secret: next, overlapSeconds: 2 });
    expect((await s.send(s.event(), s.secret)).status).toBe(200);
    expect((await s.send(s.event(), next)).status).toBe(200);
    // The overlap ends on time, whatever the cache (SourceRegistry.activeSecrets reads its clock at use).
    const old = await until(
      "the old secret refused",
      async () => {
        const r = await s.send(s.event(), s.secret);
        return r.status === 200 ? null : r;
      },
      5000,
      200,
    );
    expect(Date.now() - rotatedAt).toBeGreaterThanOrEqual(1900);
    expect(old.status).toBe(401);
    expect((await s.deliveries()).at(-1)?.reason).toMatch(/^invalid_signature/);
    expect((await s.send(s.event(), next)).status).toBe(200);
  });

  it("rejects an event naming another source, keeps the raw delivery, and a fixed re-submission applies it", async () => {
    const s = await setup();
    const res = await s.send(s.event({ source: "someone-else" }));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("forbidden_source");
    const stored = await server.services.pool.query("SELECT provider, code, raw FROM rejected_event WHERE source = $1", [s.code]);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]).toMatchObject({ provider: "standard", code: "forbidden_source" });
    expect(JSON.parse(stored.rows[0].raw).source).toBe("someone-else");
  });

  it("refuses a signed body with a NUL character or a raw NUL byte with a 4xx, never a 5xx", async () => {
    const s = await setup();
    const escaped = await s.send(s.event({ type: "adjustment", reason: "a\u0000b", quantity: 1 }));
    expect(escaped.status).toBe(422);
    expect(escaped.body.error).toMatchObject({ code: "invalid_field" });
    const rawNul = await s.send(null, s.secret, { raw: `{"id":"x","type":"receipt${String.fromCharCode(0)}"}` });
    expect([400, 422]).toContain(rawNul.status);
    expect(await level(server, s.c.sku("A"), s.c.loc("wh"))).toBeNull();
    // Both refusals are in the delivery log (its text columns cannot hold a NUL either).
    const logged = await server.services.pool.query("SELECT outcome FROM webhook_delivery WHERE source = $1 ORDER BY id", [s.code]);
    expect(logged.rows.map((r) => r.outcome)).toEqual(["rejected", "invalid_json"]);
  });

  it("answers an unknown source, another provider's source and a bad signature alike (codes cannot be enumerated), and 405s a GET", async () => {
    const s = await setup();
    const raw = JSON.stringify([s.event()]);
    const unknown = await postWebhook(server, `/api/webhooks/standard/nope-${s.c.tag}`, raw, standardHeaders(whsec(), raw));
    const badSignature = await postWebhook(server, s.path, raw, standardHeaders(whsec(), raw));
    const wrongProvider = await postWebhook(server, `/api/webhooks/shopify/${s.code}`, raw, { "x-shopify-hmac-sha256": "AAAA" });
    const unsignedUnknown = await postWebhook(server, `/api/webhooks/standard/nope-${s.c.tag}`, raw, {});
    const unsignedKnown = await postWebhook(server, s.path, raw, {});
    for (const r of [unknown, badSignature, wrongProvider, unsignedUnknown, unsignedKnown]) {
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
      expect(r.body).toEqual(unknown.body);
    }
    expect((await postWebhook(server, `/api/webhooks/standard/%E0%A4%A`, "{}", {})).status).toBe(404);
    const get = await fetch(`${server.url}${s.path}`);
    expect(get.status).toBe(405);
  });

  it("junk sent to a source never spends its budget: a flood of unsigned requests leaves a genuine delivery its 200", async () => {
    const s = await setup({ rateLimitPerMinute: 3 });
    const statuses = new Map<number, number>();
    for (let i = 0; i < 20; i++) {
      const r = await postWebhook(server, s.path, JSON.stringify([s.event()]), {
        "webhook-id": `junk-${i}`,
        "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
        "webhook-signature": "v1,AAAA",
      });
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    }
    expect([...statuses.keys()].every((st) => st === 401 || st === 429)).toBe(true);
    const genuine = await s.send([s.event()]);
    expect(genuine.status).toBe(200);
    expect(genuine.body.outcome).toBe("accepted");
    expect((await s.send([s.event()])).status).toBe(200);
  });
});

describe("unverified requests are limited per client address", () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer(inject("databaseUrl"), { ONEPOOL_WEBHOOK_UNVERIFIED_PER_MINUTE: "5" });
  });
  afterAll(() => limited?.stop());

  it("an address gets 429 after its own limit of unverified requests, is no longer logged, and a signed delivery still gets through", async () => {
    const c = uniqueCatalog();
    await limited.catalog(c.input);
    const code = `flood-${c.tag}`;
    const secret = whsec();
    await registerSource(limited, code, { provider: "standard", channel: c.channel, secrets: [secret], rateLimitPerMinute: 2 });
    const path = `/api/webhooks/standard/${code}`;
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await postWebhook(limited, i % 2 ? path : `/api/webhooks/standard/nope-${c.tag}`, "[]", {})).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const over = await postWebhook(limited, path, "[]", {});
    expect(over.status).toBe(429);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    // Only the refusals inside the limit that named this source were logged.
    const logged = await limited.services.pool.query("SELECT count(*)::int AS n FROM webhook_delivery WHERE source = $1", [code]);
    expect(logged.rows[0].n).toBe(2);
    const event = { id: `ev-${c.tag}-flood`, type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 5, occurredAt: new Date(Date.now() - 2000).toISOString() };
    const raw = JSON.stringify([event]);
    const genuine = await postWebhook(limited, path, raw, standardHeaders(secret, raw));
    expect(genuine.status).toBe(200);
    expect(await level(limited, c.sku("A"), c.loc("wh"))).toMatchObject({ on_hand: 5 });
  });
});

describe("audit log", () => {
  it("records source changes with who made them, and refuses to change or delete an entry", async () => {
    const s = await setup();
    const rows = await server.services.pool.query("SELECT id, actor, action FROM audit_log WHERE target = $1", [`source:${s.code}`]);
    expect(rows.rows).toMatchObject([{ actor: "system", action: "source.created" }]);
    await expect(server.services.pool.query("UPDATE audit_log SET actor = 'someone' WHERE id = $1", [rows.rows[0].id])).rejects.toThrow(/append-only/);
    await expect(server.services.pool.query("DELETE FROM audit_log WHERE id = $1", [rows.rows[0].id])).rejects.toThrow(/append-only/);
  });
});

describe("delivery log retention", () => {
  it("prunes deliveries and notification ids older than the retention, keeping recent ones", async () => {
    const s = await setup();
    const pool = server.services.pool;
    await pool.query(
      `INSERT INTO webhook_delivery (source, provider, outcome, http_status, received_at)
       VALUES ($1, 'standard', 'accepted', 200, now() - interval '40 days'), ($1, 'standard', 'accepted', 200, now() - interval '1 day')`,
      [s.code],
    );
    await pool.query(
      `INSERT INTO provider_notification (source, notification_id, topic, resource, received_at)
       VALUES ($1, 'old', 'items', '/items/1', now() - interval '40 days'), ($1, 'new', 'items', '/items/1', now())`,
      [s.code],
    );
    expect(await pruneDeliveryLog(pool, 30)).toBeGreaterThanOrEqual(2);
    const left = await pool.query("SELECT count(*)::int AS n FROM webhook_delivery WHERE source = $1", [s.code]);
    expect(left.rows[0].n).toBe(1);
    const ids = await pool.query("SELECT notification_id FROM provider_notification WHERE source = $1", [s.code]);
    expect(ids.rows).toEqual([{ notification_id: "new" }]);
  });

  it("prunes acknowledged pushes after the retention but never inside the lag's 7-day window, keeping each SKU's newest before the cutoff", async () => {
    const pool = server.services.pool;
    const channel = 900_000 + Math.floor(Math.random() * 99_999); // ids of no real channel: only this test's rows
    // Old enough that the history's cut this moves (docs/OVERSELLS.md, "Kept facts") is before any other file's lines.
    await pool.query(
      `INSERT INTO outbound_ack (channel_id, sku_id, sequence, quantity, attempts, occurred_at, acked_at, lag_ms)
       SELECT $1, 1, d, 1, 1, now() - make_interval(days => d), now() - make_interval(days => d), 5 FROM unnest(ARRAY[1, 6, 400, 450]) AS d`,
      [channel],
    );
    await pruneDeliveryLog(pool, 2); // a short retention still keeps a week of acks
    const left = await pool.query("SELECT sequence::int AS d FROM outbound_ack WHERE channel_id = $1 ORDER BY 1", [channel]);
    // 450 goes; 400 is the number the channel still held at the cutoff (docs/OVERSELLS.md, "Retention").
    expect(left.rows).toEqual([{ d: 1 }, { d: 6 }, { d: 400 }]);
  });
});
