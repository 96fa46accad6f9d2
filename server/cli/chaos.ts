import "../preload";
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { isLoopbackUrl } from "@/lib/chaos/loopback-url";
import { newTokenValue } from "@/server/auth/connector-tokens";
import { upsertCatalog } from "@/server/catalog/upsert-catalog";
import { answerChecks, checkLedger, resendChecks, type Check } from "@/server/chaos/check-ledger";
import { EventSender, type SenderEvent } from "@/server/chaos/event-sender";
import { startEmbeddedPostgres, type EmbeddedDb } from "@/server/db/embedded-postgres";
import { applyMigrations } from "@/server/db/migrate";
import { rebuildProjections } from "@/server/projection/rebuild-projections";
import { freePort } from "@/server/net/free-port";

// npm run chaos -- --url http://127.0.0.1:3000 --token op_… --sku CODE --location CODE [--events 1000] [--seconds 60]
//     Against a running install (loopback only): posts adjustments of +1 (reason "chaos-check") to
//     one SKU at one location, resends every batch, checks each event was counted once (on-hand
//     moved by exactly the number of events; every acknowledged event resent came back
//     "duplicate"), then takes them back with one adjustment of −N. Use a SKU kept for testing.
//     The token needs the ingest and read scopes. With DATABASE_URL set it also compares the
//     projection with a replay (read-only; the same as `npm run rebuild -- --check`).
// npm run chaos -- --start [--kill] [--restart-db] [--events 2000] [--seconds 60] [--keep]
//     Self-contained: its own embedded Postgres in a temp folder and its own server (no pages) on
//     127.0.0.1; kill -9s that server mid-stream and starts it again (--kill), stops and starts the
//     database mid-stream (--restart-db), then checks the ledger itself. Removes the folder after (unless --keep).
// Bounded: at most 20,000 events and 600 seconds; exit code 1 when a check fails.

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const bounded = (name: string, fallback: number, max: number) => {
  const v = Number(value(name) ?? fallback);
  if (!Number.isInteger(v) || v < 1 || v > max) throw new Error(`--${name} must be a whole number from 1 to ${max}`);
  return v;
};

const BATCH = 20;
const HANG_MS = 15_000;
const SOURCE = "chaos-check";

function print(checks: Check[]): boolean {
  for (const c of checks) console.log(`  ${c.ok ? "ok  " : "FAIL"} ${c.what}`);
  return checks.every((c) => c.ok);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<boolean> {
  const events = bounded("events", flag("start") ? 2000 : 1000, 20_000);
  const seconds = bounded("seconds", 30, 600);
  const maxBatches = Math.ceil(events / BATCH);
  return flag("start") ? ownServer(maxBatches, seconds) : againstUrl(maxBatches, seconds);
}

async function againstUrl(maxBatches: number, seconds: number): Promise<boolean> {
  const url = value("url")?.replace(/\/+$/, "");
  const token = value("token") ?? process.env.ONEPOOL_CHAOS_TOKEN;
  const sku = value("sku");
  const location = value("location");
  if (!url || !token || !sku || !location) throw new Error("usage: npm run chaos -- --url http://127.0.0.1:3000 --token <ingest+read token> --sku <test SKU> --location <location> (or --start)");
  if (!isLoopbackUrl(url)) throw new Error(`refusing ${url}: the chaos script only talks to this machine (localhost, 127.0.0.0/8, ::1)`);

  const onHand = async (): Promise<number> => {
    const res = await fetch(`${url}/api/skus?q=${encodeURIComponent(sku)}&limit=50`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(HANG_MS) });
    if (!res.ok) throw new Error(`GET /api/skus answered ${res.status}: ${await res.text()}`);
    const row = ((await res.json()) as { items: { code: string; onHand: number }[] }).items.find((r) => r.code === sku);
    if (!row) throw new Error(`no SKU ${sku} on ${url}`);
    return row.onHand;
  };
  const run = randomUUID().slice(0, 8);
  const make = (n: number): SenderEvent => ({ id: `chaos-${run}-${n}`, source: SOURCE, type: "adjustment", reason: "chaos-check", sku, location, quantity: 1, occurredAt: new Date().toISOString() });
  const before = await onHand();
  console.log(`Posting up to ${maxBatches * BATCH} adjustments of +1 to ${sku} @ ${location} on ${url} for at most ${seconds} s (on-hand now ${before}) …`);
  const sender = new EventSender(url, token, make, { batchSize: BATCH, concurrency: 4, timeoutMs: HANG_MS, maxBatches });
  sender.start();
  await Promise.race([
    sleep(seconds * 1000),
    (async () => {
      while (sender.batches.length < maxBatches) await sleep(200);
    })(),
  ]);
  await sender.stop();
  console.log("Resending every batch, as a retrying sender would …");
  await sender.resendAll();
  const total = sender.all().length;
  // The publisher and projection are synchronous with commit; the read is of committed rows.
  const after = await onHand();
  const checks: Check[] = [
    ...answerChecks(sender, HANG_MS),
    ...resendChecks(sender),
    { ok: after - before === total, what: `on-hand moved by exactly the ${total} events sent (${before} → ${after})` },
  ];
  if (process.env.DATABASE_URL) {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    try {
      const replay = await rebuildProjections(pool, { write: false });
      checks.push({ ok: replay.differences.length === 0, what: `live projection equals a replay of the ledger (${replay.events} events, ${replay.differences.length} levels differ)` });
    } finally {
      await pool.end();
    }
  } else {
    console.log("  (no DATABASE_URL: run `npm run rebuild -- --check` once the server is stopped to compare the projection with a replay)");
  }
  // Take the units back: one event, so the SKU ends where it started.
  const undo = await sender.post([{ ...make(-1), id: `chaos-${run}-undo`, quantity: -total }]);
  checks.push({ ok: undo.status === 202 && (await onHand()) === before, what: `took the ${total} units back with one adjustment (on-hand ${before} again)` });
  return print(checks);
}

