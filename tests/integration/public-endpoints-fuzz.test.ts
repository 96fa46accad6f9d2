import net from "node:net";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as amazonUnshipped from "../fixtures/providers/amazon/order-change-mfn-unshipped";
import * as mlPaid from "../fixtures/providers/mercadolibre/relay-order-paid";
import * as mlNotification from "../fixtures/providers/mercadolibre/notification-orders-v2";
import * as shopifyOrder from "../fixtures/providers/shopify/orders-create-with-variants";
import * as wooOrder from "../fixtures/providers/woocommerce/order-created";
import { rebuildProjections } from "@/server/projection/rebuild-projections";
import { routeStandIn } from "../support/route-stand-in";
import { startTestServer, TEST_TOKEN, uniqueCatalog, type TestServer } from "../support/test-server";
import { hmacBase64, registerSource, standardHeaders, whsec } from "../support/webhooks";

// Issue 14 "bad input never becomes a 5xx": random requests to every public endpoint (canonical
// events, the five webhook providers, reservations, catalogue, rules, pauses) with random bodies,
// content types, encodings, sizes and framing (chunked, and Content-Length that lies either way),
// over a raw socket to loopback. Whatever is sent: no 5xx, and the ledger grows by exactly what
// the server says it accepted (nothing for a refusal), so stock never moves on bad input.
// Bounded: a fixed number of runs, each with a short timeout.

let server: TestServer;
let c: ReturnType<typeof uniqueCatalog>;
const secrets: Record<string, string> = {};
const codes: Record<string, string> = {};
const ML_KEY = "ml-fuzz-key-0123456789abcdef";
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"), {}, { nextHandler: routeStandIn() });
  c = uniqueCatalog();
  await server.catalog(c.input);
  for (const provider of ["shopify", "woocommerce", "amazon", "mercadolibre", "standard"] as const) {
    const code = `fuzz-${provider}-${c.tag}`;
    const secret = provider === "shopify" || provider === "woocommerce" ? `${provider}_${c.tag}_fuzz_secret_value` : whsec();
    await registerSource(server, code, {
      provider,
      channel: c.channel,
      secrets: [secret],
      locations: { default: c.loc("wh") },
      ...(provider === "mercadolibre" ? { applicationId: "5503910054141466", userId: "468424240", notificationKey: ML_KEY } : {}),
    });
    secrets[provider] = secret;
    codes[provider] = code;
  }
});
afterAll(() => server?.stop());

interface Answer {
  statuses: number[];
  body: unknown;
}

/** One raw HTTP/1.1 exchange on its own connection. */
function exchange(port: number, head: string, body: Buffer, halfClose: boolean, timeoutMs = 4000): Promise<Answer> {
  return new Promise((resolve) => {
    const sock = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const text = Buffer.concat(chunks).toString("latin1");
      const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
      let parsed: unknown = null;
      const start = text.indexOf("\r\n\r\n");
      const len = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, start));
      if (start >= 0 && len) {
        try {
          parsed = JSON.parse(
            Buffer.concat(chunks)
              .subarray(start + 4, start + 4 + Number(len[1]))
              .toString("utf8"),
          );
        } catch {
          parsed = null;
        }
      }
      resolve({ statuses, body: parsed });
    };
    const timer = setTimeout(finish, timeoutMs);
    sock.on("data", (d: Buffer) => chunks.push(d));
    sock.on("close", finish).on("error", finish);
    sock.on("connect", () => {
      sock.write(head);
      sock.write(body);
      // A body shorter than announced ends here (half-close) instead of waiting out a timeout. Node
      // drops a request whose client half-closes, so only these do.
      if (halfClose) sock.end();
    });
  });
}

const ledger = async () => {
  // Holds made by valid reservation requests expire on their own (the sweeper writes reservation.*
  // events at any time): those are counted apart, and stock is compared only when none happened.
  const r = await server.services.pool.query<{ n: number; holds: number; stock: string }>(
    `SELECT (SELECT count(*)::int FROM event WHERE type NOT LIKE 'reservation.%') AS n,
            (SELECT count(*)::int FROM event WHERE type LIKE 'reservation.%') AS holds,
            (SELECT md5(coalesce(string_agg(concat_ws(',', sku_id, location_id, on_hand, committed, reserved, damaged, quality_control, available, incoming_total), ';' ORDER BY sku_id, location_id), '')) FROM stock_level) AS stock`,
  );
  return r.rows[0];
};

// ---- what to send -------------------------------------------------------------------------------

const validEvent = () => ({
  id: `fz-${Math.random().toString(36).slice(2)}`,
  source: "wms",
  type: "receipt",
  sku: c.sku("A"),
  location: c.loc("wh"),
  quantity: 1,
  occurredAt: new Date(Date.now() - 5000).toISOString(),
});

/** A JSON value with one path (found by walking it) replaced. */
function mutate(value: unknown, pick: number, replacement: unknown, drop: boolean): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(copy, []);
  const path = paths[pick % paths.length];
  if (path.length === 0) return replacement;
  let parent = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (drop && !Array.isArray(parent)) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

