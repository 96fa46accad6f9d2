import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { SecretBox, parseSecretKey } from "@/server/connectors/secret-box";
import { enqueueCurrentNumbers } from "@/server/outbound/enqueue-current";
import { outboundInput } from "@/lib/contracts/outbound";
import { registerOutbound, saveOutbound } from "@/server/outbound/save-outbound";
import { createPause } from "@/server/pauses/save-pause";
import { createRule } from "@/server/rules/save-rule";
import { getEndToEndLag } from "@/server/queries/get-end-to-end-lag";
import { getPublishedExplanation } from "@/server/queries/get-published-explanation";
import { getChannelLatencies } from "@/server/queries/get-channel-latencies";
import { getOutboundHealth } from "@/server/queries/get-outbound-health";
import { closing } from "../support/closing";
import { startPushReceiver, type PushReceiver } from "../support/push-receiver";
import { startShopifyReceiver } from "../support/shopify-receiver";
import { createDatabase, dropDatabase, withDatabase } from "../support/test-postgres";
import { childServerEnv, ev, startTestServer, TEST_OUTBOUND_ALLOW_HOSTS, TEST_SECRET_KEY, TEST_TOKEN, uniqueCatalog, type TestServer } from "../support/test-server";
import { until } from "../support/until";

// Published numbers pushed to channels (docs/CHANNEL-RULES.md, docs/API.md) over real HTTP to local receivers that
// verify the signatures independently: registration, retries that keep the webhook-id, coalescing,
// failing channels, pauses, Shopify's compare-and-set, and a kill -9 with pushes pending. Its own
// database: every instance's sender delivers every channel's outbox.

const DB = `onepool_outbound_${process.pid}`;
const SECRET = `whsec_${Buffer.from("onepool-outbound-test-secret-32b").toString("base64")}`;
let server: TestServer;
beforeAll(async () => {
  await createDatabase(inject("adminUrl"), DB);
  server = await startTestServer(withDatabase(inject("adminUrl"), DB));
});
afterAll(async () => {
  await server?.stop();
  await dropDatabase(inject("adminUrl"), DB);
});

async function published(s: TestServer, sku: string, channel: string): Promise<number> {
  await s.services.publisher.settle();
  const r = await s.services.pool.query("SELECT pq.quantity FROM published_quantity pq JOIN sku s ON s.id = pq.sku_id JOIN channel c ON c.id = pq.channel_id WHERE s.code = $1 AND c.code = $2", [
    sku,
    channel,
  ]);
  return r.rows[0].quantity;
}

async function registered(units: Record<string, number>, receiver: PushReceiver) {
  const c = uniqueCatalog({ skus: Object.keys(units) });
  await server.catalog(c.input);
  for (const [s, q] of Object.entries(units)) if (q) await server.post(ev({ type: "receipt", sku: c.sku(s), location: c.loc("wh"), quantity: q }));
  await server.services.publisher.settle();
  const saved = await registerOutbound(server.services, c.channel, { provider: "standard", url: receiver.url, secret: SECRET }, SYSTEM_ACTOR);
  return { ...c, saved };
}

const forSku = (r: PushReceiver, sku: string) => r.received.filter((x) => x.body.sku === sku);

