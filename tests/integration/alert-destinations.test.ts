import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createConnectorToken } from "@/server/auth/connector-tokens";
import { routeStandIn } from "../support/route-stand-in";
import { createDatabase, dropDatabase, withDatabase } from "../support/test-postgres";
import { ev, startTestServer, TEST_TOKEN, uniqueCatalog, type TestServer } from "../support/test-server";
import { until } from "../support/until";
import { bearer, callApi } from "../support/call-api";
import { emptyAlertMessage } from "../support/alert-message";
import { closing } from "../support/closing";

// Alert destinations (docs/ALERTS.md "Destinations") over real HTTP, Postgres and clock, with two
// instances on one database throughout (each runs a grouper and a sender): Standard Webhooks
// signatures checked with an HMAC computed here, Slack bodies, the kinds filter, mutes, grouping
// (the first message at once, the next after the window, naming every subject), a retry after a
// 500 keeping its webhook-id, and every message received exactly once. Low cover is the alert
// used: it opens ≈ 1 s after the ingest that causes it.

const DB = `onepool_alertdest_${process.pid}`;
const WINDOW_S = 3;
const ENV = {
  ONEPOOL_ALERT_GROUP_SECONDS: String(WINDOW_S),
  ONEPOOL_ALERT_DELIVERY_POLL_MS: "100",
  ONEPOOL_ALERT_SWEEP_SECONDS: "0.5",
  ONEPOOL_ALERT_FULL_SWEEP_SECONDS: "3600",
};
let server: TestServer;
let second: TestServer;

beforeAll(async () => {
  await createDatabase(inject("adminUrl"), DB);
  second = await startTestServer(withDatabase(inject("adminUrl"), DB), ENV, { nextHandler: routeStandIn() });
  // Started last so the route handlers' services are this one's.
  server = await startTestServer(withDatabase(inject("adminUrl"), DB), ENV, { nextHandler: routeStandIn() });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await second?.stop();
  await dropDatabase(inject("adminUrl"), DB);
});

const call = (method: string, path: string, body?: unknown, token = TEST_TOKEN) => callApi(server.url, method, path, { body, headers: bearer(token) });

interface Received {
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: any;
  at: number;
  answered: number;
}

/** A destination's endpoint: keeps every request, answers a scripted status then 200. */
async function receiver() {
  const received: Received[] = [];
  let script: number[] = [];
  const srv = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const answered = script.shift() ?? 200;
      received.push({ headers: req.headers, raw, body: JSON.parse(raw), at: Date.now(), answered });
      res.writeHead(answered).end(answered < 300 ? "ok" : "down");
    });
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/hook`,
    received,
    script: (s: number[]) => (script = [...s]),
    close: () => new Promise<void>((r) => srv.close(() => r())),
  };
}

/** Standard Webhooks, computed here: base64 HMAC-SHA256 under the whsec_ key of "<id>.<ts>.<body>". */
function verifies(secret: string, r: Received): boolean {
  const id = String(r.headers["webhook-id"]);
  const ts = String(r.headers["webhook-timestamp"]);
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${ts}.${r.raw}`).digest();
  const given = String(r.headers["webhook-signature"])
    .split(" ")
    .map((s) => Buffer.from(s.replace(/^v1,/, ""), "base64"));
  return Math.abs(Date.now() / 1000 - Number(ts)) < 300 && given.some((g) => g.length === expected.length && timingSafeEqual(g, expected));
}

/** SKUs that fall to low cover: 5 left after selling 5 today (lead 14 + safety 7 days). */
async function lowCover(c: ReturnType<typeof uniqueCatalog>, skus: string[]) {
  await server.post(
    skus.flatMap((s, i) => [
      ev({ type: "receipt", sku: c.sku(s), location: c.loc("wh"), quantity: 10 }),
      ev({ type: "order.placed", sku: c.sku(s), location: c.loc("wh"), quantity: 5, orderId: `o-${c.tag}-${s}-${i}` }),
    ]),
  );
}

const skusOf = (list: { subject: { sku?: string } }[]) => list.map((t) => t.subject.sku).sort();
const mentioning = (received: Received[], sku: string) => received.filter((r) => r.raw.includes(sku));

