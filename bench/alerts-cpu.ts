import "../server/preload";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { upsertCatalog } from "@/server/catalog/upsert-catalog";
import { parseEnv } from "@/server/env";
import { startServer } from "@/server/start-server";
import { parseArgs } from "./args";
import { prepareDatabase, type BenchDb } from "./database";
import { LoadWorker, type PacedResult } from "./load-protocol";
import { CpuWindow } from "./machine";
import { cpuLine, cpuWindow } from "./report";
import { benchCatalog } from "./workload";

// (l) of `npm run bench -- --only l`: what alert evaluation costs per ingested event (issue 17:
// "< 5 % more CPU per event than off"). The same paced ingest (bench phase c's open loop: the mix of
// orders, receipts, returns, adjustments over --skus SKUs at --rate events/s) runs against a server
// with the alert engine off (ONEPOOL_ALERTS=false) and on, alternately (off, on, off, on …: the
// machine's drift falls on both), each round on a fresh database. CPU per event = (this process,
// which runs only the server, + this database's Postgres backends) CPU seconds over the window ÷
// events sent in it. The load generator is a child process and is not counted.

const TARGET_PERCENT = 5;
/**
 * Unmeasured seconds of load before each window, at least: the workload puts most SKUs in low cover
 * at first, so the first seconds with the engine on open hundreds of alerts (a one-off per subject);
 * the target is about the steady cost per event, so the window starts once they have opened.
 */
const MIN_WARMUP_S = 15;
const ROUNDS_PER_MODE = Number(process.env.BENCH_ALERT_ROUNDS ?? 3);
/** A round where more than this share of requests failed (a saturated machine: pool timeouts, 503s) measured something else: left out. */
const MAX_ERROR_SHARE = 0.01;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface Round {
  alerts: boolean;
  /** CPU microseconds per event: server process, Postgres, both. */
  serverUs: number;
  postgresUs: number;
  totalUs: number;
  events: number;
  errors: number;
  valid: boolean;
  machine: number;
  openAlerts: number;
}

