import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { parseAllowList } from "@/lib/net/address-policy";
import { SET_QUANTITIES_MUTATION } from "@/lib/outbound/shopify-set-quantities";
import { AdminError } from "@/server/http/admin-error";
import { OutboundAddressRefused, postOutbound } from "@/server/net/outbound-http";
import { getOutboundHealth } from "@/server/queries/get-outbound-health";
import { enqueueCurrentNumbers } from "@/server/outbound/enqueue-current";
import { registerOutbound, saveOutbound } from "@/server/outbound/save-outbound";
import { createDatabase, dropDatabase, withDatabase } from "../support/test-postgres";
import { ev, startTestServer, uniqueCatalog, type TestServer } from "../support/test-server";
import { until } from "../support/until";

// What Onepool calls out to (docs/SECURITY.md, review findings 3 and 7): only public addresses, checked at
// registration and at connect time; at most 4 KiB of an answer, never decompressed, so a hostile
// receiver (gzip bomb, endless answer) cannot exhaust memory; an attempt's backoff is recorded before
// it is sent. Real HTTP receivers on loopback, real Postgres. Its own database, and one server at a
// time: every instance's sender delivers every channel's outbox, each with its own allow list.

const DB = `onepool_outbound_guard_${process.pid}`;
const SECRET = `whsec_${Buffer.from("onepool-outbound-guard-secret-32").toString("base64")}`;
let url: string;
beforeAll(async () => {
  await createDatabase(inject("adminUrl"), DB);
  url = withDatabase(inject("adminUrl"), DB);
});
afterAll(async () => {
  await dropDatabase(inject("adminUrl"), DB);
});

async function withServer<T>(allow: string, fn: (s: TestServer) => Promise<T>): Promise<T> {
  const server = await startTestServer(url, { ONEPOOL_OUTBOUND_ALLOW_HOSTS: allow });
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}

async function receiver(handler: http.RequestListener): Promise<{ port: number; hits: () => number; close(): Promise<void> }> {
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits++;
    req.resume();
    req.on("end", () => handler(req, res));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    hits: () => hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

async function catalogWithStock(s: TestServer) {
  const c = uniqueCatalog({ skus: ["A"] });
  await s.catalog(c.input);
  await s.post(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 5 }));
  await s.services.publisher.settle();
  return c;
}

const pushRow = async (s: TestServer, channel: string) =>
  (
    await s.services.pool.query<{ state: string; attempts: number; last_error: string | null; due_in_ms: number }>(
      `SELECT p.state, p.attempts, p.last_error, (EXTRACT(EPOCH FROM (p.next_attempt_at - now())) * 1000)::float8 AS due_in_ms
         FROM outbound_push p JOIN channel c ON c.id = p.channel_id WHERE c.code = $1`,
      [channel],
    )
  ).rows[0];

describe("registration refuses non-public receivers", () => {
  it.each([
    ["http://127.0.0.1:9/x", "loopback"],
    ["http://10.0.0.5:8080/_bulk", "private (RFC 1918)"],
    ["http://169.254.169.254/latest/meta-data", "link-local"],
    ["http://[::ffff:127.0.0.1]:9/x", "loopback, IPv4 inside IPv6"],
    ["http://[fd00::1]/x", "unique local (ULA)"],
    ["http://0.0.0.0:9/x", "unspecified"],
    ["http://localhost:9/x", "loopback"],
  ])("%s: 400 naming the rule (%s)", async (target, rule) => {
    await withServer("", async (s) => {
      const c = uniqueCatalog({ skus: ["A"] });
      await s.catalog(c.input);
      const err = await registerOutbound(s.services, c.channel, { provider: "standard", url: target, secret: SECRET }, SYSTEM_ACTOR).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AdminError);
      expect((err as AdminError).status).toBe(400);
      expect((err as AdminError).code).toBe("address_not_allowed");
      expect((err as AdminError).message).toContain(`a ${rule} address`);
      expect((err as AdminError).message).toContain("ONEPOOL_OUTBOUND_ALLOW_HOSTS");
      const saved = await s.services.pool.query("SELECT 1 FROM channel_outbound o JOIN channel c ON c.id = o.channel_id WHERE c.code = $1", [c.channel]);
      expect(saved.rowCount).toBe(0);
    });
  });

  it("the audit entry of a registration keeps no credentials of the URL", async () => {
    const r = await receiver((_req, res) => res.writeHead(204).end());
    try {
      await withServer("127.0.0.1", async (s) => {
        const c = uniqueCatalog({ skus: ["A"] });
        await s.catalog(c.input);
        await registerOutbound(s.services, c.channel, { provider: "standard", url: `http://bob:hunter2@127.0.0.1:${r.port}/in?token=t0p-s3cret&x=1`, secret: SECRET }, SYSTEM_ACTOR);
        const audit = await s.services.pool.query<{ after: unknown }>("SELECT after FROM audit_log WHERE target = $1 AND action = 'outbound.create'", [`channel:${c.channel}`]);
        const text = JSON.stringify(audit.rows);
        expect(text).not.toContain("hunter2");
        expect(text).not.toContain("t0p-s3cret");
        expect(text).toContain(`http://***:***@127.0.0.1:${r.port}/in?token=***&x=***`);
      });
    } finally {
      await r.close();
    }
  });
});