describe("signed webhooks, grouped per kind per window", () => {
  it("the first message goes at once; turns within the window wait and go together, each message once, signed", async () => {
    await closing(receiver(), async (rx) => {
      const name = `grouped-${process.pid}`;
      const put = await call("PUT", `/api/alert-destinations/${name}`, { url: rx.url, format: "standard", kinds: ["low_cover"] });
      expect(put.status).toBe(200);
      expect(put.body.secret).toMatch(/^whsec_/); // generated, shown this once
      const secret: string = put.body.secret;
      const c = uniqueCatalog({ skus: ["A", "B", "C"] });
      await server.catalog(c.input);

      await lowCover(c, ["A"]);
      const first = await until("the first message", () => mentioning(rx.received, c.sku("A"))[0], 15_000);
      // Not held for a window (nothing of the kind was sent before): within a few polls of the opening.
      const opened = Date.parse(first.body.opened[0].at);
      expect(first.at - opened).toBeLessThan(1000);
      await lowCover(c, ["B", "C"]);
      const next = await until("the grouped message", () => rx.received.find((r) => r.raw.includes(c.sku("B"))), 15_000);
      expect(next.at - first.at).toBeGreaterThanOrEqual(WINDOW_S * 1000 - 200); // held until the window passed (grouped at ≥ window after; ms rounding)
      expect(skusOf(next.body.opened)).toEqual([c.sku("B"), c.sku("C")].sort());

      expect(first.body).toMatchObject({ type: "alerts.grouped", destination: name, kind: "low_cover", resolved: [], omitted: { opened: 0, resolved: 0 } });
      expect(first.body.opened).toEqual([
        expect.objectContaining({ change: "opened", subject: { sku: c.sku("A") }, value: expect.objectContaining({ suggestedQuantity: 100 }), alertId: expect.any(String) }),
      ]);
      for (const r of [first, next]) {
        expect(r.headers["content-type"]).toBe("application/json");
        expect(String(r.headers["webhook-id"])).toMatch(/^alr_\d+$/);
        expect(verifies(secret, r)).toBe(true);
        expect(verifies(`whsec_${Buffer.from("not the secret, not at all").toString("base64")}`, r)).toBe(false);
      }
      expect(first.headers["webhook-id"]).not.toBe(next.headers["webhook-id"]);

      // Two instances group and send: a window later, still one message per turn.
      await new Promise((r) => setTimeout(r, WINDOW_S * 1000 + 500));
      expect(rx.received.filter((r) => r.raw.includes(c.sku("A")) || r.raw.includes(c.sku("B")))).toHaveLength(2);
      expect(new Set(rx.received.map((r) => r.headers["webhook-id"])).size).toBe(rx.received.length);

      const list = await call("GET", "/api/alert-destinations");
      const mine = list.body.destinations.find((d: { name: string }) => d.name === name);
      expect(mine).toMatchObject({ format: "standard", kinds: ["low_cover"], enabled: true, pending: 0, failingSince: null });
      expect(JSON.stringify(list.body)).not.toContain(secret.slice(6, 20));
      expect(mine.secret).toBeUndefined();
      expect((await call("DELETE", `/api/alert-destinations/${name}`)).status).toBe(200);
    });
  });

  it("a 500 is retried with the same webhook-id and signed again; then the message counts as delivered, once", async () => {
    await closing(receiver(), async (rx) => {
      const name = `retry-${process.pid}`;
      const secret = `whsec_${Buffer.from("alert-destination-test-secret-32").toString("base64")}`;
      const put = await call("PUT", `/api/alert-destinations/${name}`, { url: rx.url, secret, kinds: ["low_cover"] });
      expect(put.status).toBe(200);
      expect(put.body.secret).toBeUndefined(); // given, not generated: never echoed
      rx.script([500]);
      const c = uniqueCatalog({ skus: ["A"] });
      await server.catalog(c.input);
      await lowCover(c, ["A"]);
      await until("the retry", () => mentioning(rx.received, c.sku("A")).length >= 2, 15_000);
      const [a, b] = mentioning(rx.received, c.sku("A"));
      expect([a.answered, b.answered]).toEqual([500, 200]);
      expect(b.headers["webhook-id"]).toBe(a.headers["webhook-id"]);
      expect(b.raw).toBe(a.raw);
      expect(b.at - a.at).toBeGreaterThanOrEqual(700); // the first backoff: 1 s ± 20 %
      expect(verifies(secret, a) && verifies(secret, b)).toBe(true);
      const row = await until("recorded delivered", async () => {
        const r = await server.services.pool.query<{ state: string; attempts: number; last_error: string | null }>(
          "SELECT x.state, x.attempts, x.last_error FROM alert_delivery x JOIN alert_destination d ON d.id = x.destination_id WHERE d.name = $1",
          [name],
        );
        return r.rows[0]?.state === "delivered" ? r.rows[0] : null;
      });
      expect(row).toEqual({ state: "delivered", attempts: 2, last_error: null });
      await new Promise((r) => setTimeout(r, 1500));
      expect(mentioning(rx.received, c.sku("A"))).toHaveLength(2);
      const shown = (await call("GET", `/api/alert-destinations/${name}`)).body;
      expect(shown).toMatchObject({ failingSince: null, lastError: null, pending: 0 });
      // The Destinations screen's "last delivered" and "last attempt": the second attempt's, about when b arrived.
      expect(Math.abs(Date.parse(shown.lastAttemptAt) - b.at)).toBeLessThan(1000);
      expect(Date.parse(shown.lastDeliveredAt)).toBeGreaterThanOrEqual(Date.parse(shown.lastAttemptAt));
      await call("DELETE", `/api/alert-destinations/${name}`);
    });
  });
});