const oddStrings = fc.constantFrom("", "\u0000", "\\ud800", "2017-02-30T10:00:00Z", "9999999999999999999", "-1", "1e309", "NaN", "%", "x".repeat(300), "__proto__", "💥");
const oddValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), oddStrings, fc.constantFrom(1e9, -1e9, 2 ** 31, 2 ** 53 + 1, 0.5, -0, null, [], {}));

const FIXTURES = { shopify: shopifyOrder, woocommerce: wooOrder, amazon: amazonUnshipped, mercadolibre: mlPaid, standard: null } as const;

const bodyArb = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.nat(), oddValue, fc.boolean()).map(([pick, v, drop]) => ({ kind: "mutated" as const, pick, v, drop })) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 4 }).map((text) => ({ kind: "json" as const, text })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }).map((bytes) => ({ kind: "bytes" as const, bytes })) },
  { weight: 1, arbitrary: fc.constantFrom(70 * 1024, 1024 * 1024 + 10).map((size) => ({ kind: "big" as const, size })) },
  { weight: 1, arbitrary: fc.constant({ kind: "valid" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "empty" as const }) },
);

const ENDPOINTS = [
  "events",
  "webhook:shopify",
  "webhook:woocommerce",
  "webhook:amazon",
  "webhook:mercadolibre",
  "webhook:standard",
  "ml-notification",
  "reservations:POST",
  "reservations:GET",
  "reservations:DELETE",
  "catalog",
  "rules:POST",
  "rules:PATCH",
  "pauses:POST",
  "pauses:DELETE",
] as const;

