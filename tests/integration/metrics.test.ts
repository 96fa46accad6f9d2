import http from "node:http";
import type { AddressInfo } from "node:net";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { createConnectorToken, type TokenScope } from "@/server/auth/connector-tokens";
import { handleAuthRequest } from "@/server/auth/handle-auth-request";
import { inTransaction } from "@/server/db/in-transaction";
import { registerOutbound } from "@/server/outbound/save-outbound";
import { createPerson } from "@/server/people/create-person";
import { ExpositionError, histogramOf, parseExposition, sampleValue, type Family, type MetricType } from "../support/prometheus-text";
import { startPushReceiver, type PushReceiver } from "../support/push-receiver";
import { ev, startTestServer, TEST_TOKEN, uniqueCatalog, type TestServer } from "../support/test-server";
import { createDatabase, dropDatabase, withDatabase } from "../support/test-postgres";
import { until } from "../support/until";
import { emptyAlertMessage } from "../support/alert-message";
import { ALERT_KINDS } from "@/lib/alerts/kinds";

// Issue 17: GET /metrics in the Prometheus text format, read with a `metrics` token, parsed by a
// strict text-format reader (tests/support/prometheus-text.ts), its counters moving with real
// ingest over HTTP on real Postgres.

const SECRET = `whsec_${Buffer.from("onepool-metrics-test-secret-32by").toString("base64")}`;
const PASSWORD = "a long enough password";

let server: TestServer;
let metricsToken: string;
const receivers: PushReceiver[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"));
  metricsToken = await token("prometheus", ["metrics"]);
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server?.stop();
  await Promise.all(receivers.map((r) => r.close()));
});

async function token(name: string, scopes: TokenScope[]): Promise<string> {
  return (await createConnectorToken(server.services.pool, { name, scopes })).token;
}

async function get(s: TestServer, headers: Record<string, string>, method = "GET") {
  const res = await fetch(`${s.url}/metrics`, { method, headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Every family of a scrape by name; parseExposition throws on anything Prometheus would refuse. */
async function scrape(s: TestServer = server, token = metricsToken): Promise<Map<string, Family>> {
  const res = await get(s, { authorization: `Bearer ${token}` });
  expect(res.status, res.text).toBe(200);
  return parseExposition(res.text);
}

const value = sampleValue;
const histogram = (families: Map<string, Family>, name: string, labels: Record<string, string> = {}) => {
  const h = histogramOf(families, name, labels);
  return { ...h, buckets: Object.fromEntries(h.buckets) };
};

async function person(role: "analyst" | "admin"): Promise<string> {
  const email = `metrics-${role}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  await inTransaction(server.services.pool, (db) => createPerson(db, server.services.auth, { email, name: "Metrics", role, password: PASSWORD }, SYSTEM_ACTOR));
  const res = await handleAuthRequest(
    server.services,
    new Request(`${server.url}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: server.url }, body: JSON.stringify({ email, password: PASSWORD }) }),
  );
  expect(res.status).toBe(200);
  return res.headers.get("set-cookie")!.split(";")[0];
}

describe("the text-format reader the scrapes go through", () => {
  it("refuses what Prometheus refuses", () => {
    const ok = '# HELP h x\n# TYPE h histogram\nh_bucket{a="b",le="1"} 1\nh_bucket{a="b",le="+Inf"} 2\nh_sum{a="b"} 3.5\nh_count{a="b"} 2\n';
    expect(histogramOf(parseExposition(ok), "h", { a: "b" })).toEqual({
      count: 2,
      sum: 3.5,
      buckets: new Map([
        ["1", 1],
        ["+Inf", 2],
      ]),
    });
    for (const bad of [
      "c 1", // no final line feed
      "1c 1\n", // bad name
      'c{a="b} 1\n', // unterminated label value
      'c{a="\\x"} 1\n', // unknown escape
      'c{a="1",a="2"} 1\n', // a label twice
      "c one\n", // not a number
      "c 1\nc 2\n", // a series twice
      "# TYPE c counter\n# TYPE c counter\nc 1\n", // TYPE twice
      "c 1\n# TYPE c counter\n", // TYPE after samples
      'a{x="1"} 1\nb 1\na{x="2"} 2\n', // a family split in two
      '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n', // not cumulative
      '# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 3\n', // +Inf ≠ count
    ])
      expect(() => parseExposition(bad), bad).toThrow(ExpositionError);
  });
});