async function runRound(alerts: boolean, round: number, args: ReturnType<typeof parseArgs>, worker: LoadWorker): Promise<Round> {
  const log = (m: string) => console.log(`    ${m}`);
  const db: BenchDb = await prepareDatabase({ adminUrl: process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || undefined, embeddedDir: ".data/bench-alerts", log: () => {} });
  try {
    const token = `op_bench_${randomBytes(24).toString("base64url")}`;
    const env = parseEnv({ NODE_ENV: "production", DATABASE_URL: db.url, HOST: "127.0.0.1", PORT: "0", ONEPOOL_BOOTSTRAP_TOKEN: token, ONEPOOL_ALERTS: String(alerts), ONEPOOL_LOG_LEVEL: "warn" });
    const server = await startServer(env, { withNext: false, log: () => {} });
    try {
      await upsertCatalog(server.services.pool, benchCatalog(args.skus));
      await server.services.catalog.reload();
      await sleep(1000); // the engine's start-up full sweep (a start cost, not a per-event one) is behind us
      const warmup = Math.max(args.warmup, MIN_WARMUP_S);
      const cpu = cpuWindow(warmup, args.lagSeconds, db.postgresPids, true);
      const r = await worker.run<PacedResult>({
        url: `http://127.0.0.1:${server.port}`,
        token,
        skuCount: args.skus,
        warmupSeconds: warmup,
        kind: "paced",
        prefix: `l${round}${alerts ? "on" : "off"}-${Date.now().toString(36)}`,
        seed: 19,
        seconds: args.lagSeconds,
        rate: args.rate,
        drainSeconds: 2,
      });
      const c = cpu();
      const events = r.achievedRate * args.lagSeconds;
      const us = (pct: number | null) => (pct === null ? NaN : ((pct / 100) * args.lagSeconds * 1e6) / events);
      const open = (await server.services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM alert WHERE state = 'open'")).rows[0].n;
      const turns = (await server.services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM alert_event")).rows[0].n;
      const errors = Object.values(r.errors).reduce((a, n) => a + n, 0);
      const valid = errors <= MAX_ERROR_SHARE * Math.max(1, r.sent);
      const res: Round = {
        alerts,
        serverUs: us(c.server),
        postgresUs: us(c.postgres),
        totalUs: us(c.server) + us(c.postgres),
        events: Math.round(events),
        errors,
        valid,
        machine: c.machine,
        openAlerts: open,
      };
      log(`round ${round}, alerts ${alerts ? "ON " : "OFF"}: ${res.totalUs.toFixed(0)} µs CPU per event (server ${res.serverUs.toFixed(0)} + Postgres ${res.postgresUs.toFixed(0)}) over ${res.events.toLocaleString("en-US")} events at ${r.achievedRate.toFixed(0)}/s; errors ${Object.keys(r.errors).length ? JSON.stringify(r.errors) : "none"}${valid ? "" : " ← LEFT OUT: the machine could not keep the rate"}; open alerts at the end ${open} (${turns} turns in all)
      ${cpuLine(c, r.cpuPercent)}`);
      return res;
    } finally {
      await server.stop();
    }
  } finally {
    await sleep(500); // pool sockets closing before the drop (see bench/run.ts)
    await db.cleanup();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const idle = new CpuWindow();
  idle.start();
  await sleep(1000);
  const background = idle.stop().machine;
  console.log(`(l) alert evaluation's CPU per event: paced ingest at ${args.rate}/s over ${args.skus.toLocaleString("en-US")} SKUs, ${Math.max(args.warmup, MIN_WARMUP_S)} s warm-up + ${args.lagSeconds} s per round, ${ROUNDS_PER_MODE} rounds per mode alternating OFF/ON, each on a fresh database …
    before: ${Math.round(background)}% of one core busy with other work (machine has ${os.cpus().length * 100})${background > 20 ? "  ← WARNING: the machine is not idle; figures will be noisy" : ""}`);
  const worker = new LoadWorker();
  const rounds: Round[] = [];
  try {
    for (let i = 0; i < ROUNDS_PER_MODE; i++) {
      rounds.push(await runRound(false, i + 1, args, worker));
      rounds.push(await runRound(true, i + 1, args, worker));
    }
  } finally {
    await worker.close();
  }
  const kept = (alerts: boolean) => rounds.filter((r) => r.alerts === alerts && r.valid).map((r) => r.totalUs);
  if (kept(false).length === 0 || kept(true).length === 0) {
    console.log("\n    no valid round in one of the modes (every one had errors): no figure. Lower --rate or run on a quieter machine.\n");
    process.exitCode = 1;
    return;
  }
  const off = median(kept(false));
  const on = median(kept(true));
  const extra = (on / off - 1) * 100;
  // Each ON round against the OFF round just before it: the machine's drift between pairs cancels out.
  const pairs: number[] = [];
  for (let i = 0; i + 1 < rounds.length; i += 2) if (rounds[i].valid && rounds[i + 1].valid) pairs.push(rounds[i + 1].totalUs / rounds[i].totalUs);
  const spread = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
  console.log(`
    CPU per event, median of the valid rounds: alerts OFF ${off.toFixed(0)} µs (${kept(false).length} rounds, ${spread(kept(false))}), ON ${on.toFixed(0)} µs (${kept(true).length} rounds, ${spread(kept(true))})
    ratio ON/OFF ${(on / off).toFixed(3)}: ${extra >= 0 ? "+" : ""}${extra.toFixed(1)} % CPU per event with alert evaluation   target < ${TARGET_PERCENT} %: ${extra < TARGET_PERCENT ? "PASS" : "MISS"}
    per pair (ON ÷ the OFF just before): ${pairs.map((r) => r.toFixed(2)).join(", ")}; median ${pairs.length ? median(pairs).toFixed(3) : "n/a"}
    (server and this database's Postgres backends; the machine is shared, so compare the spread of the rounds with the difference)
`);
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
