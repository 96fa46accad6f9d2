import "../server/preload";
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import pg from "pg";
import { upsertCatalog } from "@/server/catalog/upsert-catalog";
import { parseEnv } from "@/server/env";
import { getIngestLag } from "@/server/queries/get-ingest-lag";
import { startServer } from "@/server/start-server";
import { parseArgs, PHASES } from "./args";
import { prepareDatabase, settle } from "./database";
import { LoadWorker, type ClosedResult, type PacedResult } from "./load-protocol";
import { startPlainServer } from "./plain-server";
import { CpuWindow, machineInfo } from "./machine";
import { runRawCeiling } from "./raw-ceiling";
import { cpuLine, cpuSpan, cpuWindow, printSummary, TARGET_PREVIEW_MS, TARGET_RULE_CHANGE_MS, type Results } from "./report";
import { PREVIEW_TAG, prepareRuleWorkload, runPreview, runRuleChange, type RuleWorkload } from "./rules";
import { fmtDist, fmtMs, ms, perSecondLine, rate } from "./stats";
import { benchCatalog } from "./workload";

// `npm run bench`: ingest throughput over real HTTP (a1 single events, a2 batches), the raw
// Postgres ceiling for the same rows (b), and POST → dashboard-frame lag at a steady rate (c),
// all in one run against one database; then (d) a rule change on a 100,000-SKU catalogue until
// every published number is stored, and (e) the preview of a rule reaching 10,000 SKUs, each next
// to what reading and writing the same rows costs Postgres alone. See docs/PERFORMANCE.md.