async function ownServer(maxBatches: number, seconds: number): Promise<boolean> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "onepool-chaos-"));
  // As root the cluster runs as 'postgres', which must enter the folder.
  chmodSync(dir, 0o755);
  let epg: EmbeddedDb | null = null;
  let child: ChildProcess | null = null;
  let pool: pg.Pool | null = null;
  try {
    console.log(`Starting a Postgres of its own in ${dir} …`);
    epg = await startEmbeddedPostgres(dir, await freePort(), () => {});
    pool = new pg.Pool({ connectionString: epg.url, max: 2 });
    pool.on("error", () => {}); // the database restarts on purpose
    await applyMigrations(pool, undefined, () => {});
    await upsertCatalog(pool, { skus: [{ code: "CHAOS-1", name: "Chaos check" }], locations: [{ code: "chaos-wh", name: "Chaos warehouse", type: "warehouse", sellable: true }] });
    const token = newTokenValue();
    const port = await freePort();
    const startChild = async () => {
      const c = spawn(process.execPath, ["--import", "tsx", "server/main.ts", "--no-next"], {
        env: { ...process.env, NODE_ENV: "production", DATABASE_URL: epg!.url, PORT: String(port), HOST: "127.0.0.1", ONEPOOL_BOOTSTRAP_TOKEN: token, ONEPOOL_DATA_DIR: dir },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      c.stderr!.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
      await new Promise<void>((resolve, reject) => {
        c.stdout!.on("data", (d: Buffer) => /Onepool is running/.test(d.toString()) && resolve());
        c.once("exit", (code) => reject(new Error(`the server exited (${code}) before serving:\n${out}`)));
      });
      return c;
    };
    child = await startChild();
    const url = `http://127.0.0.1:${port}`;
    console.log(`Its server runs at ${url} (pid ${child.pid}).`);

    const make = (n: number): SenderEvent => ({ id: `chaos-${n}`, source: SOURCE, type: "receipt", sku: "CHAOS-1", location: "chaos-wh", quantity: 1, occurredAt: new Date().toISOString() });
    // Paced so the batches spread over the run: the faults land while events are being sent.
    const pauseMs = Math.floor((seconds * 1000 * 4) / maxBatches);
    const sender = new EventSender(url, token, make, { batchSize: BATCH, concurrency: 4, timeoutMs: HANG_MS, maxBatches, pauseMs });
    const startedAt = Date.now();
    const progress = async (share: number) => {
      while (sender.batches.length < maxBatches && Date.now() < startedAt + seconds * 1000 * share) await sleep(50);
    };
    sender.start();
    if (flag("kill")) {
      await progress(1 / 3);
      console.log(`kill -9 of the server after ${sender.batches.length} batches, then a restart …`);
      child.kill("SIGKILL");
      await new Promise((r) => child!.once("exit", r));
      child = await startChild();
    }
    if (flag("restart-db")) {
      await progress(2 / 3);
      console.log(`Stopping the database after ${sender.batches.length} batches, for 3 s …`);
      await epg.stop();
      await sleep(3000);
      await epg.start();
      console.log("Database back.");
    }
    await progress(1);
    await sender.stop();
    console.log(`Sent ${sender.all().length} events in ${sender.batches.length} batches; resending every batch …`);
    await sender.resendAll();
    return print([...answerChecks(sender, HANG_MS), ...(await checkLedger(pool, sender, SOURCE))]);
  } finally {
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child!.once("exit", r));
    }
    await pool?.end();
    await epg?.stop();
    if (!flag("keep")) rmSync(dir, { recursive: true, force: true });
    else console.log(`Kept ${dir}.`);
  }
}

main().then(
  (ok) => {
    console.log(ok ? "All checks passed." : "Some checks FAILED.");
    process.exit(ok ? 0 : 1);
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
