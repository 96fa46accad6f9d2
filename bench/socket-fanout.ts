// DATABASE_URL=<a scratch database> npx tsx bench/socket-fanout.ts [clients=1000] [events=30]
// Sockets per instance (docs/SCALING.md, "Capacity model"): starts the real server (one process,
// no pages) as a child, opens `clients` WebSockets subscribed to `overview`, and reports the
// server's resident memory before and after, then posts `events` events (one each 300 ms) and
// times, per event, POST → the frame reaching the first and the last client.
import "../server/preload";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import pg from "pg";
import { io, type Socket } from "socket.io-client";
import { upsertCatalog } from "@/server/catalog/upsert-catalog";
import { applyMigrations } from "@/server/db/migrate";
import { freePort } from "@/server/net/free-port";

const url = process.env.DATABASE_URL;
const clients = Number(process.argv[2] ?? 1000);
const events = Number(process.argv[3] ?? 30);
const TOKEN = `op_bench_fanout_${"x".repeat(24)}`;

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  if (!url) throw new Error("set DATABASE_URL to a scratch database");
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  await applyMigrations(pool, undefined, () => {});
  const tag = Date.now().toString(36);
  const sku = `FAN-${tag}`;
  await upsertCatalog(pool, { skus: [{ code: sku, name: sku }], locations: [{ code: `fan-wh-${tag}`, name: "wh", type: "warehouse", sellable: true }] });
  await pool.end();

  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts", "--no-next"], {
    env: { ...process.env, NODE_ENV: "production", ONEPOOL_WORKERS: "1", PORT: String(port), HOST: "127.0.0.1", ONEPOOL_BOOTSTRAP_TOKEN: TOKEN, ONEPOOL_LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (
      await fetch(`${base}/nothing`).then(
        (r) => r.status === 404,
        () => false,
      )
    )
      break;
    await sleep(200);
  }
  await sleep(2000);
  const before = rssMb(child.pid!);

  const sockets: Socket[] = [];
  const seen: Map<number, number>[] = [];
  for (let i = 0; i < clients; i++) {
    const s = io(base, { transports: ["websocket"], reconnection: false, auth: { token: TOKEN }, forceNew: true });
    const got = new Map<number, number>();
    s.on("frame", (f: { data: { rows?: { code: string; onHand?: number; availableReal: number }[] } }) => {
      const row = f.data.rows?.find((r) => r.code === sku);
      if (row && !got.has(row.availableReal)) got.set(row.availableReal, performance.now());
    });
    await new Promise<void>((resolve, reject) => {
      s.once("connect", () => resolve());
      s.once("connect_error", reject);
    });
    await s.emitWithAck("subscribe", { room: "overview" });
    sockets.push(s);
    seen.push(got);
  }
  await sleep(3000);
  const after = rssMb(child.pid!);

  const first: number[] = [];
  const last: number[] = [];
  let missing = 0;
  for (let e = 1; e <= events; e++) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ id: `fan-${tag}-${e}`, source: "bench", type: "receipt", sku, location: `fan-wh-${tag}`, quantity: 1, occurredAt: new Date().toISOString() }),
    });
    if (res.status !== 202) throw new Error(`POST answered ${res.status}: ${await res.text()}`);
    const deadline = performance.now() + 5000;
    while (seen.some((g) => !g.has(e)) && performance.now() < deadline) await sleep(5);
    const times = seen.map((g) => g.get(e)).filter((t): t is number => t !== undefined);
    missing += clients - times.length;
    first.push(Math.min(...times) - t0);
    last.push(Math.max(...times) - t0);
    await sleep(300);
  }
  for (const s of sockets) s.close();
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));

  const f = (x: number) => x.toFixed(1);
  console.log(`clients ${clients}, events ${events}`);
  console.log(`server RSS: ${f(before)} MB before, ${f(after)} MB with the clients: ${f(((after - before) * 1024) / clients)} KB per socket`);
  console.log(`POST → frame at the first client: p50 ${f(pct(first, 50))} ms, p95 ${f(pct(first, 95))} ms`);
  console.log(`POST → frame at the last client:  p50 ${f(pct(last, 50))} ms, p95 ${f(pct(last, 95))} ms`);
  console.log(`frames missing after 5 s: ${missing}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