describe("who may read GET /metrics", () => {
  it("401 without a credential or with a revoked token, 403 (naming the scope) for a token without `metrics`, even an admin one", async () => {
    const none = await get(server, {});
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe("Bearer");
    expect(JSON.parse(none.text).error).toMatchObject({ code: "unauthenticated" });

    const unknown = await get(server, { authorization: "Bearer op_not_a_real_token" });
    expect(unknown.status).toBe(401);
    expect(JSON.parse(unknown.text).error.code).toBe("invalid_token");

    for (const scopes of [["ingest"], ["read"], ["admin"], ["ingest", "read", "reserve", "catalog", "admin"]] as TokenScope[][]) {
      const refused = await get(server, { authorization: `Bearer ${await token(`no-metrics-${scopes.join("-")}`, scopes)}` });
      expect(refused.status, scopes.join(",")).toBe(403);
      expect(JSON.parse(refused.text).error).toMatchObject({ code: "forbidden", message: "this token needs one of the scopes: metrics" });
    }

    const revoked = await createConnectorToken(server.services.pool, { name: "revoked-scraper", scopes: ["metrics"] });
    await server.services.pool.query("UPDATE connector_token SET revoked_at = now() WHERE id = $1", [revoked.id]);
    server.services.tokens.forget();
    const gone = await get(server, { authorization: `Bearer ${revoked.token}` });
    expect(gone.status).toBe(401);
    expect(JSON.parse(gone.text).error.code).toBe("token_revoked");
  });

  it("a metrics-only token reads /metrics and nothing else: no stock, no events", async () => {
    const ok = await get(server, { authorization: `Bearer ${metricsToken}` });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const c = uniqueCatalog({ skus: ["M"] });
    await server.catalog(c.input);
    const post = await server.post(ev({ type: "receipt", sku: c.sku("M"), location: c.loc("wh") }), { authorization: `Bearer ${metricsToken}` });
    expect(post.status).toBe(403);
    expect(post.body.error.message).toContain('"ingest"');
  });

  it("people: a signed-in admin may read it, an analyst gets 403 naming the role; only GET and HEAD", async () => {
    const admin = await get(server, { cookie: await person("admin") });
    expect(admin.status, admin.text).toBe(200);
    expect(admin.text).toContain("# TYPE onepool_ingest_events_total counter");
    const analyst = await get(server, { cookie: await person("analyst") });
    expect(analyst.status).toBe(403);
    expect(JSON.parse(analyst.text).error.message).toContain("admin role");

    const head = await get(server, { authorization: `Bearer ${metricsToken}` }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
    const post = await get(server, { authorization: `Bearer ${metricsToken}` }, "POST");
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });
});

describe("what /metrics says", () => {
  it("exposes every documented family with its type", async () => {
    const m = await scrape();
    const expected: Record<string, MetricType> = {
      onepool_ingest_events_total: "counter",
      onepool_ingest_request_events: "histogram",
      onepool_ingest_commit_events: "histogram",
      onepool_ingest_commit_seconds: "histogram",
      onepool_ingest_lag_seconds: "histogram",
      onepool_end_to_end_lag_seconds: "histogram",
      onepool_outbound_pushes_total: "counter",
      onepool_outbox_pending: "gauge",
      onepool_outbox_oldest_age_seconds: "gauge",
      onepool_publisher_pass_seconds: "histogram",
      onepool_publisher_failed_passes_total: "counter",
      onepool_socket_clients: "gauge",
      onepool_db_pool_in_use: "gauge",
      onepool_db_pool_idle: "gauge",
      onepool_db_pool_waiting: "gauge",
      onepool_db_pool_max: "gauge",
      onepool_metrics_collect_failures_total: "counter",
      onepool_alerts_open: "gauge",
      onepool_alerts_open_muted: "gauge",
      onepool_alert_deliveries_total: "counter",
      onepool_alert_outbox_pending: "gauge",
      onepool_alert_outbox_oldest_age_seconds: "gauge",
      // The process's own figures (prom-client's defaults), once.
      process_cpu_seconds_total: "counter",
      nodejs_eventloop_lag_seconds: "gauge",
    };
    for (const [name, type] of Object.entries(expected)) expect(m.get(name)?.type, name).toBe(type);
    // Pool sizes as configured (test defaults: 10, 3, 3).
    expect(value(m, "onepool_db_pool_max", { pool: "main" })).toBe(10);
    expect(value(m, "onepool_db_pool_max", { pool: "ingest" })).toBe(3);
    expect(value(m, "onepool_db_pool_max", { pool: "read" })).toBe(3);
    for (const pool of ["main", "ingest", "read"]) expect(m.get("onepool_db_pool_waiting")!.samples.some((x) => x.labels.pool === pool)).toBe(true);
    for (const pool of ["main", "ingest", "read"]) {
      expect(value(m, "onepool_db_pool_in_use", { pool }) + value(m, "onepool_db_pool_idle", { pool })).toBeLessThanOrEqual(value(m, "onepool_db_pool_max", { pool }));
    }
  });

  it("ingest counters move by exactly the events posted, by source and result; the lag, batch and commit histograms move with them", async () => {
    const c = uniqueCatalog({ skus: ["I"] });
    await server.catalog(c.input);
    const source = `metrics-src-${c.tag}`;
    const other = `metrics-other-${c.tag}`;
    const before = await scrape();
    const reqBefore = histogram(before, "onepool_ingest_request_events");
    const commitBefore = histogram(before, "onepool_ingest_commit_seconds");
    const commitEventsBefore = histogram(before, "onepool_ingest_commit_events");
    const passesBefore = histogram(before, "onepool_publisher_pass_seconds", { scope: "skus" });

    const at = (e: ReturnType<typeof ev>) => ({ ...e, source });
    const accepted = [
      at(ev({ type: "receipt", sku: c.sku("I"), location: c.loc("wh"), quantity: 4 }, 3000)),
      at(ev({ type: "receipt", sku: c.sku("I"), location: c.loc("wh") }, 3000)),
      at(ev({ type: "receipt", sku: c.sku("I"), location: c.loc("store") }, 3000)),
    ];
    const first = await server.post(accepted);
    expect(first.status).toBe(202);
    expect(first.body.results.map((r: { status: string }) => r.status)).toEqual(["accepted", "accepted", "accepted"]);
    // One repeat, two unknown SKUs, and an event of another source in the same request.
    const second = await server.post([
      accepted[0],
      at(ev({ type: "receipt", sku: `nope-${c.tag}`, location: c.loc("wh") })),
      at(ev({ type: "receipt", sku: `nope2-${c.tag}`, location: c.loc("wh") })),
      { ...ev({ type: "receipt", sku: c.sku("I"), location: c.loc("wh") }, 1000), source: other },
    ]);
    expect(second.body.results.map((r: { status: string }) => r.status)).toEqual(["duplicate", "rejected", "rejected", "accepted"]);
    await server.services.publisher.settle();

    const after = await scrape();
    const moved = (labels: Record<string, string>) => value(after, "onepool_ingest_events_total", labels) - value(before, "onepool_ingest_events_total", labels);
    expect(moved({ source, result: "accepted" })).toBe(3);
    expect(moved({ source, result: "duplicate" })).toBe(1);
    expect(moved({ source, result: "rejected" })).toBe(2);
    expect(moved({ source, result: "unmapped" })).toBe(0);
    expect(moved({ source: other, result: "accepted" })).toBe(1);

    // Ingest lag: one observation per accepted event of the source, each about 3 s.
    // Stock events name no channel: their series has channel="" (Prometheus reads it as no channel).
    const lag = histogram(after, "onepool_ingest_lag_seconds", { source, channel: "" });
    expect(lag.count).toBe(3);
    expect(lag.sum).toBeGreaterThanOrEqual(9);
    expect(lag.sum).toBeLessThan(3 * 30);
    expect(Number(lag.buckets["2.5"])).toBe(0);
    expect(Number(lag.buckets["30"])).toBe(3);
    expect(histogram(after, "onepool_ingest_lag_seconds", { source: other, channel: "" }).count).toBe(1);

    // Two requests of 3 and 4 events; at least one commit each (the repeat and the rejections write nothing new).
    const req = histogram(after, "onepool_ingest_request_events");
    expect(req.count - reqBefore.count).toBe(2);
    expect(req.sum - reqBefore.sum).toBe(7);
    expect(histogram(after, "onepool_ingest_commit_seconds").count - commitBefore.count).toBeGreaterThanOrEqual(2);
    expect(histogram(after, "onepool_ingest_commit_events").sum - commitEventsBefore.sum).toBe(5);
    expect(histogram(after, "onepool_publisher_pass_seconds", { scope: "skus" }).count).toBeGreaterThan(passesBefore.count);
  });

  it("ingest lag per channel: an order's lag in its (source, channel) series, a stock event's in (source, \"\")", async () => {
    const c = uniqueCatalog({ skus: ["O"] });
    await server.catalog(c.input);
    const source = `metrics-chan-${c.tag}`;
    const r = await server.post([
      { ...ev({ type: "receipt", sku: c.sku("O"), location: c.loc("wh"), quantity: 5 }, 1000), source },
      { ...ev({ type: "order.placed", sku: c.sku("O"), location: c.loc("wh"), quantity: 1, channel: c.channel, orderId: `o-${c.tag}` }, 45_000), source },
    ]);
    expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(["accepted", "accepted"]);
    const m = await scrape();
    const order = histogram(m, "onepool_ingest_lag_seconds", { source, channel: c.channel });
    expect(order.count).toBe(1);
    expect(order.sum).toBeGreaterThanOrEqual(45);
    expect(order.buckets["30"]).toBe(0);
    expect(order.buckets["60"]).toBe(1);
    const stock = histogram(m, "onepool_ingest_lag_seconds", { source, channel: "" });
    expect(stock.count).toBe(1);
    expect(stock.sum).toBeLessThan(30);
  });

  it("a source name with quotes and backslashes is escaped on the way out and read back intact", async () => {
    // (The cap on distinct names, beyond which they share `_other`, is lib/metrics/label-cap.test.ts's.)
    const c = uniqueCatalog({ skus: ["L"] });
    await server.catalog(c.input);
    const weird = `src "quoted" \\ ${c.tag}`;
    const r = await server.post({ ...ev({ type: "receipt", sku: c.sku("L"), location: c.loc("wh") }), source: weird });
    expect(r.status).toBe(202);
    const m = await scrape();
    expect(value(m, "onepool_ingest_events_total", { source: weird, result: "accepted" })).toBe(1);
  });

  it("pushes: acks by channel, end-to-end lag only for acks that carried a change", async () => {
    const receiver = await startPushReceiver(SECRET);
    receivers.push(receiver);
    const c = uniqueCatalog({ skus: ["P", "Q"] });
    await server.catalog(c.input);
    await server.post(ev({ type: "receipt", sku: c.sku("P"), location: c.loc("wh"), quantity: 9 }));
    await server.services.publisher.settle();
    await registerOutbound(server.services, c.channel, { provider: "standard", url: receiver.url, secret: SECRET }, SYSTEM_ACTOR);
    // Registration re-tells both numbers: two acks, no lag (no change happened).
    const retold = await until("the re-told numbers counted", async () => {
      const m = await scrape();
      return value(m, "onepool_outbound_pushes_total", { channel: c.channel, result: "ack" }) === 2 && m;
    });
    expect(histogram(retold, "onepool_end_to_end_lag_seconds", { channel: c.channel }).count).toBe(0);

    await server.post(ev({ type: "order.placed", sku: c.sku("P"), location: c.loc("wh"), quantity: 2 }, 2000));
    const after = await until("the change's ack counted", async () => {
      const m = await scrape();
      return value(m, "onepool_outbound_pushes_total", { channel: c.channel, result: "ack" }) === 3 && m;
    });
    expect(receiver.latest().get(c.sku("P"))).toBe(7);
    const lag = histogram(after, "onepool_end_to_end_lag_seconds", { channel: c.channel });
    expect(lag.count).toBe(1);
    expect(lag.sum).toBeGreaterThanOrEqual(2);
    expect(lag.sum).toBeLessThan(30);
    expect(value(after, "onepool_outbox_pending", { channel: c.channel })).toBe(0);
    expect(value(after, "onepool_outbox_oldest_age_seconds", { channel: c.channel })).toBe(0);
  });

  it("a failing channel: retries counted, its waiting numbers and the age of the oldest change read from the database", async () => {
    const receiver = await startPushReceiver(SECRET);
    receivers.push(receiver);
    receiver.script([], 503);
    const c = uniqueCatalog({ skus: ["F", "G"] });
    await server.catalog(c.input);
    await server.post(ev({ type: "receipt", sku: c.sku("F"), location: c.loc("wh"), quantity: 5 }));
    await server.services.publisher.settle();
    await registerOutbound(server.services, c.channel, { provider: "standard", url: receiver.url, secret: SECRET }, SYSTEM_ACTOR);
    // A change that happened two minutes ago, waiting behind the failing channel.
    await server.post(ev({ type: "order.placed", sku: c.sku("F"), location: c.loc("wh"), quantity: 1 }, 120_000));
    await server.services.publisher.settle();
    const m = await until("the retries counted", async () => {
      const s = await scrape();
      return value(s, "onepool_outbound_pushes_total", { channel: c.channel, result: "retry" }) >= 2 && s;
    });
    expect(value(m, "onepool_outbound_pushes_total", { channel: c.channel, result: "ack" })).toBe(0);
    expect(value(m, "onepool_outbox_pending", { channel: c.channel })).toBe(2);
    const age = value(m, "onepool_outbox_oldest_age_seconds", { channel: c.channel });
    expect(age).toBeGreaterThanOrEqual(120);
    expect(age).toBeLessThan(180);
    expect(histogram(m, "onepool_end_to_end_lag_seconds", { channel: c.channel }).count).toBe(0);
  });

  it("open alerts by kind (every kind listed) and the muted ones among them, read from the database", async () => {
    // This instance's sweep would resolve the made-up alerts below: a server of its own with none.
    const quiet = await startTestServer(inject("databaseUrl"), { ONEPOOL_ALERTS: "false" });
    try {
      const before = await scrape(quiet);
      expect(before.get("onepool_alerts_open")?.type).toBe("gauge");
      expect(
        before
          .get("onepool_alerts_open")!
          .samples.map((x) => x.labels.kind)
          .sort(),
      ).toEqual([...ALERT_KINDS].sort());
      const tag = `metrics-${Date.now()}`;
      for (const n of [1, 2]) {
        await quiet.services.pool.query(
          `INSERT INTO alert (kind, subject_key, source, state, first_seen_at, last_seen_at, opened_at) VALUES ('signature_failures', $1, $2, 'open', now(), now(), now())`,
          [`source:${tag}-${n}`, `${tag}-${n}`],
        );
      }
      await quiet.services.pool.query("INSERT INTO alert_mute (kind, subject_key, until, created_by) VALUES ('signature_failures', $1, now() + interval '1 hour', 'test')", [`source:${tag}-1`]);
      const after = await scrape(quiet);
      const kind = { kind: "signature_failures" };
      expect(value(after, "onepool_alerts_open", kind) - value(before, "onepool_alerts_open", kind)).toBe(2);
      expect(value(after, "onepool_alerts_open_muted", kind) - value(before, "onepool_alerts_open_muted", kind)).toBe(1);
      await quiet.services.pool.query("DELETE FROM alert WHERE subject_key LIKE $1", [`source:${tag}-%`]);
      await quiet.services.pool.query("DELETE FROM alert_mute WHERE subject_key LIKE $1", [`source:${tag}-%`]);
    } finally {
      await quiet.stop();
    }
  });

  it("alert destinations: deliveries by destination and result, and the messages waiting with the age of the oldest", async () => {
    // A database of its own (the other servers' senders would claim its messages), the engine off
    // (no alert of its own), a fast sender, and 127.0.0.1 allowed as a destination.
    const dbName = `onepool_metrics_dest_${process.pid}`;
    await createDatabase(inject("adminUrl"), dbName);
    const quiet = await startTestServer(withDatabase(inject("adminUrl"), dbName), { ONEPOOL_ALERTS: "false", ONEPOOL_ALERT_DELIVERY_POLL_MS: "100", ONEPOOL_OUTBOUND_ALLOW_HOSTS: "127.0.0.1" });
    const hits: number[] = [];
    const script = [500];
    const hook = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        const status = script.shift() ?? 200;
        hits.push(status);
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
    const tag = `m${Date.now().toString(36)}`;
    const [live, stuck] = [`${tag}-live`, `${tag}-stuck`];
    const db = quiet.services.pool; // its bootstrap token (every scope) reads /metrics there
    try {
      const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
      const ids: Record<string, number> = {};
      for (const name of [live, stuck]) {
        ids[name] = (
          await db.query<{ id: number }>("INSERT INTO alert_destination (name, format, url, created_by, updated_by) VALUES ($1, 'slack', $2, 'test', 'test') RETURNING id", [name, url])
        ).rows[0].id;
      }
      const before = await scrape(quiet, TEST_TOKEN);
      expect(value(before, "onepool_alert_outbox_pending", { destination: stuck })).toBe(0);
      expect(value(before, "onepool_alert_outbox_oldest_age_seconds", { destination: stuck })).toBe(0);
      const payload = (name: string) => JSON.stringify(emptyAlertMessage(name, "push_failing"));
      // Two messages for `stuck`, made 2 and 1 minutes ago, not due for an hour; one for `live`, due now.
      for (const ago of [120, 60]) {
        await db.query(
          "INSERT INTO alert_delivery (destination_id, kind, payload, next_attempt_at, created_at) VALUES ($1, 'push_failing', $2, now() + interval '1 hour', now() - make_interval(secs => $3))",
          [ids[stuck], payload(stuck), ago],
        );
      }
      await db.query("INSERT INTO alert_delivery (destination_id, kind, payload) VALUES ($1, 'push_failing', $2)", [ids[live], payload(live)]);
      // The receiver answers 500 first: one retry (after ≈ 1 s), then delivered.
      const after = await until(
        "the live message delivered after one retry",
        async () => {
          const m = await scrape(quiet, TEST_TOKEN);
          return value(m, "onepool_alert_deliveries_total", { destination: live, result: "delivered" }) === 1 && m;
        },
        15_000,
      );
      expect(hits).toEqual([500, 200]);
      expect(value(after, "onepool_alert_deliveries_total", { destination: live, result: "retry" })).toBe(1);
      expect(value(after, "onepool_alert_deliveries_total", { destination: live, result: "failed" })).toBe(0);
      expect(value(after, "onepool_alert_deliveries_total", { destination: stuck, result: "delivered" })).toBe(0);
      expect(value(after, "onepool_alert_outbox_pending", { destination: live })).toBe(0);
      expect(value(after, "onepool_alert_outbox_pending", { destination: stuck })).toBe(2);
      const age = value(after, "onepool_alert_outbox_oldest_age_seconds", { destination: stuck });
      expect(age).toBeGreaterThanOrEqual(120);
      expect(age).toBeLessThan(180);
      // A deleted destination leaves the gauges.
      await db.query("DELETE FROM alert_delivery WHERE destination_id = $1", [ids[stuck]]);
      await db.query("DELETE FROM alert_destination WHERE id = $1", [ids[stuck]]);
      const gone = await scrape(quiet, TEST_TOKEN);
      expect(gone.get("onepool_alert_outbox_pending")!.samples.some((x) => x.labels.destination === stuck)).toBe(false);
    } finally {
      await quiet.stop();
      await new Promise<void>((r) => hook.close(() => r()));
      await dropDatabase(inject("adminUrl"), dbName);
    }
  });

  it("socket clients: a token's live connection is counted while open", async () => {
    const before = value(await scrape(), "onepool_socket_clients", { kind: "token" });
    const s = io(server.url, { transports: ["websocket"], reconnection: false, auth: { token: TEST_TOKEN } });
    sockets.push(s);
    await new Promise<void>((resolve, reject) => {
      s.once("connect", () => resolve());
      s.once("connect_error", reject);
    });
    expect(value(await scrape(), "onepool_socket_clients", { kind: "token" })).toBe(before + 1);
    s.close();
    await until("the socket gone", async () => value(await scrape(), "onepool_socket_clients", { kind: "token" }) === before);
  });

  it("each server instance counts only its own traffic (one registry per instance, none global); events not stored count as failed", async () => {
    const second = await startTestServer(inject("databaseUrl"));
    try {
      const c = uniqueCatalog({ skus: ["X"] });
      await server.catalog(c.input);
      const source = `metrics-instance-${c.tag}`;
      await server.post({ ...ev({ type: "receipt", sku: c.sku("X"), location: c.loc("wh") }), source });
      expect(value(await scrape(server), "onepool_ingest_events_total", { source, result: "accepted" })).toBe(1);
      expect(value(await scrape(second), "onepool_ingest_events_total", { source, result: "accepted" })).toBe(0);

      // Events that could not be stored (the sender got a 503 and will retry) count as failed.
      await second.catalog(c.input); // this instance's catalogue cache learns the SKU
      await second.services.ingest.committer.stop();
      const refused = await second.post([0, 1].map(() => ({ ...ev({ type: "receipt", sku: c.sku("X"), location: c.loc("wh") }), source })));
      expect(refused.status).toBe(503);
      const m = await scrape(second);
      expect(value(m, "onepool_ingest_events_total", { source, result: "failed" })).toBe(2);
      expect(value(m, "onepool_ingest_events_total", { source, result: "accepted" })).toBe(0);
    } finally {
      await second.stop();
    }
  });
});
