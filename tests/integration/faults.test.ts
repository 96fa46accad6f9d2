import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { io, type Socket } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { GET as listSkus } from "@/app/api/skus/route";
import { EventSender, type SenderEvent } from "@/server/chaos/event-sender";
import { startEmbeddedPostgres } from "@/server/db/embedded-postgres";
import { registerOutbound } from "@/server/outbound/save-outbound";
import { rebuildProjections } from "@/server/projection/rebuild-projections";
import { startPushReceiver } from "../support/push-receiver";
import { migrateWithCatalog, scratchDatabase } from "../support/own-database";
import { childServerEnv, level, startTestServer, TEST_TOKEN, uniqueCatalog, type TestServer } from "../support/test-server";
import { until as poll } from "../support/until";

/** The outage tests wait longer and poll gently: a database is starting. */
const until = <T>(what: string, fn: () => Promise<T | undefined | false | null> | T | undefined | false | null, ms = 15_000) => poll(what, fn, ms, 100);

// Faults (issue 14): kill -9 mid-stream, the database going away under load, and expensive reads
// saturating their connections. Real processes, real Postgres, real HTTP.

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

const receipt =
  (c: ReturnType<typeof uniqueCatalog>, sku: string, prefix: string) =>
  (n: number): SenderEvent => ({
    id: `${prefix}-${n}`,
    source: "chaos",
    type: "receipt",
    sku: c.sku(sku),
    location: c.loc("wh"),
    quantity: 1,
    occurredAt: new Date(Date.now() - 1000).toISOString(),
  });

/** Each event in the ledger exactly once, and the live projection equal to a replay of it. */
async function expectLedgerExact(pool: pg.Pool, sender: EventSender, c: ReturnType<typeof uniqueCatalog>, sku: string) {
  const ids = sender.all().map((e) => e.id);
  const rows = await pool.query<{ event_id: string; n: string }>("SELECT event_id, count(*) AS n FROM event WHERE source = 'chaos' AND event_id = ANY($1) GROUP BY event_id", [ids]);
  const counts = new Map(rows.rows.map((r) => [r.event_id, Number(r.n)]));
  // Every event the server answered 2xx for is there, once; after the resend, so is every other.
  for (const e of sender.acknowledgedBeforeResend()) expect(counts.get(e.id), e.id).toBe(1);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  expect(counts.size).toBe(ids.length);
  const lv = await pool.query<{ on_hand: number }>("SELECT sl.on_hand FROM stock_level sl JOIN sku s ON s.id = sl.sku_id JOIN location l ON l.id = sl.location_id WHERE s.code = $1 AND l.code = $2", [
    c.sku(sku),
    c.loc("wh"),
  ]);
  expect(lv.rows[0].on_hand).toBe(ids.length);
  const replay = await rebuildProjections(pool, { write: false });
  expect(replay.differences.filter((d) => d.sku === c.sku(sku))).toEqual([]);
}

describe("kill -9 mid-stream", () => {
  it("every event answered 2xx is in the ledger once after a restart; resending gets duplicate; projection = replay", async () => {
    const url = await scratchDatabase("onepool_it_kill", cleanups);
    const c = uniqueCatalog({ skus: ["K"] });
    await migrateWithCatalog(url, c.input);

    const spawnServer = () => {
      // The real entry (`npm start`), without pages.
      const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts", "--no-next"], {
        env: {
          ...childServerEnv(url),
          // Its start-up line (info, JSON) carries the URL it listens on.
          ONEPOOL_LOG_LEVEL: "info",
          ONEPOOL_LOG_FORMAT: "json",
          // One process: the kill -9 lands on the server that is writing (with workers it would land on
          // the primary, whose workers then exit by themselves: tests/integration/workers.test.ts).
          ONEPOOL_WORKERS: "1",
        },
        stdio: ["ignore", "pipe", "inherit"],
      });
      cleanups.push(async () => {
        if (child.exitCode === null) child.kill("SIGKILL");
      });
      const listening = new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout!.on("data", (d: Buffer) => {
          out += d.toString();
          const lines = out.split("\n");
          out = lines.pop()!;
          for (const line of lines) {
            const entry = JSON.parse(line) as { msg?: string; url?: string };
            if (entry.url && entry.msg?.startsWith("Onepool is running at")) resolve(entry.url);
          }
        });
        child.once("exit", (code) => reject(new Error(`child exited ${code}`)));
      });
      return { child, listening };
    };

    const first = spawnServer();
    const firstUrl = await first.listening;
    const sender = new EventSender(firstUrl, TEST_TOKEN, receipt(c, "K", `kill-${c.tag}`), { batchSize: 20, concurrency: 4, timeoutMs: 10_000, maxBatches: 400 });
    sender.start();
    await until("some batches stored", () => sender.answers().filter((a) => a.status === 202).length >= 15);
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));
    await sender.stop();
    const beforeKill = sender.acknowledged().length;
    expect(beforeKill).toBeGreaterThanOrEqual(300);
    // No answer but 202 or none at all (connection reset by the kill): never a 5xx from a dying server.
    expect(sender.answers().every((a) => a.status === 202 || a.status === 0)).toBe(true);

    const second = spawnServer();
    const secondUrl = await second.listening;
    sender.url = secondUrl;
    await sender.resendAll();
    for (const b of sender.batches) {
      const last = b.answers[b.answers.length - 1];
      expect(last.status).toBe(202);
      const ackedBefore = b.answers.slice(0, -1).some((a) => a.status === 202);
      // Acknowledged before the kill: a duplicate now. Unanswered (in flight at the kill): stored then or now, once.
      for (const r of last.results) expect(ackedBefore ? ["duplicate"] : ["accepted", "duplicate"]).toContain(r.status);
    }

    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      await expectLedgerExact(pool, sender, c, "K");
    } finally {
      await pool.end();
      second.child.kill("SIGKILL");
      await new Promise((r) => second.child.once("exit", r));
    }
  }, 120_000);
});