const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const log = (m: string) => console.log(m);
  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanup = async () => {
    while (cleanups.length) await cleanups.pop()!().catch((e) => console.error("cleanup:", e instanceof Error ? e.message : e));
  };
  process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));

  // Other work on the machine skews every figure: measure it before starting, and say so.
  const idle = new CpuWindow();
  idle.start();
  await sleep(1000);
  const background = idle.stop().machine;

  try {
    let url: string;
    let token: string;
    let databaseUrl: string | undefined;
    let database: string;
    let postgresPids: (() => number[]) | null = null;
    if (args.url) {
      url = args.url;
      token = args.token!;
      databaseUrl = args.databaseUrl;
      database = databaseUrl ? `the server's database (--database-url ${new URL(databaseUrl).host})` : "the server's database (not reachable from the bench: (b) skipped)";
      if (databaseUrl) {
        const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
        try {
          await upsertCatalog(pool, benchCatalog(args.skus)); // the server's cache picks it up on the first miss
        } finally {
          await pool.end();
        }
      } else {
        const r = await fetch(new URL("/api/catalog", url), {
          method: "PUT",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify(benchCatalog(args.skus)),
        });
        if (!r.ok) throw new Error(`PUT /api/catalog answered ${r.status}: ${await r.text()}`);
      }
    } else {
      const adminUrl = args.embedded ? undefined : process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || undefined;
      const db = await prepareDatabase({ adminUrl, embeddedDir: ".data/bench", log });
      cleanups.push(() => db.cleanup());
      databaseUrl = db.url;
      database = db.describe;
      postgresPids = db.postgresPids;
      token = `op_bench_${randomBytes(24).toString("base64url")}`;
      const env = parseEnv({ NODE_ENV: "production", DATABASE_URL: db.url, HOST: "127.0.0.1", PORT: "0", ONEPOOL_BOOTSTRAP_TOKEN: token });
      const running = await startServer(env, { withNext: false, log: (m) => log(`[server] ${m}`) });
      cleanups.push(() => running.stop());
      await upsertCatalog(running.services.pool, benchCatalog(args.skus));
      await running.services.catalog.reload();
      url = `http://127.0.0.1:${running.port}`;
    }

    const pool = databaseUrl ? new pg.Pool({ connectionString: databaseUrl, max: 2 }) : null;
    if (pool) cleanups.push(() => pool.end());
    const machine = await machineInfo(pool);
    const results: Results = { machine, database, args, backgroundCpu: background, failures: {} };

    const rulesOnly = args.only.every((p) => p === "d" || p === "e");
    const rulePhases = args.only.some((p) => p === "d" || p === "e");
    console.log(`
Onepool benchmark (${rulesOnly ? "rule changes" : rulePhases ? "ingest and rule changes" : "ingest"})
  machine   ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}
  node      ${machine.node}
  postgres  ${machine.postgres} — ${database}
            ${Object.entries(machine.postgresSettings).map(([k, v]) => `${k}=${v}`).join(", ")}
  server    ${args.url ? `${url} (already running)` : `${url}, started in this process (custom server, withNext: false, default pool of 10)`}
  before    ${Math.round(background)}% of one core busy with other work in the second before the run${background > 20 ? "  ← WARNING: the machine is not idle; figures will be low and noisy" : ""}
  load      a child process (bench/load-worker.ts), keep-alive HTTP/1.1 connections, one request at a
            time each; it competes with the server and Postgres for the same cores
  workload  ${args.skus.toLocaleString("en-US")} SKUs × 3 locations; order.placed/shipped/cancelled, receipt,
            return.received, adjustment (with reason), damage; unique ids; ~40% of orders by listing${rulePhases ? `
  rules     (d)/(e): the catalogue grown to ${args.ruleSkus.toLocaleString("en-US")} SKUs with SQL (stock on 2 of 3 locations, sales
            on every 3rd SKU, tag ${PREVIEW_TAG} on ${args.previewSkus.toLocaleString("en-US")}), 3 channel defaults, a tag rule, 40 SKU
            overrides; saved with createRule/updateRule, stored by a Publisher in this process (pool of 10)` : ""}
`);

    const worker = new LoadWorker();
    cleanups.push(() => worker.close());
    const tag = Date.now().toString(36);
    let rulePool: pg.Pool | null = null;
    let ruleWorkload: RuleWorkload | null = null;
    const ruleSetup = async (): Promise<{ pool: pg.Pool; w: RuleWorkload }> => {
      if (!databaseUrl) throw new Error("skipped: needs --database-url when measuring a running server");
      if (!rulePool) {
        const p = new pg.Pool({ connectionString: databaseUrl, max: 10, idleTimeoutMillis: 30_000, options: "-c timezone=UTC" });
        cleanups.push(() => p.end());
        rulePool = p;
      }
      if (!ruleWorkload) {
        ruleWorkload = await prepareRuleWorkload(rulePool, args.ruleSkus, args.previewSkus);
        const w = ruleWorkload;
        console.log(`    catalogue: ${w.skus.toLocaleString("en-US")} SKUs (${w.taggedSkus.toLocaleString("en-US")} tagged ${PREVIEW_TAG}), ${w.stockRows.toLocaleString("en-US")} stock rows and ${w.salesRows.toLocaleString("en-US")} sales rows added in ${fmtMs(w.seedMs)}; ${w.rules} rules created in ${fmtMs(w.rulesMs)}`);
      }
      return { pool: rulePool, w: ruleWorkload };
    };
    const common = { url, token, skuCount: args.skus, warmupSeconds: args.warmup };

    for (const phase of PHASES.filter((p) => args.only.includes(p))) {
      if (pool) await settle(pool);
      await sleep(1000);
      try {
        if (phase === "h") {
          // Calibration: what a trivial handler achieves with the same client and concurrency on this machine.
          console.log(`(h) HTTP floor: a plain Node handler (read body, JSON.parse, answer 202), single-event requests, ${args.concurrency} in flight, ${args.warmup} s warm-up + ${args.seconds} s …`);
          const plain = await startPlainServer();
          try {
            const cpu = cpuWindow(args.warmup, args.seconds, null);
            const r = await worker.run<ClosedResult>({ ...common, url: plain.url, kind: "closed", prefix: `h-${tag}`, seed: 5, seconds: args.seconds, batchSize: 1, concurrency: args.concurrency });
            const res = { ...r, cpu: cpu() };
            results.h = res;
            console.log(`    ${rate(res.acceptedEvents / res.windowSeconds)} requests  (${res.okRequests} in ${res.windowSeconds} s)
    errors: ${Object.keys(res.errors).length ? JSON.stringify(res.errors) : "none"}
    request latency ${fmtDist(res.latency)}
    ${cpuLine(res.cpu, res.cpuPercent, "plain server")}
`);
          } finally {
            await plain.stop();
          }
        } else if (phase === "b") {
          if (!databaseUrl) throw new Error("skipped: needs --database-url when measuring a running server");
          console.log(`(b) raw ceiling: ${args.rawConnections} connections × ${args.rawBatch}-row transactions, ${args.warmup} s warm-up + ${args.seconds} s …`);
          const cpu = cpuWindow(args.warmup, args.seconds, postgresPids);
          const r = await runRawCeiling({ databaseUrl, connections: args.rawConnections, batchSize: args.rawBatch, skuCount: args.skus, prefix: `raw-${tag}`, warmupSeconds: args.warmup, seconds: args.seconds });
          results.b = { ...r, cpu: cpu() };
          const b = results.b;
          console.log(`    ${rate(b.events / b.windowSeconds)}  (${b.events} rows committed in ${b.windowSeconds} s, ${b.batches} transactions)
    transaction latency ${fmtDist(b.batchLatency)}
    ${perSecondLine(b.perSecond)}
    ${cpuLine(b.cpu, null, "bench process (writer; the server idles)")}
`);
        } else if (phase === "a1" || phase === "a2") {
          const single = phase === "a1";
          const batchSize = single ? 1 : args.batchSize;
          const concurrency = single ? args.concurrency : args.batchConcurrency;
          console.log(`(${phase}) POST /api/events, ${batchSize === 1 ? "single-event requests" : `${batchSize}-event requests`}, ${concurrency} in flight, ${args.warmup} s warm-up + ${args.seconds} s …`);
          const cpu = cpuWindow(args.warmup, args.seconds, postgresPids, !args.url);
          const r = await worker.run<ClosedResult>({ ...common, kind: "closed", prefix: `${phase}-${tag}`, seed: single ? 11 : 13, seconds: args.seconds, batchSize, concurrency });
          const res = { ...r, cpu: cpu() };
          results[phase] = res;
          console.log(`    ${rate(res.acceptedEvents / res.windowSeconds)}  (${res.acceptedEvents} accepted events in ${res.okRequests} fully accepted 202s in ${res.windowSeconds} s)
    errors: ${Object.keys(res.errors).length ? JSON.stringify(res.errors) : "none"}
    request latency ${fmtDist(res.latency)}
    ${perSecondLine(res.perSecond)}
    ${cpuLine(res.cpu, res.cpuPercent)}
`);
        } else if (phase === "d") {
          console.log(`(d) rule change at scale: bench-web's default bufferPercent changed ${args.ruleRepeats} times; each timed from updateRule until publisher.recomputeAll() has stored every number …`);
          const { pool: rp, w } = await ruleSetup();
          const cpu = cpuSpan(postgresPids);
          const r = await runRuleChange(rp, w, args.ruleRepeats, log);
          const d = { ...r, cpu: cpu() };
          results.d = d;
          const f = d.floor;
          const ok = d.medianMs < TARGET_RULE_CHANGE_MS;
          console.log(`    rule change → every number stored (${d.skus.toLocaleString("en-US")} SKUs × ${d.channels} channels): median ${fmtMs(d.medianMs)}, max ${fmtMs(d.maxMs)}   target < ${TARGET_RULE_CHANGE_MS / 1000} s: ${ok ? "PASS" : "MISS"}
    floor, same run: read every SKU's inputs (loadPublishInputsInRange, one statement) ${fmtMs(f.readInputsMs)} + read the ${f.storedRows.toLocaleString("en-US")} stored rows ${fmtMs(f.readStoredMs)};
           one INSERT … SELECT unnest … ON CONFLICT DO UPDATE of ${f.writeChangedRows.toLocaleString("en-US")} rows (what a rep wrote) ${fmtMs(f.writeChangedMs)}, of all ${f.storedRows.toLocaleString("en-US")} ${fmtMs(f.writeAllMs)}
           → reads + changed-row write ${fmtMs(f.readInputsMs + f.readStoredMs + f.writeChangedMs)}
    after the answer (not in the target): the live hub re-reads the dashboard rows of the ${d.hubRows.skus.toLocaleString("en-US")} changed SKUs (getSkuRowsByIds) ${fmtMs(d.hubRows.ms)}
    ${cpuLine(d.cpu, null, "bench process (publisher)")} (whole phase, floor included)
`);
        } else if (phase === "e") {
          console.log(`(e) rule preview at scale: previewRule for a new bench-web rule on tag ${PREVIEW_TAG}, ${args.previewRepeats} times with different values …`);
          const { pool: rp, w } = await ruleSetup();
          const cpu = cpuSpan(postgresPids);
          const r = await runPreview(rp, w, args.previewRepeats, log);
          const e = { ...r, cpu: cpu() };
          results.e = e;
          const ok = e.medianMs < TARGET_PREVIEW_MS;
          console.log(`    preview of a rule reaching ${e.scopeSkus.toLocaleString("en-US")} SKUs: median ${fmtMs(e.medianMs)}, max ${fmtMs(e.maxMs)}   target < ${TARGET_PREVIEW_MS / 1000} s: ${ok ? "PASS" : "MISS"}
    floor, same run: read the scope's ids and inputs (two statements) ${fmtMs(e.floorReadMs)}${e.wholeCatalogue ? `
    for scale: a preview of a change to the channel default (all ${e.wholeCatalogue.skus.toLocaleString("en-US")} SKUs) ${fmtMs(e.wholeCatalogue.ms)}, ${e.wholeCatalogue.changed.toLocaleString("en-US")} numbers would change` : ""}
    ${cpuLine(e.cpu, null, "bench process (preview)")}
`);
        } else {
          console.log(`(c) lag POST → overview frame: ${args.rate} single-event requests/s, open loop, ${args.warmup} s warm-up + ${args.lagSeconds} s …`);
          if (pool) {
            // GET /api/metrics/lag scans the last 5 minutes of the ledger on demand (the live header
            // uses the hub's in-memory window instead); show what that costs at this point.
            const n = (await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM event WHERE received_at > now() - interval '5 minutes'")).rows[0].n;
            const t0 = Date.now();
            await getIngestLag(pool, 300);
            console.log(`    ledger rows received in the last 5 min: ${n.toLocaleString("en-US")} (a steady ${args.rate}/s gives ${(args.rate * 300).toLocaleString("en-US")}); GET /api/metrics/lag's exact query over them took ${Date.now() - t0} ms (on demand only)`);
          }
          const cpu = cpuWindow(args.warmup, args.lagSeconds, postgresPids, !args.url);
          const r = await worker.run<PacedResult>({ ...common, kind: "paced", prefix: `c-${tag}`, seed: 17, seconds: args.lagSeconds, rate: args.rate, drainSeconds: 2 });
          const res = { ...r, cpu: cpu() };
          results.c = res;
          console.log(`    lag ${fmtDist(res.lag)}
    sent ${res.sent} at ${rate(res.achievedRate)} (max send slip ${ms(res.maxSlipMs)}, ${res.connections} connections), accepted ${res.acceptedEvents}, never seen in a frame ${res.unseen}
    errors: ${Object.keys(res.errors).length ? JSON.stringify(res.errors) : "none"}
    POST latency ${fmtDist(res.postLatency)}
    frames ${res.frames} (${(res.frames / (args.warmup + res.windowSeconds + 2)).toFixed(1)}/s), ${res.frames ? (res.frameRows / res.frames).toFixed(1) : 0} rows per frame
    ${cpuLine(res.cpu, res.cpuPercent)} (load generator includes the socket client)
`);
        }
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        results.failures[phase] = msg;
        console.log(`    FAILED: ${msg}\n`);
      }
    }

    printSummary(results);
    if (args.json) await writeFile(args.json, JSON.stringify(results, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2));
    // A phase that could not run is a crash; a missed target is just a measurement.
    return Object.values(results.failures).some((m) => !m.startsWith("skipped")) ? 1 : 0;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.stack ?? err.message : err);
    process.exit(1);
  },
);