describe("connect time", () => {
  it("a name that resolves to loopback is refused when it is not allowed (DNS changed after registration), and delivered when allowed", async () => {
    const r = await receiver((_req, res) => res.writeHead(204).end());
    try {
      const target = `http://localhost:${r.port}/in`;
      const c = await withServer("", async (s) => {
        const c = await catalogWithStock(s);
        // As if `localhost` had been public when registered: saved past the registration check.
        await saveOutbound(s.services.pool, s.services.box, c.channel, { provider: "standard", url: target, secret: SECRET }, SYSTEM_ACTOR);
        const channelId = (await s.services.pool.query("SELECT id FROM channel WHERE code = $1", [c.channel])).rows[0].id;
        await enqueueCurrentNumbers(s.services.pool, { channelId });
        s.services.outbound.kick();
        const failing = await until("failing", async () => (await getOutboundHealth(s.services.pool, { withReasons: true })).find((h) => h.channel === c.channel && h.failing));
        expect(failing.failing!.reason).toMatch(/^refused to connect: localhost resolves to (127\.0\.0\.1|::1), which is a loopback address/);
        // Analysts see that it fails, not what the connect error or the receiver said.
        const forAnalysts = (await getOutboundHealth(s.services.pool, { withReasons: false })).find((h) => h.channel === c.channel)!;
        expect(forAnalysts.failing!.reason).not.toContain("localhost");
        expect(forAnalysts.lastError ?? "").not.toContain("127.0.0.1");
        return c;
      });
      expect(r.hits()).toBe(0);
      await withServer("localhost", async (s) => {
        await s.services.pool.query("UPDATE outbound_push SET next_attempt_at = now() WHERE channel_id = (SELECT id FROM channel WHERE code = $1)", [c.channel]);
        s.services.outbound.kick();
        await until("delivered", async () => (await pushRow(s, c.channel))?.state === "delivered");
      });
      expect(r.hits()).toBeGreaterThan(0);
    } finally {
      await r.close();
    }
  }, 30_000);

  it("every address a name resolves to is checked: a rebinding answer with one private address is refused, an allowed CIDR passes", async () => {
    const r = await receiver((_req, res) => res.writeHead(200).end("ok"));
    try {
      const rebinding = ((_host: string, _opts: unknown, cb: (e: null, a: { address: string; family: number }[]) => void) =>
        cb(null, [
          { address: "127.0.0.1", family: 4 },
          { address: "93.184.216.34", family: 4 },
        ])) as unknown as typeof import("node:dns").lookup;
      const call = (allow: string) => postOutbound(`http://rebind.example:${r.port}/`, {}, "{}", { allow: parseAllowList(allow), timeoutMs: 5000, lookup: rebinding });
      const refused = await call("").catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(OutboundAddressRefused);
      expect((refused as Error).message).toMatch(/rebind\.example resolves to 127\.0\.0\.1, which is a loopback address/);
      expect(r.hits()).toBe(0);
      // The literal form is refused before any connection too.
      await expect(postOutbound(`http://[::ffff:7f00:1]:${r.port}/`, {}, "{}", { allow: parseAllowList(""), timeoutMs: 5000 })).rejects.toBeInstanceOf(OutboundAddressRefused);
      expect((await call("127.0.0.0/8")).status).toBe(200);
    } finally {
      await r.close();
    }
  });
});