describe("durable: a sender that dies holding a message", () => {
  it("its claim keeps others off until the lease lapses; then the message is sent, once, under its own webhook-id", async () => {
    await closing(receiver(), async (rx) => {
      const name = `crash-${process.pid}`;
      const secret = `whsec_${Buffer.from("alert-destination-crash-secret-32").toString("base64")}`;
      expect((await call("PUT", `/api/alert-destinations/${name}`, { url: rx.url, secret, kinds: ["low_cover"] })).status).toBe(200);
      const payload = emptyAlertMessage(name, "low_cover");
      // As a claim leaves it (attempt counted, backoff due) when its process died before an answer.
      const r = await server.services.pool.query<{ id: string }>(
        `INSERT INTO alert_delivery (destination_id, kind, payload, attempts, claimed_until, last_attempt_at, next_attempt_at)
         SELECT id, 'low_cover', $2, 1, now() + interval '2 seconds', now(), now() - interval '1 second' FROM alert_destination WHERE name = $1 RETURNING id::text`,
        [name, JSON.stringify(payload)],
      );
      const claimedUntil = Date.now() + 2000;
      const got = await until("sent after the lease", () => rx.received.find((x) => x.headers["webhook-id"] === `alr_${r.rows[0].id}`), 10_000);
      expect(got.at).toBeGreaterThanOrEqual(claimedUntil - 100);
      expect(got.body).toEqual(payload);
      expect(verifies(secret, got)).toBe(true);
      await new Promise((res) => setTimeout(res, 1000));
      expect(rx.received).toHaveLength(1);
      await call("DELETE", `/api/alert-destinations/${name}`);
    });
  });
});

describe("Slack, kinds and mutes", () => {
  it("a Slack destination gets { text } naming the subjects; a muted subject and other kinds' destinations get nothing", async () => {
    const slack = await receiver();
    const other = await receiver();
    try {
      const s = `slack-${process.pid}`;
      const o = `variance-only-${process.pid}`;
      expect((await call("PUT", `/api/alert-destinations/${s}`, { url: slack.url, format: "slack", kinds: ["low_cover"] })).status).toBe(200);
      const put = await call("PUT", `/api/alert-destinations/${o}`, { url: other.url, kinds: ["variance"] });
      expect(put.status).toBe(200);
      const c = uniqueCatalog({ skus: ["A", "B", "M"] });
      await server.catalog(c.input);
      const until1h = new Date(Date.now() + 3_600_000).toISOString();
      expect((await call("POST", "/api/alerts/mutes", { kind: "low_cover", sku: c.sku("M"), until: until1h })).status).toBe(200);

      await lowCover(c, ["A", "B", "M"]);
      const msg = await until("the Slack message", () => slack.received.find((r) => r.raw.includes(c.sku("A"))), 10_000);
      expect(Object.keys(msg.body)).toEqual(["text"]);
      expect(msg.headers["webhook-signature"]).toBeUndefined();
      const lines: string[] = msg.body.text.split("\n");
      expect(lines[0]).toBe("*Onepool — Low cover: reorder* (`low_cover`): 2 opened");
      expect(lines).toContain(`• SKU ${c.sku("A")} (reorder 100)`);
      expect(lines).toContain(`• SKU ${c.sku("B")} (reorder 100)`);
      // The muted SKU's alert opened (the list shows it muted) but was not sent.
      const muted = await call("GET", `/api/alerts?kind=low_cover&sku=${c.sku("M")}`);
      expect(muted.body.alerts[0]).toMatchObject({ state: "open", muted: true });
      await new Promise((r) => setTimeout(r, 1000));
      expect(mentioning(slack.received, c.sku("M"))).toEqual([]);
      expect(other.received).toEqual([]);

      const shown = await call("GET", `/api/alert-destinations/${s}`);
      expect(shown.body.url).toBe(`${new URL(slack.url).origin}/***`); // a Slack URL's path is its key
      await call("DELETE", `/api/alert-destinations/${s}`);
      await call("DELETE", `/api/alert-destinations/${o}`);
    } finally {
      await slack.close();
      await other.close();
    }
  });
});