describe("the generic signed webhook", () => {
  it("registering sends every listed SKU's number, signed; each change follows with a higher sequence and an acknowledged lag", async () => {
    await closing(startPushReceiver(SECRET), async (receiver) => {
      const c = await registered({ A: 7, B: 0 }, receiver);
      expect(c.saved.queued).toBe(2);
      await until("both numbers", () => receiver.latest().size === 2);
      expect(receiver.latest()).toEqual(
        new Map([
          [c.sku("A"), 7],
          [c.sku("B"), 0],
        ]),
      );
      const first = forSku(receiver, c.sku("A"))[0];
      expect(first.body).toEqual({ type: "published_quantity.updated", channel: c.channel, sku: c.sku("A"), externalIds: [c.externalId(0)], quantity: 7, sequence: expect.any(Number) });
      expect(first.webhookId).toBe(`psh_${first.body.sequence}`);

      await server.post(ev({ type: "order.placed", sku: c.sku("A"), location: c.loc("wh"), quantity: 2 }, 300));
      await until("the new number", () => receiver.latest().get(c.sku("A")) === 5);
      const [a1, a2] = forSku(receiver, c.sku("A"));
      expect(a2.body.sequence).toBeGreaterThan(a1.body.sequence);
      expect(a2.webhookId).not.toBe(a1.webhookId);
      expect(receiver.unverified).toEqual([]);

      // End-to-end lag: from the order's occurredAt (300 ms before it was posted) to the ack. The
      // registration only told the numbers (no change happened): its two acks measure nothing.
      const lag = await until("an acknowledged lag", async () => (await getEndToEndLag(server.services.pool, 300)).find((l) => l.channel === c.channel && l.acks >= 1));
      expect(lag.acks).toBe(1);
      expect(lag.p95Ms).toBeGreaterThanOrEqual(300);
      expect(lag.p95Ms).toBeLessThan(5000);
      const acks = await server.services.pool.query<{ n: number; lagged: number }>(
        "SELECT count(*)::int AS n, count(lag_ms)::int AS lagged FROM outbound_ack a JOIN channel ch ON ch.id = a.channel_id WHERE ch.code = $1",
        [c.channel],
      );
      expect(acks.rows[0]).toEqual({ n: 3, lagged: 1 });
      const health = (await getOutboundHealth(server.services.pool, { withReasons: true })).find((h) => h.channel === c.channel)!;
      expect(health).toMatchObject({ pending: 0, failing: null, lastAckAt: expect.any(String) });
    });
  });

  it("20 acknowledged changes in 24 h make the channel's latency measured: their p95 drives the dynamic buffer", async () => {
    await closing(startPushReceiver(SECRET), async (receiver) => {
      const skus = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`M${i}`, 5]));
      const c = await registered(skus, receiver);
      await until("21 numbers told", () => receiver.latest().size === 21);
      // Telling the numbers at registration measures nothing; 21 real changes do.
      expect((await getOutboundHealth(server.services.pool, { withReasons: true })).find((h) => h.channel === c.channel)).toMatchObject({ latencySource: "none", lag24h: { acks: 0 } });
      await server.post(Object.keys(skus).map((s) => ev({ type: "order.placed", sku: c.sku(s), location: c.loc("wh"), quantity: 1 }, 100)));
      await until("21 changes acknowledged", () => [...receiver.latest().values()].every((q) => q === 4));
      const explained = await until(
        "a measured latency",
        async () => {
          const e = await getPublishedExplanation(server.services.pool, c.sku("M0"));
          const mine = e?.channels.find((x) => x.channel === c.channel);
          return mine?.latencySource === "measured" ? mine : undefined;
        },
        8000,
      );
      // Each change's lag runs from its occurredAt (100 ms before the post) to the ack: well under a minute.
      expect(explained.latencyDays).toBeLessThan(1 / 1440);
      const health = (await getOutboundHealth(server.services.pool, { withReasons: true })).find((h) => h.channel === c.channel)!;
      expect(health).toMatchObject({ latencySource: "measured", lag24h: { acks: 21 } });
      expect(health.lag24h.p95Ms).toBeGreaterThan(0);
      // One latency everywhere: the explanation, the Rules page's and the pushes panel's are the one the number used.
      const [rulesPage] = await getChannelLatencies(server.services.pool, c.channel);
      expect(explained.latency).toEqual({ source: "measured", ms: expect.any(Number), acks: 21 });
      expect(rulesPage).toEqual({ channel: c.channel, ...explained.latency });
      expect(health.latency).toEqual(explained.latency);
    });
  });

  it("a receiver that fails the first attempts gets the right final number, retried with the same webhook-id", async () => {
    await closing(startPushReceiver(SECRET), async (receiver) => {
      receiver.script([503, 429]);
      const c = await registered({ A: 9 }, receiver);
      await until("the acknowledged number", () => receiver.latest().get(c.sku("A")) === 9, 15_000);
      const tries = forSku(receiver, c.sku("A"));
      expect(tries.map((t) => t.answered)).toEqual([503, 429, 200]);
      expect(new Set(tries.map((t) => t.webhookId)).size).toBe(1);
      // Backoff: about 1 s, then about 5 s (±20 %).
      expect(tries[1].receivedAt - tries[0].receivedAt).toBeGreaterThanOrEqual(750);
      expect(tries[2].receivedAt - tries[1].receivedAt).toBeGreaterThanOrEqual(3900);
      // Each attempt is signed at its own time.
      expect(tries[2].timestamp).toBeGreaterThan(tries[0].timestamp);
    });
  }, 20_000);

  it("changes made while a channel is down are coalesced: it gets the latest number, never an older one after a newer", async () => {
    await closing(startPushReceiver(SECRET), async (receiver) => {
      receiver.script([503]);
      const c = await registered({ A: 20 }, receiver);
      await until("the failed attempt", () => receiver.received.length === 1);
      for (let i = 0; i < 6; i++) await server.post(ev({ type: "order.placed", sku: c.sku("A"), location: c.loc("wh"), quantity: 1 }, 100));
      await until("the latest number", () => receiver.latest().get(c.sku("A")) === 14, 10_000);
      const acked = forSku(receiver, c.sku("A")).filter((t) => t.answered === 200);
      expect(acked).toHaveLength(1); // one delivery of the latest number, not six
      const seqs = forSku(receiver, c.sku("A")).map((t) => t.body.sequence);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    });
  });

  it("a channel that never answers holds only its own slots: another channel's pushes arrive at once", async () => {
    const dead = await startPushReceiver(SECRET);
    const live = await startPushReceiver(SECRET);
    try {
      dead.script([], 0);
      await registered(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`D${i}`, 1])), dead);
      await until("the dead channel's slots full", () => dead.hung.length >= 16);
      const t0 = Date.now();
      const c = await registered({ A: 2, B: 3 }, live);
      await until("the live channel's numbers", () => live.latest().size === 2, 3000);
      expect(Date.now() - t0).toBeLessThan(3000); // the dead channel's pushes time out only after 10 s
      expect(dead.hung.length).toBeLessThanOrEqual(16);
      expect(live.latest().get(c.sku("B"))).toBe(3);
    } finally {
      await dead.close();
      await live.close();
    }
  });

  it("a channel that answers every push widens its window past 16; one that answers 503 has it halved", async () => {
    await closing(startPushReceiver(SECRET), async (fast) => {
      // 150 numbers due at once and 40 ms an answer: the first 16 fill the window, and their 2xx widen it.
      fast.answerAfter(40);
      await registered(Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`W${i}`, 0])), fast);
      await until("every number acknowledged", () => fast.latest().size === 150, 20_000);
      expect(fast.peakOpen()).toBeGreaterThan(16);
    });
    await closing(startPushReceiver(SECRET), async (busy) => {
      // Overloaded: every attempt 503. The first 16 fail together (one cut, to 8); the retries a
      // second later go at most 8 at a time.
      busy.answerAfter(40);
      busy.script([], 503);
      await registered(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`S${i}`, 0])), busy);
      await until("the first window answered", () => busy.received.length >= 16, 10_000);
      const firstWave = busy.received.length;
      busy.peakOpen(true);
      await until("the retries", () => busy.received.length >= firstWave + 16, 15_000);
      expect(busy.peakOpen()).toBeLessThanOrEqual(8);
    });
  }, 60_000);

  it("a 4xx other than 429 marks the channel failing with the reason, until a 2xx", async () => {
    await closing(startPushReceiver(SECRET), async (receiver) => {
      receiver.script([422]);
      const c = await registered({ A: 3 }, receiver);
      const failing = await until("failing", async () => (await getOutboundHealth(server.services.pool, { withReasons: true })).find((h) => h.channel === c.channel && h.failing));
      expect(failing.failing!.reason).toContain("HTTP 422");
      expect(failing.pending).toBe(1);
      await until("recovered", async () => (await getOutboundHealth(server.services.pool, { withReasons: true })).find((h) => h.channel === c.channel && !h.failing && h.pending === 0), 10_000);
      expect(receiver.latest().get(c.sku("A"))).toBe(3);
    });
  });

  it("a pause pushes 0, and the number comes back when it ends", async () => {
    await closing(startPushReceiver(SECRET), async (receiver) => {
      const c = await registered({ A: 4 }, receiver);
      await until("the number", () => receiver.latest().get(c.sku("A")) === 4);
      await createPause(server.services.pool, { channel: c.channel, reason: "listing audit", until: new Date(Date.now() + 1500).toISOString() }, SYSTEM_ACTOR);
      await server.services.publisher.recomputeAll();
      await until("0", () => receiver.latest().get(c.sku("A")) === 0);
      await until("4 again", () => receiver.latest().get(c.sku("A")) === 4, 6000);
    });
  });
});