describe("hostile answers", () => {
  it("a gzip bomb and an endless answer cost at most 4 KiB each: pushes are retried with a short reason and the server keeps serving", async () => {
    // ~50 KB of gzip that inflates to 64 MiB, sent 64 times: 4 GiB decoded if anything decoded it.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    const bomber = await receiver((_req, res) => {
      res.writeHead(500, { "content-encoding": "gzip", "content-type": "text/plain" });
      let n = 0;
      const more = () => {
        while (n < 64 && res.write(bomb)) n++;
        if (n >= 64) res.end();
      };
      res.on("drain", () => {
        n++;
        more();
      });
      res.on("error", () => {});
      more();
    });
    const chunk = Buffer.alloc(64 * 1024, "x");
    const endless = await receiver((_req, res) => {
      res.writeHead(503, { "content-type": "text/plain" });
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
      };
      res.on("drain", pump);
      res.on("error", () => {});
      pump();
    });
    try {
      await withServer("127.0.0.1", async (s) => {
        const a = await catalogWithStock(s);
        const b = await catalogWithStock(s);
        const rssBefore = process.memoryUsage().rss;
        const started = Date.now();
        await registerOutbound(s.services, a.channel, { provider: "standard", url: `http://127.0.0.1:${bomber.port}/in`, secret: SECRET }, SYSTEM_ACTOR);
        await registerOutbound(s.services, b.channel, { provider: "standard", url: `http://127.0.0.1:${endless.port}/in`, secret: SECRET }, SYSTEM_ACTOR);
        const bombed = await until("the bomb's answer recorded", async () => {
          const row = await pushRow(s, a.channel);
          return row?.last_error ? row : undefined;
        });
        const streamed = await until("the endless answer recorded", async () => {
          const row = await pushRow(s, b.channel);
          return row?.last_error ? row : undefined;
        });
        // Answered long before the 10 s timeout: the reader stops after 4 KiB instead of waiting for an end.
        expect(Date.now() - started).toBeLessThan(8000);
        for (const row of [bombed, streamed]) {
          expect(row.state).toBe("pending");
          expect(row.attempts).toBeGreaterThanOrEqual(1);
          expect(row.due_in_ms).toBeGreaterThan(0);
          expect(row.last_error!.length).toBeLessThanOrEqual(220);
        }
        expect(bombed.last_error).toBe("HTTP 500");
        expect(streamed.last_error).toMatch(/^HTTP 503: x{10}/);
        expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 1024 * 1024);
        // Still serving.
        expect((await s.post(ev({ type: "receipt", sku: a.sku("A"), location: a.loc("wh"), quantity: 1 }))).status).toBe(202);
      });
    } finally {
      await bomber.close();
      await endless.close();
    }
  }, 30_000);

  it("Shopify: the mutation asks only for userErrors; a success longer than 4 KiB is acknowledged, a long failure marks the channel failing instead of retrying blindly", async () => {
    const bodies: string[] = [];
    let answer = "";
    const shop = await receiver((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }).end(answer);
    });
    try {
      await withServer("127.0.0.1", async (s) => {
        const padding = { extensions: { cost: { requestedQueryCost: 10, note: "y".repeat(6000) } } };
        for (const [i, [body, expected]] of (
          [
            [JSON.stringify({ data: { inventorySetQuantities: { userErrors: [] } }, ...padding }), "delivered"],
            [JSON.stringify({ data: { inventorySetQuantities: { userErrors: [{ code: "INVALID_INVENTORY_ITEM", field: ["input"], message: "z".repeat(5000) }] } } }), "failing"],
          ] as const
        ).entries()) {
          answer = body;
          bodies.push(body);
          const c = uniqueCatalog({ skus: ["A"] });
          const item = `4400000000000001234${i}`;
          await s.catalog({ ...c.input, listings: [...c.input.listings!, { channel: c.channel, externalId: item, sku: c.sku("A"), kind: "inventory_item" }] });
          await s.post(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 3 }));
          await s.services.publisher.settle();
          await registerOutbound(
            s.services,
            c.channel,
            { provider: "shopify", url: `http://127.0.0.1:${shop.port}/admin/api/2026-01/graphql.json`, secret: "shpat_test_token_0123456789", locationId: "777" },
            SYSTEM_ACTOR,
          );
          if (expected === "delivered") {
            await until("acknowledged", async () => (await pushRow(s, c.channel))?.state === "delivered");
          } else {
            const h = await until("failing", async () => (await getOutboundHealth(s.services.pool, { withReasons: true })).find((x) => x.channel === c.channel && x.failing));
            expect(h.failing!.reason).toMatch(/^Shopify answered HTTP 200 with more than 4 KiB that is not a plain success/);
            await s.services.pool.query("DELETE FROM outbound_push WHERE channel_id = (SELECT id FROM channel WHERE code = $1)", [c.channel]);
            await s.services.pool.query("DELETE FROM channel_outbound WHERE channel_id = (SELECT id FROM channel WHERE code = $1)", [c.channel]);
          }
        }
      });
      expect(bodies.every((b) => b.length > 4096)).toBe(true);
      expect(SET_QUANTITIES_MUTATION).not.toContain("inventoryAdjustmentGroup");
    } finally {
      await shop.close();
    }
  }, 30_000);

  it("an attempt's backoff is recorded before it is sent: a push in flight is not due again (a crash during it cannot loop)", async () => {
    const hung = await receiver(() => {}); // takes the request, never answers
    try {
      await withServer("127.0.0.1", async (s) => {
        const c = await catalogWithStock(s);
        await registerOutbound(s.services, c.channel, { provider: "standard", url: `http://127.0.0.1:${hung.port}/in`, secret: SECRET }, SYSTEM_ACTOR);
        await until("the push in flight", () => hung.hits() >= 1);
        const row = await pushRow(s, c.channel);
        expect(row.attempts).toBe(1);
        expect(row.due_in_ms).toBeGreaterThan(0);
        await hung.close(); // the push fails now, instead of holding the server's stop for its timeout
      });
    } finally {
      await hung.close();
    }
  }, 30_000);
});