describe("database outage under load", () => {
  it("answers 503 + Retry-After while the database is away (no hang, no 500); ingest, publisher, outbox and live frames resume by themselves", async () => {
    // Our own Postgres, so stopping it touches nobody else's.
    const dir = mkdtempSync(path.join(os.tmpdir(), "onepool-outage-"));
    chmodSync(dir, 0o755);
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const epg = await startEmbeddedPostgres(dir, 54385, () => {});
    cleanups.push(() => epg.stop());
    const server = await startTestServer(epg.url, { ONEPOOL_DB_CONNECT_TIMEOUT_MS: "1000" });
    cleanups.push(() => server.stop());
    const SECRET = `whsec_${Buffer.from("onepool-outage-test-secret-32byt").toString("base64")}`;
    const receiver = await startPushReceiver(SECRET);
    cleanups.push(() => receiver.close());

    const c = uniqueCatalog({ skus: ["O"] });
    await server.catalog(c.input);
    await registerOutbound(server.services, c.channel, { provider: "standard", url: receiver.url, secret: SECRET }, SYSTEM_ACTOR);
    const socket: Socket = io(server.url, { transports: ["websocket"], auth: { token: TEST_TOKEN } });
    cleanups.push(async () => socket.close());
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    expect(((await socket.emitWithAck("subscribe", { room: "overview" })) as { ok: boolean }).ok).toBe(true);
    const liveAvailable: number[] = [];
    socket.on("frame", (f: { data?: { rows?: { code: string; availableReal: number }[] } }) => {
      for (const r of f.data?.rows ?? []) if (r.code === c.sku("O")) liveAvailable.push(r.availableReal);
    });

    const sender = new EventSender(server.url, TEST_TOKEN, receipt(c, "O", `outage-${c.tag}`), { batchSize: 5, concurrency: 3, timeoutMs: 15_000, maxBatches: 2000, pauseMs: 20 });
    /** How many answers since the `from`-th had `status`. */
    const answered = (status: number, from = 0) => {
      const since = sender.answers().slice(from);
      return since.filter((a) => a.status === status).length;
    };
    sender.start();
    await until("load running", () => answered(202) >= 10);
    await epg.stop();
    const downAt = sender.answers().length;
    // Away for a while: the senders keep asking.
    await until("503s while away", () => answered(503, downAt) >= 5, 10_000);
    await new Promise((r) => setTimeout(r, 1500));
    await epg.start();
    const upAt = sender.answers().length;
    await until("ingest resumed", () => answered(202, upAt) >= 5, 20_000);
    await sender.stop();

    const answers = sender.answers();
    expect(answers.filter((a) => a.status === 500)).toEqual([]);
    expect(answers.every((a) => a.status === 202 || a.status === 503)).toBe(true);
    for (const a of answers.filter((x) => x.status === 503)) expect(Number(a.retryAfter)).toBeGreaterThan(0);
    // No request hung: each was answered well inside the sender's 15 s timeout.
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(8000);

    // The retrying sender: everything stored once, what was acknowledged is a duplicate.
    await sender.resendAll();
    for (const b of sender.batches) expect(b.answers[b.answers.length - 1].status).toBe(202);
    await expectLedgerExact(server.services.pool, sender, c, "O");
    const total = sender.all().length;

    // Publisher, outbox and live layer resumed without a restart: the latest number is stored,
    // pushed to the channel, and framed to the dashboard.
    const stored = await until("published number stored", async () => {
      await server.services.publisher.settle();
      const r = await server.services.pool.query<{ quantity: number }>(
        "SELECT pq.quantity FROM published_quantity pq JOIN sku s ON s.id = pq.sku_id JOIN channel ch ON ch.id = pq.channel_id WHERE s.code = $1 AND ch.code = $2",
        [c.sku("O"), c.channel],
      );
      const lv = await level(server, c.sku("O"), c.loc("wh"));
      return lv?.available === total && r.rows[0] ? r.rows[0].quantity : null;
    });
    expect(stored).toBeGreaterThan(0);
    await until("pushed to the channel", () => receiver.latest().get(c.sku("O")) === stored);
    await until("framed live", () => liveAvailable.includes(total));
    expect(receiver.unverified).toEqual([]);
  }, 90_000);
});