describe("Shopify inventorySetQuantities", () => {
  it("sets available at the configured location with compare-and-set, and recovers from a number changed in Shopify", async () => {
    const shop = await startShopifyReceiver({ accessToken: "shpat_test_token_0123456789" });
    try {
      const c = uniqueCatalog({ skus: ["A"] });
      const item = "44000000000000012345"; // beyond 2^53: must stay exact
      await server.catalog({ ...c.input, listings: [...c.input.listings!, { channel: c.channel, externalId: item, sku: c.sku("A"), kind: "inventory_item" }] });
      await server.post(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 12 }));
      shop.setAvailable(`gid://shopify/InventoryItem/${item}`, "gid://shopify/Location/777", 3); // the item is stocked there in Shopify
      await registerOutbound(server.services, c.channel, { provider: "shopify", url: shop.url, secret: "shpat_test_token_0123456789", locationId: "777" }, SYSTEM_ACTOR);
      const key = `gid://shopify/InventoryItem/${item}|gid://shopify/Location/777`;
      await until("the first set", () => shop.available.get(key) === 12);
      expect(shop.requests[0].variables).toMatchObject({ input: { name: "available", quantities: [{ inventoryItemId: `gid://shopify/InventoryItem/${item}`, quantity: 12 }] } });
      // Somebody edits the number in Shopify; Onepool's next change still lands (read, then compare against that).
      shop.setAvailable(`gid://shopify/InventoryItem/${item}`, "gid://shopify/Location/777", 40);
      await server.post(ev({ type: "order.placed", sku: c.sku("A"), location: c.loc("wh"), quantity: 5 }));
      await until("the second set", () => shop.available.get(key) === 7);
      const sets = shop.requests.filter((r) => r.operation === "setQuantities");
      expect(JSON.stringify(sets.at(-2)!.response)).toContain("COMPARE_QUANTITY_STALE"); // compared against 12, found 40
      expect(sets.at(-1)!.variables).toMatchObject({ input: { quantities: [{ quantity: 7, compareQuantity: 40 }] } });
      expect(await published(server, c.sku("A"), c.channel)).toBe(7);
      // The ack is recorded a moment after Shopify applied the number (answers are written in small batches).
      await until("the ack recorded", async () => (await getOutboundHealth(server.services.pool, { withReasons: true })).find((h) => h.channel === c.channel && h.pending === 0));
      expect((await getOutboundHealth(server.services.pool, { withReasons: true })).find((h) => h.channel === c.channel)).toMatchObject({ failing: null, pending: 0 });
    } finally {
      await shop.close();
    }
  });

  it("a SKU without an inventory_item listing marks the channel failing with a reason that says what to register", async () => {
    const shop = await startShopifyReceiver({ accessToken: "shpat_test_token_0123456789" });
    try {
      const c = uniqueCatalog({ skus: ["A"] });
      await server.catalog(c.input);
      await registerOutbound(server.services, c.channel, { provider: "shopify", url: shop.url, secret: "shpat_test_token_0123456789", locationId: "777" }, SYSTEM_ACTOR);
      const h = await until("failing", async () => (await getOutboundHealth(server.services.pool, { withReasons: true })).find((x) => x.channel === c.channel && x.failing));
      expect(h.failing!.reason).toContain('kind "inventory_item"');
      expect(shop.requests).toHaveLength(0);
    } finally {
      await shop.close();
    }
  });
});