// Half the runs get a sane envelope (valid token, JSON, honest framing) so random bodies reach the
// parsers, translators and writes; the other half vary every header and the framing too.
const envelope = fc.oneof(
  fc.record({
    auth: fc.constant("valid"),
    signed: fc.constant(true),
    contentType: fc.constant("application/json"),
    encoding: fc.constant("none"),
    framing: fc.constantFrom("exact", "chunked"),
  }),
  fc.record({
    auth: fc.constantFrom("valid", "none", "garbage", "basic"),
    signed: fc.boolean(),
    contentType: fc.constantFrom("application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "text/plain", "application/x-www-form-urlencoded", "", "application/jsonx"),
    encoding: fc.constantFrom("none", "gzip", "gzip-declared-only", "br", "x-garbage"),
    framing: fc.constantFrom("exact", "chunked", "short", "long", "huge-declared"),
  }),
);

const requestArb = fc
  .record({
    endpoint: fc.constantFrom(...ENDPOINTS),
    body: bodyArb,
    envelope,
    lie: fc.integer({ min: 1, max: 64 }),
    id: fc.oneof(fc.string({ maxLength: 20 }), oddStrings),
  })
  .map(({ envelope: e, ...rest }) => ({ ...rest, ...e }));

type Req = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

function build(r: Req): { method: string; path: string; headers: Record<string, string>; body: Buffer; countsEvents: boolean } {
  const [name, verb] = r.endpoint.split(":");
  const provider = name === "webhook" ? (verb as keyof typeof FIXTURES) : name === "ml-notification" ? "mercadolibre" : null;
  // The body, as JSON where it can be.
  let base: unknown = validEvent();
  if (provider && FIXTURES[provider]) base = JSON.parse(FIXTURES[provider]!.body);
  if (name === "ml-notification") base = JSON.parse(mlNotification.body);
  if (name === "reservations") base = { sku: c.sku("A"), channel: c.channel, quantity: 1, ttlSeconds: 60, idempotencyKey: `fz-${Math.random()}` };
  if (name === "catalog") base = { skus: [{ code: `fz-${c.tag}`, name: "fuzz" }] };
  if (name === "rules") base = { channel: c.channel, sku: c.sku("B"), bufferUnits: 1 };
  if (name === "pauses") base = { channel: c.channel, reason: "fuzz" };
  let body: Buffer;
  const b = r.body;
  if (b.kind === "mutated") body = Buffer.from(JSON.stringify(mutate(base, b.pick, b.v, b.drop)) ?? "null");
  else if (b.kind === "json") body = Buffer.from(b.text);
  else if (b.kind === "bytes") body = Buffer.from(b.bytes);
  else if (b.kind === "big") body = Buffer.from(`{"x":"${"y".repeat(b.size)}"}`);
  else if (b.kind === "valid") body = Buffer.from(JSON.stringify(base));
  else body = Buffer.alloc(0);
  // Raw JSON text with an escaped lone surrogate, as a sender might write it.
  body = Buffer.from(body.toString("utf8").replaceAll('"\\\\ud800"', '"\\ud800"'));

  const headers: Record<string, string> = {};
  if (r.contentType) headers["content-type"] = r.contentType;
  if (r.auth === "valid") headers.authorization = `Bearer ${TEST_TOKEN}`;
  if (r.auth === "garbage") headers.authorization = `Bearer op_${"z".repeat(40)}`;
  if (r.auth === "basic") headers.authorization = "Basic dXNlcjpwYXNz";
  if (provider && r.signed && name === "webhook") {
    const raw = body.toString("utf8");
    if (provider === "shopify") Object.assign(headers, (FIXTURES.shopify as { headers: Record<string, string> }).headers, { "x-shopify-hmac-sha256": hmacBase64(secrets.shopify, raw) });
    else if (provider === "woocommerce") Object.assign(headers, wooOrder.headers, { "x-wc-webhook-signature": hmacBase64(secrets.woocommerce, raw) });
    else Object.assign(headers, standardHeaders(secrets[provider], raw));
  }
  if (r.encoding === "gzip") {
    body = gzipSync(body);
    headers["content-encoding"] = "gzip";
  } else if (r.encoding !== "none") headers["content-encoding"] = r.encoding === "gzip-declared-only" ? "gzip" : r.encoding;

  const id = encodeURIComponent(r.id) || "x";
  const route: Record<string, [string, string]> = {
    events: ["POST", "/api/events"],
    webhook: ["POST", `/api/webhooks/${verb}/${codes[verb] ?? "x"}`],
    "ml-notification": ["POST", `/api/webhooks/mercadolibre/${codes.mercadolibre}?key=${r.signed ? ML_KEY : "wrong"}`],
    reservations: [verb, verb === "POST" ? "/api/reservations" : `/api/reservations/${id}`],
    catalog: ["PUT", "/api/catalog"],
    rules: [verb, verb === "POST" ? "/api/rules" : `/api/rules/${id}`],
    pauses: [verb, verb === "POST" ? "/api/pauses" : `/api/pauses/${id}`],
  };
  const [method, path] = route[name];
  return { method, path, headers, body, countsEvents: name === "events" || name === "webhook" };
}

function frame(r: Req, req: ReturnType<typeof build>): { head: string; body: Buffer } {
  const lines = [`${req.method} ${req.path} HTTP/1.1`, "host: 127.0.0.1", "connection: close", ...Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`)];
  const b = req.body;
  let body = b;
  if (r.framing === "chunked") {
    lines.push("transfer-encoding: chunked");
    const half = Math.floor(b.length / 2);
    const parts = [b.subarray(0, half), b.subarray(half)].filter((p) => p.length > 0);
    body = Buffer.concat([...parts.flatMap((p) => [Buffer.from(`${p.length.toString(16)}\r\n`), p, Buffer.from("\r\n")]), Buffer.from("0\r\n\r\n")]);
  } else if (r.framing === "short") lines.push(`content-length: ${Math.max(0, b.length - r.lie)}`);
  else if (r.framing === "long") lines.push(`content-length: ${b.length + r.lie}`);
  else if (r.framing === "huge-declared") lines.push(`content-length: ${2 ** 40}`);
  else lines.push(`content-length: ${b.length}`);
  return { head: `${lines.join("\r\n")}\r\n\r\n`, body };
}

describe("every public endpoint under random input", () => {
  it("never answers 5xx, and the ledger grows only by what was reported accepted", { timeout: 120_000 }, async () => {
    const seen = new Map<string, number>();
    // A failure names its seed: FUZZ_SEED=<seed> replays it.
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
    console.log(`fuzz seed ${seed}`);
    let previous = "";
    await fc.assert(
      fc.asyncProperty(requestArb, async (r) => {
        const req = build(r);
        const { head, body } = frame(r, req);
        const before = await ledger();
        const answer = await exchange(server.port, head, body, r.framing === "long" || r.framing === "huge-declared");
        for (const s of answer.statuses) seen.set(`${r.endpoint} ${s}`, (seen.get(`${r.endpoint} ${s}`) ?? 0) + 1);
        expect(
          answer.statuses.filter((s) => s >= 500),
          `${req.method} ${req.path} ${JSON.stringify(r).slice(0, 300)} → ${JSON.stringify(answer.body)?.slice(0, 300)}`,
        ).toEqual([]);
        const after = await ledger();
        const results = (answer.body as { results?: { status: string }[] } | null)?.results;
        const accepted = req.countsEvents && answer.statuses[0] < 300 && Array.isArray(results) ? results.filter((x) => x.status === "accepted").length : 0;
        const what = `${req.method} ${req.path} ${answer.statuses} ${JSON.stringify(answer.body)?.slice(0, 200)} (previous: ${previous})`;
        previous = `${req.method} ${req.path} ${r.framing} ${r.body.kind} ${answer.statuses} ${JSON.stringify(answer.body)?.slice(0, 300)}`;
        expect(after.n - before.n, what).toBe(accepted);
        if (after.n === before.n && after.holds === before.holds) expect(after.stock, what).toBe(before.stock);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400), seed, endOnFailure: true },
    );
    // Replay of the ledger still gives the projection.
    expect((await rebuildProjections(server.services.pool, { write: false })).differences).toEqual([]);
    // The runs reached past the front doors (not only 401s and 415s).
    const reached = [...seen.keys()].join(", ");
    expect(
      [...seen.keys()].some((k) => k.startsWith("events 202") || k.startsWith("events 422")),
      reached,
    ).toBe(true);
    expect(
      [...seen.keys()].some((k) => /^webhook:\w+ (200|422)/.test(k)),
      reached,
    ).toBe(true);
  });
});