describe("PUT /api/alert-destinations/<name>", () => {
  it("refuses private addresses, a Slack secret, unknown kinds and bad names precisely; audits; DELETE then 404", async () => {
    const url = "http://127.0.0.1:9/hook";
    // alerts.settings: a token that only reads alerts may neither list nor change destinations.
    const reader = await createConnectorToken(server.services.pool, { name: `reader-${process.pid}`, scopes: ["read"] });
    expect((await call("GET", "/api/alert-destinations", undefined, reader.token)).status).toBe(403);
    expect((await call("PUT", "/api/alert-destinations/x", { url }, reader.token)).status).toBe(403);
    expect((await call("GET", "/api/alert-destinations", undefined, "op_not_a_token_at_all_0123456789abcdef")).status).toBe(401);
    const refused = await call("PUT", "/api/alert-destinations/private", { url: "http://10.1.2.3/hook" });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: "address_not_allowed", details: { field: "url" } });
    const link = await call("PUT", "/api/alert-destinations/metadata", { url: "http://169.254.169.254/latest" });
    expect(link.body.error.code).toBe("address_not_allowed");
    const slackSecret = await call("PUT", "/api/alert-destinations/s", { url, format: "slack", secret: "0123456789abcdef0123" });
    expect(slackSecret.status).toBe(400);
    expect(slackSecret.body.error.details.field).toBe("secret");
    const kind = await call("PUT", "/api/alert-destinations/k", { url, kinds: ["nope"] });
    expect(kind.status).toBe(400);
    expect(kind.body.error.details.field).toBe("kinds.0");
    const extra = await call("PUT", "/api/alert-destinations/k", { url, token: "x" });
    expect(extra.body.error.code).toBe("unknown_field");
    const badName = await call("PUT", "/api/alert-destinations/Bad%20Name", { url });
    expect(badName.status).toBe(400);
    expect(badName.body.error.code).toBe("invalid_name");

    const name = `audited-${process.pid}`;
    const created = await call("PUT", `/api/alert-destinations/${name}`, { url });
    expect(created.status).toBe(200);
    const again = await call("PUT", `/api/alert-destinations/${name}`, { url, enabled: false });
    expect(again.body.secret).toBeUndefined(); // the secret is kept, not regenerated, and never shown again
    expect(again.body.enabled).toBe(false);
    expect((await call("DELETE", `/api/alert-destinations/${name}`)).status).toBe(200);
    expect((await call("DELETE", `/api/alert-destinations/${name}`)).status).toBe(404);
    expect((await call("GET", `/api/alert-destinations/${name}`)).status).toBe(404);
    const audit = await server.services.pool.query<{ action: string; details: Record<string, unknown>; after: Record<string, unknown> | null }>(
      "SELECT action, details, after FROM audit_log WHERE target = $1 ORDER BY id",
      [`alert_destination:${name}`],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["alert_destination.create", "alert_destination.update", "alert_destination.delete"]);
    expect(audit.rows[0].details).toEqual({ secretChanged: true, secretGenerated: true });
    expect(audit.rows[1].details).toEqual({ secretChanged: false, secretGenerated: false });
    expect(JSON.stringify(audit.rows)).not.toContain("whsec_");
  });
});