describe("registration input", () => {
  it("refuses what could never be delivered, with the field named", () => {
    const ok = { url: "https://shop.example.com/hooks/onepool", secret: SECRET };
    expect(outboundInput.safeParse(ok).success).toBe(true);
    const issue = (v: unknown) => {
      const r = outboundInput.safeParse(v);
      return r.success ? null : r.error.issues[0].path.join(".");
    };
    expect(issue({ ...ok, url: "ftp://shop.example.com/x" })).toBe("url");
    expect(issue({ ...ok, url: "not a url" })).toBe("url");
    expect(issue({ ...ok, secret: "short" })).toBe("secret");
    expect(issue({ ...ok, extra: true })).toBe("");
    expect(issue({ ...ok, latencyMinutes: -1 })).toBe("latencyMinutes");
    expect(issue({ ...ok, provider: "shopify" })).toBe("locationId");
    expect(issue({ ...ok, provider: "shopify", locationId: "1", url: "https://acme.myshopify.com/graphql" })).toBe("url");
    expect(issue({ ...ok, provider: "shopify", locationId: "1", url: "https://acme.myshopify.com/admin/api/2025-10/graphql.json" })).toBe("url"); // predates @idempotent
    expect(issue({ ...ok, provider: "shopify", locationId: "1", url: "https://acme.myshopify.com/admin/api/2026-04/graphql.json" })).toBeNull();
  });
});

