import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { createConnectorToken } from "@/server/auth/connector-tokens";
import { revokeToken } from "@/server/auth/manage-tokens";
import { CatalogCache } from "@/server/ingest/catalog-cache";
import { createPause } from "@/server/pauses/save-pause";
import { createRule } from "@/server/rules/save-rule";
import { io } from "socket.io-client";
import { ev, startTestServer, TEST_TOKEN, uniqueCatalog, type TestServer } from "../support/test-server";

// Issue 18: what one instance learns reaches the others (docs/ARCHITECTURE.md). Two real instances on one
// database; each change is made on A and must be in force on B within a second, without B's caches
// (catalogue codes, rules and pauses, token lookups: each kept up to a second or more) expiring.

let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  a = await startTestServer(inject("databaseUrl"));
  b = await startTestServer(inject("databaseUrl"));
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` is true; the milliseconds it took, or a failure after `withinMs`. */
async function within(withinMs: number, check: () => boolean | Promise<boolean>): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    if (await check()) return Date.now() - t0;
    if (Date.now() - t0 > withinMs) throw new Error(`not within ${withinMs} ms`);
    await sleep(10);
  }
}

async function onHand(server: TestServer, sku: string, loc: string): Promise<number> {
  const r = await server.services.pool.query<{ on_hand: number }>(
    "SELECT l.on_hand FROM stock_level l JOIN sku s ON s.id = l.sku_id JOIN location o ON o.id = l.location_id WHERE s.code = $1 AND o.code = $2",
    [sku, loc],
  );
  return r.rows[0]?.on_hand ?? 0;
}

async function published(sku: string, channel: string): Promise<number | undefined> {
  await Promise.all([a.services.publisher.settle(), b.services.publisher.settle()]);
  const r = await a.services.pool.query<{ quantity: number }>(
    "SELECT pq.quantity FROM published_quantity pq JOIN sku s ON s.id = pq.sku_id JOIN channel c ON c.id = pq.channel_id WHERE s.code = $1 AND c.code = $2",
    [sku, channel],
  );
  return r.rows[0]?.quantity;
}

describe("two instances on one database", () => {
  it("a listing remapped on A is used by B's ingest within a second", async () => {
    const c = uniqueCatalog({ skus: ["X", "Y"] });
    await a.catalog(c.input);
    await within(1000, () => b.services.catalog.skus.has(c.sku("Y")));
    const key = CatalogCache.listingKey(c.channel, c.externalId(0));
    expect(b.services.catalog.listings.get(key)).toBe(b.services.catalog.skus.get(c.sku("X"))!.id);
    // Remapped: B has the old mapping cached and would not miss, so nothing but the notification reloads it.
    await a.catalog({ listings: [{ channel: c.channel, externalId: c.externalId(0), sku: c.sku("Y") }] });
    const took = await within(1000, () => b.services.catalog.listings.get(key) === b.services.catalog.skus.get(c.sku("Y"))!.id);
    expect(took).toBeLessThan(1000);
    const res = await b.post(ev({ type: "receipt", listing: { channel: c.channel, externalId: c.externalId(0) }, location: c.loc("wh"), quantity: 7 }));
    expect(res.body.results[0].status).toBe("accepted");
    expect(await onHand(b, c.sku("Y"), c.loc("wh"))).toBe(7);
    expect(await onHand(b, c.sku("X"), c.loc("wh"))).toBe(0);
  });

  it("a location's trusted sources changed on A are what B folds with", async () => {
    const c = uniqueCatalog({ skus: ["T"], locations: [{ code: "wh", trustedSources: ["erp"] }] });
    await a.catalog(c.input);
    await within(1000, () => b.services.catalog.locations.has(c.loc("wh")));
    await b.post(ev({ type: "receipt", sku: c.sku("T"), location: c.loc("wh"), quantity: 10 }));
    const wh = c.input.locations!.find((l) => l.code === c.loc("wh"))!;
    await a.catalog({ locations: [{ ...wh, trustedSources: ["wms"] }] });
    await within(1000, () => b.services.catalog.locations.get(c.loc("wh"))!.trustedSources.includes("wms"));
    // A count from a trusted source sets on-hand; from an untrusted one ("wms" before) it is drift only.
    await b.post(ev({ type: "cycle_count", sku: c.sku("T"), location: c.loc("wh"), quantity: 4 }, 1000));
    expect(await onHand(b, c.sku("T"), c.loc("wh"))).toBe(4);
  });

  it("a rule and a pause made on A change the numbers B publishes", async () => {
    const c = uniqueCatalog({ skus: ["R"] });
    await a.catalog(c.input);
    await within(1000, () => b.services.catalog.skus.has(c.sku("R")));
    await b.post(ev({ type: "receipt", sku: c.sku("R"), location: c.loc("wh"), quantity: 100 }));
    expect(await published(c.sku("R"), c.channel)).toBe(100);
    // B's publisher holds rules and pauses for up to a second: a stock change on B right after the
    // rule must not publish with the old ones (nor may its stale number stay).
    await createRule(a.services.pool, { channel: c.channel, sku: c.sku("R"), bufferUnits: 10 }, SYSTEM_ACTOR);
    await a.services.publisher.recomputeAll();
    await b.post(ev({ type: "receipt", sku: c.sku("R"), location: c.loc("wh"), quantity: 1 }));
    await within(1000, async () => (await published(c.sku("R"), c.channel)) === 91);
    await sleep(300);
    expect(await published(c.sku("R"), c.channel)).toBe(91);

    await createPause(a.services.pool, { channel: c.channel, reason: "stock take" }, SYSTEM_ACTOR);
    await a.services.publisher.recomputeAll();
    await b.post(ev({ type: "receipt", sku: c.sku("R"), location: c.loc("wh"), quantity: 1 }));
    await within(1000, async () => (await published(c.sku("R"), c.channel)) === 0);
    await sleep(300);
    expect(await published(c.sku("R"), c.channel)).toBe(0);
  });

  it("a change made while B's bus was down is picked up when it reconnects (what was sent meanwhile was not heard)", async () => {
    const c = uniqueCatalog({ skus: ["X", "Y"] });
    await a.catalog(c.input);
    await within(1000, () => b.services.catalog.skus.has(c.sku("Y")));
    const key = CatalogCache.listingKey(c.channel, c.externalId(0));
    // Every bus on the database loses its connection (the first retry comes 0.5 s later).
    await a.services.pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'onepool-credential-bus' AND datname = current_database()");
    await a.catalog({ listings: [{ channel: c.channel, externalId: c.externalId(0), sku: c.sku("Y") }] });
    await within(3000, () => b.services.catalog.listings.get(key) === b.services.catalog.skus.get(c.sku("Y"))!.id);
  });

  it("a token revoked on A is refused by B at once, though B had just checked it", async () => {
    const c = uniqueCatalog({ skus: ["K"] });
    await a.catalog(c.input);
    await within(1000, () => b.services.catalog.skus.has(c.sku("K")));
    const { id, token } = await createConnectorToken(a.services.pool, { name: "shared", scopes: ["ingest"] });
    const send = () => b.post(ev({ type: "receipt", sku: c.sku("K"), location: c.loc("wh"), quantity: 1 }), { authorization: `Bearer ${token}` });
    expect((await send()).status).toBe(202);
    await revokeToken(a.services.pool, id, SYSTEM_ACTOR);
    // B's lookup cache would hold the token for a second more; "at once" is well inside that.
    const took = await within(250, async () => (await send()).status === 401);
    expect(took).toBeLessThan(250);
  });
});

describe("the header's lag and the senders' health count every instance's traffic", () => {
  it("events posted to A show in B's sender health and B's live lag header", async () => {
    const c = uniqueCatalog({ skus: ["H"] });
    await a.catalog(c.input);
    await within(1000, () => b.services.catalog.skus.has(c.sku("H")));
    const sock = io(b.url, { transports: ["websocket"], reconnection: false, auth: { token: TEST_TOKEN } });
    try {
      await new Promise<void>((r) => sock.once("connect", () => r()));
      await sock.emitWithAck("subscribe", { room: "overview" });
      const lagFrame = (pred: (events: number) => boolean) =>
        new Promise<number>((resolve) => {
          const on = (f: { data: { lag?: { events: number } } }) => {
            if (f.data.lag && pred(f.data.lag.events)) {
              sock.off("frame", on);
              resolve(f.data.lag.events);
            }
          };
          sock.on("frame", on);
        });
      const before = await lagFrame(() => true);
      const source = `feed-${c.tag}`;
      const events = [0, 1, 2].map(() => ({ ...ev({ type: "receipt", sku: c.sku("H"), location: c.loc("wh"), quantity: 1 }, 42_000), source }));
      const res = await a.post([...events, { ...events[0], id: `bad-${c.tag}`, quantity: -5 }]);
      expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(["accepted", "accepted", "accepted", "rejected"]);
      // B's header, within a couple of its 2 s ticks.
      const after = await Promise.race([lagFrame((n) => n >= before + 3), sleep(6000).then(() => -1)]);
      expect(after).toBeGreaterThanOrEqual(before + 3);
      await within(2500, () => b.services.senders.summary(Date.now()).some((x) => x.source === source && x.eventsLastHour === 4));
      expect(b.services.senders.summary(Date.now()).find((x) => x.source === source)).toMatchObject({ rejectedLastHour: 1, eventsLastHour: 4 });
    } finally {
      sock.close();
    }
  });
});

/** Requests alternately to each server with a fresh token; the statuses in order. */
async function alternate(servers: TestServer[], n: number, sku: string, loc: string): Promise<number[]> {
  const { token } = await createConnectorToken(servers[0].services.pool, { name: "limited", scopes: ["ingest"] });
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await servers[i % servers.length].post(ev({ type: "receipt", sku, location: loc, quantity: 1 }), { authorization: `Bearer ${token}` });
    statuses.push(res.status);
  }
  return statuses;
}

async function redisAvailable(): Promise<boolean> {
  const net = await import("node:net");
  return new Promise((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port: 6379 });
    s.setTimeout(500, () => (s.destroy(), resolve(false)));
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}

describe("a token's rate limit is shared by the instances", () => {
  const LIMIT = 6;
  // Two more instances while A and B run: small pools, so parallel test files keep their connections.
  const SMALL = { ONEPOOL_DB_POOL_SIZE: "3", ONEPOOL_INGEST_POOL_SIZE: "1", ONEPOOL_READ_POOL_SIZE: "1" };

  it("in Postgres: requests split across A and B hit 429 at the shared limit", async () => {
    const [c1, c2] = await Promise.all([
      startTestServer(inject("databaseUrl"), { ...SMALL, ONEPOOL_TOKEN_RATE_PER_MINUTE: String(LIMIT) }),
      startTestServer(inject("databaseUrl"), { ...SMALL, ONEPOOL_TOKEN_RATE_PER_MINUTE: String(LIMIT) }),
    ]);
    try {
      const c = uniqueCatalog({ skus: ["L"] });
      await c1.catalog(c.input);
      await within(1000, () => c2.services.catalog.skus.has(c.sku("L")));
      const statuses = await alternate([c1, c2], LIMIT + 2, c.sku("L"), c.loc("wh"));
      // Per instance each would have allowed 6: together only 6 pass.
      expect(statuses).toEqual([...Array(LIMIT).fill(202), 429, 429]);
      expect(await onHand(c1, c.sku("L"), c.loc("wh"))).toBe(LIMIT);
    } finally {
      await Promise.all([c1.stop(), c2.stop()]);
    }
  });

  it("in Redis (REDIS_URL): the same", async (ctx) => {
    if (!(await redisAvailable())) {
      console.warn("skipped: no Redis on 127.0.0.1:6379");
      ctx.skip();
    }
    const env = { ...SMALL, ONEPOOL_TOKEN_RATE_PER_MINUTE: String(LIMIT), REDIS_URL: "redis://127.0.0.1:6379" };
    const [c1, c2] = await Promise.all([startTestServer(inject("databaseUrl"), env), startTestServer(inject("databaseUrl"), env)]);
    try {
      const c = uniqueCatalog({ skus: ["L"] });
      await c1.catalog(c.input);
      await within(1000, () => c2.services.catalog.skus.has(c.sku("L")));
      const before = await c1.services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM rate_limit_hit");
      const statuses = await alternate([c1, c2], LIMIT + 2, c.sku("L"), c.loc("wh"));
      expect(statuses).toEqual([...Array(LIMIT).fill(202), 429, 429]);
      // Counted in Redis, not in Postgres.
      const after = await c1.services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM rate_limit_hit");
      expect(after.rows[0].n).toBe(before.rows[0].n);
    } finally {
      await Promise.all([c1.stop(), c2.stop()]);
    }
  });

  it("far from the limit, requests are counted in batches, and the shared total is right", async () => {
    const c = uniqueCatalog({ skus: ["M"] });
    await a.catalog(c.input);
    await within(1000, () => b.services.catalog.skus.has(c.sku("M")));
    const { id, token } = await createConnectorToken(a.services.pool, { name: "busy", scopes: ["ingest"] });
    const send = (s: TestServer) => s.post(ev({ type: "receipt", sku: c.sku("M"), location: c.loc("wh"), quantity: 1 }), { authorization: `Bearer ${token}` });
    for (let i = 0; i < 20; i++) expect((await send(i % 2 ? b : a)).status).toBe(202);
    await Promise.all([a.services.limiter.flush(), b.services.limiter.flush()]);
    const r = await a.services.pool.query<{ hits: number }>("SELECT hits FROM rate_limit_hit WHERE key LIKE $1", [`token:${id}@%`]);
    expect(r.rows).toEqual([{ hits: 20 }]);
  });
});