describe("expensive reads cannot starve ingest", () => {
  it("with every read connection stuck, ingest still commits, and each read ends with a precise 503 instead of hanging", async () => {
    const url = await scratchDatabase("onepool_it_reads", cleanups);
    const server: TestServer = await startTestServer(url, { ONEPOOL_READ_POOL_SIZE: "2", ONEPOOL_READ_TIMEOUT_MS: "1500", ONEPOOL_DB_CONNECT_TIMEOUT_MS: "1000" });
    cleanups.push(() => server.stop());
    const c = uniqueCatalog({ skus: ["R"] });
    await server.catalog(c.input);
    await server.services.publisher.settle();

    // A catalogue-wide read that cannot finish: the channel table is locked by another session.
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    cleanups.push(() => locker.end());
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE channel IN ACCESS EXCLUSIVE MODE");

    const t0 = Date.now();
    const reads = Array.from({ length: 12 }, () =>
      listSkus(new Request("http://localhost/api/skus?limit=1000", { headers: { authorization: `Bearer ${TEST_TOKEN}` } })).then(async (r) => ({
        status: r.status,
        retryAfter: r.headers.get("retry-after"),
        code: ((await r.json()) as { error?: { code: string } }).error?.code,
        ms: Date.now() - t0,
      })),
    );
    await poll(
      "reads waiting on the lock",
      async () => (await locker.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'channel'::regclass AND NOT granted")).rows[0].n > 0,
      1000,
      10,
    );
    // Meanwhile ingest commits on its own connections.
    const posted = await server.post(Array.from({ length: 10 }, (_, n) => receipt(c, "R", `reads-${c.tag}`)(n)));
    expect(posted.status).toBe(202);
    expect(Date.now() - t0).toBeLessThan(1500);
    expect((await level(server, c.sku("R"), c.loc("wh")))?.on_hand).toBe(10);

    const answered = await Promise.all(reads);
    await locker.query("ROLLBACK");
    for (const a of answered) {
      expect(a.status).toBe(503);
      expect(Number(a.retryAfter)).toBeGreaterThan(0);
      expect(["read_timeout", "unavailable"]).toContain(a.code);
      expect(a.ms).toBeLessThan(5000);
    }
    // The two that held a connection were stopped by statement_timeout; the rest never got one.
    expect(answered.filter((a) => a.code === "read_timeout").length).toBe(2);

    const after = await listSkus(new Request(`http://localhost/api/skus?q=${encodeURIComponent(c.sku("R"))}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } }));
    expect(after.status).toBe(200);
  }, 30_000);
});

describe("database unreachable: connections stall instead of being refused", () => {
  it("twenty concurrent requests all answer 503 within a few seconds, not one connect timeout after another; then ingest resumes", async () => {
    const url = await scratchDatabase("onepool_it_stall", cleanups);
    // A TCP proxy in front of Postgres that the test can cut: open connections are reset, new ones
    // are accepted and never answered (a network partition, not a refused port).
    const target = new URL(url);
    let cut = false;
    const open = new Set<net.Socket>();
    const track = (s: net.Socket) => {
      open.add(s);
      s.on("close", () => open.delete(s));
      s.on("error", () => {});
    };
    const proxy = net.createServer((client) => {
      track(client);
      if (cut) return;
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      track(upstream);
      upstream.on("close", () => client.destroy());
      client.on("close", () => upstream.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", () => r()));
    cleanups.push(async () => {
      for (const s of open) s.destroy();
      await new Promise((r) => proxy.close(r));
    });
    const proxied = new URL(url);
    proxied.hostname = "127.0.0.1";
    proxied.port = String((proxy.address() as net.AddressInfo).port);
    const server = await startTestServer(proxied.toString(), { ONEPOOL_DB_CONNECT_TIMEOUT_MS: "1000" });
    cleanups.push(() => server.stop());
    const c = uniqueCatalog({ skus: ["S"] });
    await server.catalog(c.input);
    const make = receipt(c, "S", `stall-${c.tag}`);
    expect((await server.post(make(0))).status).toBe(202);

    // Cut while the token is still cached: the requests reach group commit.
    cut = true;
    for (const s of open) s.destroy();
    const t0 = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const res = await fetch(`${server.url}/api/events`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${TEST_TOKEN}` },
          body: JSON.stringify(make(i + 1)),
          signal: AbortSignal.timeout(30_000),
        });
        return { status: res.status, retryAfter: res.headers.get("retry-after"), ms: Date.now() - t0 };
      }),
    );
    for (const a of answers) {
      expect(a.status).toBe(503);
      expect(Number(a.retryAfter)).toBeGreaterThan(0);
    }
    // Before: the batch that failed was retried request by request, each waiting out 1 s: ~20 s.
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(5000);

    cut = false;
    const again = await until("ingest back", async () => ((await server.post(make(100))).status === 202 ? true : null), 15_000);
    expect(again).toBe(true);
  }, 60_000);
});