describe("durability", () => {
  it("a restart re-tells every acknowledged number without counting the downtime as push lag: latency and published numbers stay", async () => {
    const url = withDatabase(inject("adminUrl"), DB);
    await closing(startPushReceiver(SECRET), async (receiver) => {
      // 21 SKUs with stock, one of them selling 100 a day; a dynamic buffer with a large k makes
      // the published number move with any change of the channel's measured latency.
      const skus = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`R${i}`, 1000]));
      const c = await registered(skus, receiver);
      await server.post(ev({ type: "order.placed", sku: c.sku("R0"), location: c.loc("wh"), quantity: 100 }, 3_600_000));
      await until("the numbers told", () => receiver.latest().size === 21 && receiver.latest().get(c.sku("R0")) === 900);
      await server.post(Object.keys(skus).map((s) => ev({ type: "order.placed", sku: c.sku(s), location: c.loc("wh"), quantity: 1 }, 100)));
      await until("21 changes acknowledged", async () =>
        (await getOutboundHealth(server.services.pool, { withReasons: true })).find((h) => h.channel === c.channel && h.latencySource === "measured" && h.pending === 0),
      );
      const explain = async () => (await getPublishedExplanation(server.services.pool, c.sku("R0")))!.channels.find((x) => x.channel === c.channel)!;
      await until("the latency measured where numbers are computed (read at most every 5 s)", async () => (await explain()).latencySource === "measured", 8000);
      await createRule(server.services.pool, { channel: c.channel, dynamicK: "5000" }, SYSTEM_ACTOR);
      await server.services.publisher.recomputeAll();
      await until("the buffered numbers acknowledged", async () => (await getOutboundHealth(server.services.pool, { withReasons: true })).find((h) => h.channel === c.channel && h.pending === 0));
      const before = {
        explained: await explain(),
        published: await published(server, c.sku("R0"), c.channel),
        health: (await getOutboundHealth(server.services.pool, { withReasons: true })).find((h) => h.channel === c.channel)!,
      };
      expect(before.explained.latencySource).toBe("measured");
      expect(before.published).toBeLessThan(899); // the dynamic buffer withholds something, and would withhold more on a longer latency

      const toldBefore = receiver.latest();
      // Down for 3 s, then up again; the connector is registered again at start, as the demo does.
      await server.stop();
      const downtimeMs = 3000;
      await new Promise((r) => setTimeout(r, downtimeMs));
      server = await startTestServer(url);
      const told = receiver.received.length;
      const again = await registerOutbound(server.services, c.channel, { provider: "standard", url: receiver.url, secret: SECRET }, SYSTEM_ACTOR);
      expect(again.queued).toBe(21);
      await until("every number told again", () => receiver.received.length >= told + 21);
      await until("the acks recorded", async () => (await getOutboundHealth(server.services.pool, { withReasons: true })).find((h) => h.channel === c.channel && h.pending === 0));

      // The re-told numbers carried no change: their acks have no lag, and nothing measured grows by
      // the downtime. A number the restart's recompute did change (the measured latency is read
      // afresh, and k = 5000 turns any change of it into units) is a change: its lag starts at the
      // restart, never before it.
      const acks = await server.services.pool.query<{ sku: string; quantity: number; lag_ms: number | null }>(
        `SELECT s.code AS sku, a.quantity, a.lag_ms FROM outbound_ack a JOIN channel ch ON ch.id = a.channel_id JOIN sku s ON s.id = a.sku_id
          WHERE ch.code = $1 ORDER BY a.id DESC LIMIT 21`,
        [c.channel],
      );
      const retold = acks.rows.filter((a) => toldBefore.get(a.sku) === a.quantity);
      expect(retold.length).toBeGreaterThan(0);
      expect(retold.map((a) => a.lag_ms)).toEqual(retold.map(() => null));
      for (const changed of acks.rows.filter((a) => toldBefore.get(a.sku) !== a.quantity)) expect(changed.lag_ms!).toBeLessThan(downtimeMs);
      const after = (await getOutboundHealth(server.services.pool, { withReasons: true })).find((h) => h.channel === c.channel)!;
      expect(after.lag24h).toEqual(before.health.lag24h);
      expect(after.lag5m.p95Ms!).toBeLessThan(downtimeMs);
      const e2e = (await getEndToEndLag(server.services.pool, 300)).find((l) => l.channel === c.channel)!;
      expect(e2e.p95Ms!).toBeLessThan(downtimeMs);
      const explained = await explain();
      expect(explained.latencySource).toBe("measured");
      expect(explained.latencyDays).toBe(before.explained.latencyDays);
      expect(await published(server, c.sku("R0"), c.channel)).toBe(before.published);
      expect(receiver.latest().get(c.sku("R0"))).toBe(before.published);
      expect(receiver.unverified).toEqual([]);
    });
  }, 40_000);

  it("kill -9 with pushes in flight and pending: a restarted server delivers each, at once, with the same webhook-id", async () => {
    const receiver = await startPushReceiver(SECRET);
    const url = withDatabase(inject("adminUrl"), DB);
    let child: ChildProcess | null = null;
    try {
      const c = uniqueCatalog({ skus: ["A", "B", "C"] });
      await server.catalog(c.input);
      await server.post(["A", "B", "C"].map((s) => ev({ type: "receipt", sku: c.sku(s), location: c.loc("wh"), quantity: 10 })));
      await server.services.publisher.settle();
      await server.stop(); // the child is the only sender now

      child = spawn(process.execPath, ["--import", "tsx", "tests/support/serve-ingest.ts"], {
        env: { ...childServerEnv(url), ONEPOOL_OUTBOUND_ALLOW_HOSTS: TEST_OUTBOUND_ALLOW_HOSTS },
        stdio: ["ignore", "pipe", "inherit"],
      });
      const childUrl = await new Promise<string>((resolve, reject) => {
        let out = "";
        child!.stdout!.on("data", (d: Buffer) => {
          out += d.toString();
          const m = /listening (\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child!.once("exit", (code) => reject(new Error(`child exited ${code}`)));
      });
      receiver.script([], 0); // the channel takes requests and never answers
      const pool = new pg.Pool({ connectionString: url, max: 2 });
      const saved = await saveOutbound(pool, new SecretBox(parseSecretKey(TEST_SECRET_KEY)), c.channel, { provider: "standard", url: receiver.url, secret: SECRET }, SYSTEM_ACTOR);
      expect(await enqueueCurrentNumbers(pool, { channelId: saved.channelId })).toBe(3);
      await pool.end();
      await until("three pushes in flight", () => receiver.hung.length >= 3);
      // More changes while those hang: pending behind them.
      const res = await fetch(`${childUrl}/api/events`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${TEST_TOKEN}` },
        body: JSON.stringify([ev({ type: "order.placed", sku: c.sku("A"), location: c.loc("wh"), quantity: 3 }), ev({ type: "order.placed", sku: c.sku("B"), location: c.loc("wh"), quantity: 1 })]),
      });
      expect(res.status).toBe(202);
      await new Promise((r) => setTimeout(r, 300));
      const hungBefore = [...receiver.hung];
      child.kill("SIGKILL");
      await new Promise((r) => child!.once("exit", r));

      receiver.script([], 200);
      server = await startTestServer(url);
      const t0 = Date.now();
      await until(
        "every latest number",
        () => {
          const l = receiver.latest();
          return l.get(c.sku("A")) === 7 && l.get(c.sku("B")) === 9 && l.get(c.sku("C")) === 10;
        },
        15_000,
      );
      // Well inside the claim lease: the dead sender's claims were void the moment its session closed.
      expect(Date.now() - t0).toBeLessThan(8000);
      const cPush = forSku(receiver, c.sku("C")).find((x) => x.answered === 200)!;
      expect(hungBefore).toContain(cPush.webhookId);
      expect(receiver.unverified).toEqual([]);
    } finally {
      if (child && child.exitCode === null) child.kill("SIGKILL");
      await receiver.close();
    }
  }, 40_000);
});
