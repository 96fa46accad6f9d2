import "../server/preload";
import { fork, spawn } from "node:child_process";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import pg from "pg";
import { upsertCatalog } from "@/server/catalog/upsert-catalog";
import { parseEnv } from "@/server/env";
import { getIngestLag } from "@/server/queries/get-ingest-lag";
import { startServer } from "@/server/start-server";
import type { Services } from "@/server/services";
import { BIG_CATALOGUE_PHASES, CHECKOUT_PHASES, INGEST_PHASES, parseArgs, PHASES } from "./args";
import { CHECKOUT_CHANNEL, CHECKOUT_LOCATION, prepareCheckout, PUSH_CHANNEL, RESTOCK, type CheckoutWorkload } from "./checkout-setup";
import { CheckoutWorker } from "./checkout-protocol";
import { prepareDatabase, settle } from "./database";
import { LoadWorker, type ClosedResult, type PacedResult } from "./load-protocol";
import { startClusterServer } from "./cluster-server";
import { startPlainServer } from "./plain-server";
import { CpuWindow, machineInfo } from "./machine";
import { GroupCpu } from "./process-cpu";
import { runOutboundLag } from "./outbound-lag";
import { runRawCeiling } from "./raw-ceiling";
import {
  cpuLine,
  cpuSpan,
  cpuWindow,
  printSummary,
  TARGET_VIEWERS_P95_MS,
  TARGET_E2E_P95_MS,
  TARGET_PREVIEW_MS,
  TARGET_RES_CONTENDED,
  TARGET_RES_SPREAD,
  TARGET_RULE_CHANGE_MS,
  type Cpu,
  type Results,
} from "./report";
import { postCountBatches, runReconciliation, TARGET_MATRIX_MS } from "./reconciliation";
import { runReservationCeilings, type ReservationCeiling } from "./reservations";
import { median, PREVIEW_TAG, prepareRuleWorkload, runPreview, runRuleChange, type RuleWorkload } from "./rules";
import { fmtDist, fmtMs, ms, perSecondLine, rate } from "./stats";
import { fillPublished, runStockList, TARGET_FIRST_PAGE_MS } from "./stock-list";
import { runViewerRound, timeBroadcasts, type BroadcastTiming, type ViewerRound } from "./viewers";
import { benchCatalog, skuCode } from "./workload";

// `npm run bench`: ingest throughput over real HTTP (a1 single events, a2 batches), the raw
// Postgres ceiling for the same rows (b), and POST → dashboard-frame lag at a steady rate (c),
// all in one run against one database; then (d) a rule change on a 100,000-SKU catalogue until
// every published number is stored, and (e) the preview of a rule reaching 10,000 SKUs, each next
// to what reading and writing the same rows costs Postgres alone; then (f) checkout reservations per
// second on one contended SKU and spread over many, next to plain pg transactions with the same
// locks and writes, and (g) the end-to-end lag from an event's POST to the outbound push that
// carries it, next to a plain signed POST's round trip; and (v) 1,000 dashboard sockets receiving the
// frames of (c)'s paced ingest next to one socket, (w) the same over two instances. See docs/PERFORMANCE.md.

const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));
/**
 * (g) waits at most this long after the last answer for every event to be pushed. Longer than the
 * dispatcher's claim lease (25 s): a round whose acks could not be recorded is sent again only
 * after it, and those events' real lag belongs in the figures rather than in "unseen".
 */
const DRAIN_SECONDS = 40;

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
    let services: Services | null = null;
    let serverEnv: NodeJS.ProcessEnv | null = null;
    /** How the server's CPU is measured: in this process, not at all (--url), or its processes (--workers). */
    let serverCpu: boolean | (() => number[]) = !args.url;
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
      // Runs between the server's stop and the drop: pool.end() resolves before its sockets have
      // closed, and a DROP DATABASE … WITH (FORCE) in that gap terminates the outbound dispatcher's
      // claimant session, whose 'error' listener then releases the already-released client and
      // throws (server/outbound/outbound-dispatcher.ts, reported; not fixed here).
      cleanups.push(() => sleep(500));
      databaseUrl = db.url;
      database = db.describe;
      postgresPids = db.postgresPids;
      token = `op_bench_${randomBytes(24).toString("base64url")}`;
      // ONEPOOL_ALERTS=false npm run bench: the same run without alert evaluation, to price it (docs/ALERTS.md).
      // BENCH_PORT: a fixed port for the server ((w)'s second instance takes the next one); else any free port.
      serverEnv = {
        NODE_ENV: "production",
        DATABASE_URL: db.url,
        HOST: "127.0.0.1",
        PORT: process.env.BENCH_PORT || "0",
        ONEPOOL_BOOTSTRAP_TOKEN: token,
        ONEPOOL_ALERTS: process.env.ONEPOOL_ALERTS ?? "true",
        // (g)'s channel receiver listens on loopback, which outbound pushes refuse unless allowed (docs/SECURITY.md).
        ONEPOOL_OUTBOUND_ALLOW_HOSTS: "127.0.0.1",
      };
      const env = parseEnv(serverEnv);
      let own: pg.Pool;
      if (args.workers > 1) {
        const cluster = await startClusterServer(serverEnv, args.workers, (m) => log(`[server] ${m}`));
        cleanups.push(() => cluster.stop());
        serverCpu = cluster.pids;
        url = cluster.url;
        own = new pg.Pool({ connectionString: db.url, max: 2 });
        cleanups.push(() => own.end());
        // The workers see the catalogue over the catalogue bus (NOTIFY), as after any PUT /api/catalog.
        await upsertCatalog(own, benchCatalog(args.skus));
      } else {
        const running = await startServer(env, { withNext: false, log: (m) => log(`[server] ${m}`) });
        cleanups.push(() => running.stop());
        services = running.services;
        own = running.services.pool;
        await upsertCatalog(own, benchCatalog(args.skus));
        await running.services.catalog.reload();
        url = `http://127.0.0.1:${running.port}`;
      }
      // BENCH_SCORECARD_ROLLUPS=off: the same run with the scorecard's rollup queue trigger off (so the
      // drain has nothing to fold), to price the rollups in one tree (docs/PERFORMANCE.md, issue 16).
      if (process.env.BENCH_SCORECARD_ROLLUPS === "off") {
        await own.query("ALTER TABLE event DISABLE TRIGGER event_scorecard_rollups");
        log("scorecard rollups: OFF (BENCH_SCORECARD_ROLLUPS=off; the event_scorecard_rollups trigger is disabled)");
      }
      // BENCH_SORT_KEYS=off: the same with the stock list's stored sort keys not kept (their triggers on
      // stock_level and sales_hourly disabled), to price them on the commit path (docs/PERFORMANCE.md).
      if (process.env.BENCH_SORT_KEYS === "off") {
        for (const t of ["stock_level", "sales_hourly"])
          for (const op of ["ins", "upd", "del"]) await own.query(`ALTER TABLE ${t} DISABLE TRIGGER sku_sort_key_${t === "stock_level" ? "levels" : "sales"}_${op}`);
        log("stock list sort keys: OFF (BENCH_SORT_KEYS=off; their stock_level and sales_hourly triggers are disabled)");
      }
    }

    const pool = databaseUrl ? new pg.Pool({ connectionString: databaseUrl, max: 2 }) : null;
    if (pool) cleanups.push(() => pool.end());
    const machine = await machineInfo(pool);
    const results: Results = { machine, database, args, backgroundCpu: background, failures: {} };

    const rulePhases = args.only.some((p) => BIG_CATALOGUE_PHASES.includes(p));
    const checkoutPhases = args.only.some((p) => CHECKOUT_PHASES.includes(p));
    const title = [
      args.only.some((p) => INGEST_PHASES.includes(p)) && "ingest",
      args.only.some((p) => p === "d" || p === "e") && "rule changes",
      args.only.includes("s") && "stock page",
      args.only.some((p) => p === "f1" || p === "f2") && "reservations",
      args.only.some((p) => p === "v" || p === "w") && "many viewers",
      args.only.includes("g") && "outbound lag",
      args.only.includes("r") && "reconciliation",
      args.only.includes("k") && "counts",
      args.only.includes("l") && "alert evaluation",
    ].filter(Boolean);
    console.log(`
Onepool benchmark (${title.join(", ")})
  machine   ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}
  node      ${machine.node}
  postgres  ${machine.postgres} — ${database}
            ${Object.entries(machine.postgresSettings)
              .map(([k, v]) => `${k}=${v}`)
              .join(", ")}
  server    ${args.url ? `${url} (already running)` : args.workers > 1 ? `${url}, \`server/main.ts --no-next\` with ONEPOOL_WORKERS=${args.workers} (a primary and ${args.workers} worker processes, each its default pools)` : `${url}, started in this process (custom server, withNext: false, default pool of 10)`}
  before    ${Math.round(background)}% of one core busy with other work in the second before the run${background > 20 ? "  ← WARNING: the machine is not idle; figures will be low and noisy" : ""}
  load      a child process (bench/load-worker.ts), keep-alive HTTP/1.1 connections, one request at a
            time each; it competes with the server and Postgres for the same cores
  workload  ${args.skus.toLocaleString("en-US")} SKUs × 3 locations; order.placed/shipped/cancelled, receipt,
            return.received, adjustment (with reason), damage; unique ids; ~40% of orders by listing${
              rulePhases
                ? `
  rules     (d)/(e)/(s): the catalogue grown to ${args.ruleSkus.toLocaleString("en-US")} SKUs with SQL (stock on 2 of 3 locations, sales
            on every 3rd SKU, tag ${PREVIEW_TAG} on ${args.previewSkus.toLocaleString("en-US")}), 3 channel defaults, a tag rule, 40 SKU
            overrides; saved with createRule/updateRule, stored by a Publisher in this process (pool of 10)`
                : ""
            }${
              checkoutPhases
                ? `
  checkout  (f)/(g): channels ${CHECKOUT_CHANNEL} and ${PUSH_CHANNEL} with no rules; SKUs BENCH-RES-HOT, ${args.resSkus.toLocaleString("en-US")} BENCH-RES-*,
            ${args.pushSkus.toLocaleString("en-US")} BENCH-PUSH-* (listed on ${PUSH_CHANNEL}); receipts at ${CHECKOUT_LOCATION} through POST /api/events
            (${RESTOCK.hot.toLocaleString("en-US")} / ${RESTOCK.spread.toLocaleString("en-US")} / ${RESTOCK.push.toLocaleString("en-US")} units); a second child process sends the load and receives the pushes`
                : ""
            }
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
        console.log(
          `    catalogue: ${w.skus.toLocaleString("en-US")} SKUs (${w.taggedSkus.toLocaleString("en-US")} tagged ${PREVIEW_TAG}), ${w.stockRows.toLocaleString("en-US")} stock rows and ${w.salesRows.toLocaleString("en-US")} sales rows added in ${fmtMs(w.seedMs)}; ${w.rules} rules created in ${fmtMs(w.rulesMs)}`,
        );
      }
      return { pool: rulePool, w: ruleWorkload };
    };
    const common = { url, token, skuCount: args.skus, warmupSeconds: args.warmup };

    let checkoutWorker: CheckoutWorker | null = null;
    let checkout: CheckoutWorkload | null = null;
    const checkoutSetup = async (): Promise<{ cw: CheckoutWorker; w: CheckoutWorkload }> => {
      if (!checkoutWorker) {
        const cw = new CheckoutWorker();
        cleanups.push(() => cw.close());
        checkoutWorker = cw;
      }
      if (!checkout) {
        checkout = await prepareCheckout({ url, token, services, pool }, args.resSkus, args.pushSkus, `co-${tag}`);
        console.log(
          `    checkout catalogue: ${(args.resSkus + args.pushSkus + 1).toLocaleString("en-US")} SKUs, 2 channels, ${args.pushSkus.toLocaleString("en-US")} listings in ${fmtMs(checkout.catalogMs)}; restocked in ${fmtMs(checkout.restockMs)}`,
        );
      }
      return { cw: checkoutWorker, w: checkout };
    };
    const ceilingLine = (c: ReservationCeiling) =>
      `${c.variant} (${c.roundTrips} round trips, ${c.connections} connections): ${rate(c.committed / c.windowSeconds)} (${c.committed} in ${c.windowSeconds} s${c.refused ? `, ${c.refused} refused` : ""}); transaction ${fmtDist(c.txLatency)}
             SKU lock held p50 ${ms(c.lockHeld.p50, 2)}, p95 ${ms(c.lockHeld.p95, 2)} → one SKU at most ${c.lockHeld.p50 ? rate(1000 / c.lockHeld.p50) : "n/a"}; ${perSecondLine(c.perSecond)}`;

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
          const r = await runRawCeiling({
            databaseUrl,
            connections: args.rawConnections,
            batchSize: args.rawBatch,
            skuCount: args.skus,
            prefix: `raw-${tag}`,
            warmupSeconds: args.warmup,
            seconds: args.seconds,
          });
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
          console.log(
            `(${phase}) POST /api/events, ${batchSize === 1 ? "single-event requests" : `${batchSize}-event requests`}, ${concurrency} in flight, ${args.warmup} s warm-up + ${args.seconds} s …`,
          );
          const cpu = cpuWindow(args.warmup, args.seconds, postgresPids, serverCpu);
          const r = await worker.run<ClosedResult>({ ...common, kind: "closed", prefix: `${phase}-${tag}`, seed: single ? 11 : 13, seconds: args.seconds, batchSize, concurrency });
          const res = { ...r, cpu: cpu() };
          results[phase] = res;
          console.log(`    ${rate(res.acceptedEvents / res.windowSeconds)}  (${res.acceptedEvents} accepted events in ${res.okRequests} fully accepted 202s in ${res.windowSeconds} s)
    errors: ${Object.keys(res.errors).length ? JSON.stringify(res.errors) : "none"}
    request latency ${fmtDist(res.latency)}
    ${perSecondLine(res.perSecond)}
    ${cpuLine(res.cpu, res.cpuPercent)}
`);
        } else if (phase === "v" || phase === "w") {
          const load = { url, token, skuCount: args.skus, rate: args.rate, warmupSeconds: args.warmup, seconds: args.lagSeconds };
          let cpuStop: (() => Cpu) | null = null;
          const onLoadStart = () => void (cpuStop = cpuWindow(args.warmup, args.lagSeconds, postgresPids, serverCpu));
          const stopCpu = (): Cpu => (cpuStop ? (cpuStop as () => Cpu)() : { machine: 0, server: null, postgres: null });
          if (phase === "v") {
            console.log(
              `(v) ${args.sockets.toLocaleString("en-US")} dashboard sockets on one instance, each subscribed to overview (viewer child processes, ≤ 500 sockets each), ${args.rate} single-event requests/s (open loop, no socket in the load generator), ${args.warmup} s warm-up + ${args.lagSeconds} s; first the same with 1 socket (the ceiling) …`,
            );
            const hub = services?.hub ?? null;
            let timing = hub ? timeBroadcasts(hub) : null;
            const one = await runViewerRound([{ label: "1 socket", url, sockets: 1 }], worker, { ...load, prefix: `v1-${tag}`, seed: 19 }, onLoadStart);
            const oneCpu = stopCpu();
            const oneCast = timing?.() ?? null;
            console.log(viewerLines(one, oneCpu, "ceiling, same run:"));
            if (pool) await settle(pool);
            timing = hub ? timeBroadcasts(hub) : null;
            const many = await runViewerRound(
              [{ label: `${args.sockets.toLocaleString("en-US")} sockets`, url, sockets: args.sockets }],
              worker,
              { ...load, prefix: `v-${tag}`, seed: 23 },
              onLoadStart,
            );
            const manyCpu = stopCpu();
            const manyCast = timing?.() ?? null;
            const g = many.groups[0];
            console.log(`${viewerLines(many, manyCpu, "")}   target p95 < ${TARGET_VIEWERS_P95_MS} ms and every socket got every change: ${viewersOk(many) ? "PASS" : "MISS"}`);
            const perSocketFrame = socketFrameCost(one, oneCpu, many, manyCpu);
            console.log(`    per-socket cost on the server: frames built ${rate(one.groups[0].distinctFrames / one.groups[0].spanSeconds)} with 1 socket, ${rate(g.distinctFrames / g.spanSeconds)} with ${g.sockets.toLocaleString("en-US")} (built once per room, not per socket); server CPU per extra socket-frame written ${perSocketFrame === null ? "n/a" : perSocketFrame <= 0 ? "lost in the noise (the N-socket round used no more server CPU)" : `${perSocketFrame.toFixed(1)} µs`} (constant across --sockets if linear)
    one row frame's delivery to the overview sockets inside the server (hub.emitRows: one broadcast to the sockets without a watch, a copy per watching socket), synchronous time: ${castLine(oneCast)}; ${castLine(manyCast)}${oneCast?.perFrame.p50 != null && manyCast?.perFrame.p50 != null && manyCast.sockets > oneCast.sockets ? `; p50 difference ÷ extra sockets ${(((manyCast.perFrame.p50 - oneCast.perFrame.p50) * 1000) / (manyCast.sockets - oneCast.sockets)).toFixed(1)} µs` : ""}
`);
            results.v = { one: { ...one, cpu: oneCpu, broadcast: oneCast }, many: { ...many, cpu: manyCpu, broadcast: manyCast }, perSocketFrameUs: perSocketFrame };
          } else {
            const envA = serverEnv;
            if (!envA) throw new Error("skipped: starts a second instance on the bench's own database (not with --url)");
            const half = Math.max(1, Math.floor(args.sockets / 2));
            console.log(
              `(w) two instances on one database: a second server in a child process (bench/second-instance.ts); ${half.toLocaleString("en-US")} sockets on each, ${args.rate} single-event requests/s posted to A only, ${args.warmup} s warm-up + ${args.lagSeconds} s …`,
            );
            const child = fork(path.join(__dirname, "second-instance.ts"), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"], env: process.env });
            const exited = new Promise<void>((r) => child.once("exit", () => r()));
            try {
              const portB = await new Promise<number>((resolve, reject) => {
                child.once("message", (m: { port: number }) => resolve(m.port));
                child.once("exit", (code) => reject(new Error(`the second instance exited (code ${code}) before it listened`)));
                child.send({ ...envA, PORT: !envA.PORT || envA.PORT === "0" ? "0" : String(Number(envA.PORT) + 1) });
              });
              // B's CPU over the same window as the server's (warm-up excluded).
              const cpuB = new GroupCpu(() => (child.pid && !child.killed ? [child.pid] : []));
              let bCpu: number | null = null;
              const timers: NodeJS.Timeout[] = [];
              const round = await runViewerRound(
                [
                  { label: "A (takes the POSTs)", url, sockets: half },
                  { label: "B (frames over the frame bus)", url: `http://127.0.0.1:${portB}`, sockets: args.sockets - half || 1 },
                ],
                worker,
                { ...load, prefix: `w-${tag}`, seed: 43 },
                () => {
                  onLoadStart();
                  timers.push(
                    setTimeout(() => cpuB.begin(), args.warmup * 1000),
                    setTimeout(() => (bCpu = cpuB.end()), (args.warmup + args.lagSeconds) * 1000),
                  );
                },
              );
              timers.forEach(clearTimeout);
              const cpu = stopCpu();
              console.log(`${viewerLines(round, cpu, "", "server A")}; server B (its process, inside "other processes") ${bCpu === null ? "?" : Math.round(bCpu)}   target p95 < ${TARGET_VIEWERS_P95_MS} ms on both: ${viewersOk(round) ? "PASS" : "MISS"}
`);
              results.w = { ...round, cpu, cpuB: bCpu };
            } finally {
              if (child.connected) child.disconnect();
              const kill = setTimeout(() => child.kill(), 10_000);
              await exited;
              clearTimeout(kill);
            }
          }
        } else if (phase === "d") {
          console.log(
            `(d) rule change at scale: bench-web's default bufferPercent changed ${args.ruleRepeats} times; each timed from updateRule until publisher.recomputeAll() has stored every number …`,
          );
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
    floor, same run: read the scope's ids and inputs (two statements) ${fmtMs(e.floorReadMs)}${
      e.wholeCatalogue
        ? `
    for scale: a preview of a change to the channel default (all ${e.wholeCatalogue.skus.toLocaleString("en-US")} SKUs) ${fmtMs(e.wholeCatalogue.ms)}, ${e.wholeCatalogue.changed.toLocaleString("en-US")} numbers would change`
        : ""
    }
    ${cpuLine(e.cpu, null, "bench process (preview)")}
`);
        } else if (phase === "s") {
          const { pool: rp } = await ruleSetup();
          const filled = await fillPublished(rp);
          console.log(
            `(s) stock page at scale: the first page (${"100"} rows, getSkuRows as app/page.tsx and GET /api/skus call it) per sort and for a search, ${args.stockRepeats} timed calls each after one warm-up${filled ? `; published numbers for ${filled.toLocaleString("en-US")} SKU × channel rows inserted first` : ""} …`,
          );
          const s = await runStockList(rp, args.stockRepeats, 3, log);
          results.s = s;
          const worst = Math.max(...s.firstPage.map((p) => p.medianMs));
          const misses = s.firstPage.filter((p) => p.medianMs >= TARGET_FIRST_PAGE_MS).map((p) => (p.q ? `"${p.q}" ${p.sort}` : p.sort));
          console.log(`    ${s.skus.toLocaleString("en-US")} SKUs: slowest first page median ${fmtMs(worst)}   target < ${TARGET_FIRST_PAGE_MS} ms: ${misses.length ? `MISS (${misses.join(", ")})` : "PASS"}
    raw ceiling, same run: SELECT … FROM sku LIMIT 100 ${ms(s.ceiling.bareLimitMs, 2)}; SELECT count(*) FROM sku ${ms(s.ceiling.countMs, 1)}; one page's rows by id (getSkuRowsByIds, 100 ids) ${ms(s.ceiling.rowsByIdsMs, 1)}
`);
        } else if (phase === "f1" || phase === "f2") {
          const contended = phase === "f1";
          const { cw, w } = await checkoutSetup();
          const skus = contended ? [w.hotSku] : w.spreadSkus;
          const target = contended ? TARGET_RES_CONTENDED : TARGET_RES_SPREAD;
          console.log(
            `(${phase}) POST /api/reservations ${contended ? `on ONE SKU (${w.hotSku})` : `spread over ${skus.length.toLocaleString("en-US")} SKUs (each request picks one at random)`}, quantity 1, ttl 3600 s, ${args.resConcurrency} in flight, ${args.warmup} s warm-up + ${args.resSeconds} s …`,
          );
          if (pool) await pool.query("VACUUM ANALYZE reservation").catch(() => {});
          const cpu = cpuWindow(args.warmup, args.resSeconds, postgresPids, serverCpu);
          const load = await cw.run({
            op: "reserve",
            url,
            token,
            skus,
            channel: CHECKOUT_CHANNEL,
            quantity: 1,
            ttlSeconds: 3600,
            concurrency: args.resConcurrency,
            warmupSeconds: args.warmup,
            seconds: args.resSeconds,
            prefix: `${phase}-${tag}`,
            seed: contended ? 29 : 31,
          });
          const res = { skus: skus.length, concurrency: args.resConcurrency, load, ceilings: [] as ReservationCeiling[], cpu: cpu() };
          results[phase] = res;
          const got = load.created / load.windowSeconds;
          console.log(`    ${rate(got)} holds  (${load.created} × 201 in ${load.windowSeconds} s${contended ? "" : `, on ${load.skusHeld.toLocaleString("en-US")} SKUs`}); 409 insufficient_quantity: ${load.conflicts}   target ≥ ${target}/s: ${got >= target ? "PASS" : "MISS"}
    errors: ${Object.keys(load.errors).length ? JSON.stringify(load.errors) : "none"}
    latency ${fmtDist(load.latency)}${
      contended
        ? `
    implied time per hold under the SKU lock: ${load.created ? ms((load.windowSeconds * 1000) / load.created, 2) : "n/a"} (holds of one SKU are serial)`
        : ""
    }
    ${perSecondLine(load.perSecond)}
    ${cpuLine(res.cpu, load.cpuPercent)}`);
          if (!databaseUrl) {
            console.log("    ceiling skipped: needs --database-url when measuring a running server\n");
          } else {
            console.log(
              `    raw ceiling, same run: plain pg transactions into scratch copies of the ledger, stock and reservation tables, ${args.resCeilingConnections} connections (the server's pool), ${args.warmup} s warm-up + ${args.resSeconds} s each …`,
            );
            res.ceilings = await runReservationCeilings({
              databaseUrl,
              skus,
              connections: args.resCeilingConnections,
              warmupSeconds: args.warmup,
              seconds: args.resSeconds,
              ttlSeconds: 3600,
              prefix: `${phase}c-${tag}`,
              seed: contended ? 37 : 41,
            });
            for (const c of res.ceilings) console.log(`      ${ceilingLine(c)}`);
            console.log("");
          }
        } else if (phase === "k") {
          // Its own server (pages' routes stand in for Next) and throwaway database: a child process,
          // so its figures are not skewed by what the earlier phases left in this one.
          console.log("(k) a count of 1,000 lines, open → lines → submit → approve over HTTP (bench/counts.ts) …");
          const code = await new Promise<number>((resolve) => {
            const child = spawn(process.execPath, ["--import", "tsx", "bench/counts.ts"], { stdio: "inherit", env: process.env });
            child.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0)));
          });
          if (code !== 0) throw new Error(`bench/counts.ts exited with ${code}`);
          console.log("");
        } else if (phase === "l") {
          // Servers and databases of its own (engine off, then on, alternately): a child process.
          const code = await new Promise<number>((resolve) => {
            const child = spawn(
              process.execPath,
              ["--import", "tsx", "bench/alerts-cpu.ts", ...process.argv.slice(2).filter((_, i, a) => a[i] !== "--only" && a[i - 1] !== "--only" && a[i] !== "--json" && a[i - 1] !== "--json")],
              {
                stdio: "inherit",
                // A saturated round logs a line per refused request; the round's summary counts them.
                env: { ...process.env, ONEPOOL_LOG_LEVEL: process.env.ONEPOOL_LOG_LEVEL ?? "fatal" },
              },
            );
            child.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0)));
          });
          if (code !== 0) throw new Error(`bench/alerts-cpu.ts exited with ${code}`);
        } else if (phase === "r") {
          if (!databaseUrl) throw new Error("skipped: needs --database-url when measuring a running server");
          console.log(
            `(r) reconciliation at scale: a year of counts over ${args.recRows.toLocaleString("en-US")} SKU × location rows, the matrix (GET /api/reconciliation's query) timed ${args.recRepeats} times …`,
          );
          const recPool = new pg.Pool({ connectionString: databaseUrl, max: 2, options: "-c timezone=UTC" });
          cleanups.push(() => recPool.end());
          const r = await runReconciliation(recPool, args.recRows, args.recRepeats, log);
          results.r = r;
          console.log(`    matrix, one year (${r.lines.toLocaleString("en-US")} lines): median ${ms(r.medianMatrixMs)}, max ${ms(Math.max(...r.matrixMs))}   target < ${TARGET_MATRIX_MS} ms: ${r.medianMatrixMs < TARGET_MATRIX_MS ? "PASS" : "MISS"}
    30-day tile (GET /api/reconciliation/summary): median ${ms(r.medianSummaryMs)}
    raw ceiling, same run: SELECT count(*) over the year's lines ${ms(r.medianCountAllMs)}; the matrix as a plain GROUP BY over them (no rollup) ${ms(r.medianGroupByMs)}`);
          const counts = await postCountBatches(
            url,
            token,
            Array.from({ length: Math.min(1000, args.skus) }, (_, i) => skuCode(i)),
            5,
            tag,
          );
          r.countPostMs = counts;
          console.log(`    ${Math.min(1000, args.skus)} cycle_counts in one POST /api/events (an approved count's lines reaching ledger, fold, counted lines and rollup): median ${ms(median(counts))}, max ${ms(Math.max(...counts))}
`);
        } else if (phase === "g") {
          const { cw, w } = await checkoutSetup();
          console.log(
            `(g) end-to-end lag POST → outbound push: ${args.pushRate} order.placed/s (open loop) over ${w.pushSkus.length.toLocaleString("en-US")} SKUs listed on ${PUSH_CHANNEL}, a Standard Webhooks receiver in the load generator, ${args.warmup} s warm-up + ${args.pushSeconds} s …`,
          );
          if (pool) await pool.query("VACUUM ANALYZE outbound_push, outbound_ack, published_quantity").catch(() => {});
          // The CPU window opens when the load starts, after the registration's pushes.
          const cpu: { stop: (() => Cpu) | null } = { stop: null };
          const g = await runOutboundLag(
            { url, token, services, pool },
            cw,
            w,
            {
              rate: args.pushRate,
              warmupSeconds: args.warmup,
              seconds: args.pushSeconds,
              drainSeconds: DRAIN_SECONDS,
              prefix: `g-${tag}`,
              onLoadStart: () => void (cpu.stop = cpuWindow(args.warmup, args.pushSeconds, postgresPids, serverCpu)),
            },
            log,
          );
          const l = g.load;
          const res = { ...g, cpu: cpu.stop ? cpu.stop() : { machine: 0, server: null, postgres: null } };
          results.g = res;
          const ok = l.eventLag.p95 !== null && l.eventLag.p95 < TARGET_E2E_P95_MS && l.unseen === 0 && l.unverified === 0;
          const sv = g.server;
          console.log(`    lag per event (first push reflecting it − its POST) ${fmtDist(l.eventLag)}   target p95 < ${TARGET_E2E_P95_MS} ms: ${ok ? "PASS" : "MISS"}
    the same events, from their 202 instead of the POST ${fmtDist(l.afterAnswer)}
    lag per push, from its earliest new event ${fmtDist(l.pushLagEarliest)}
    lag per push, from its latest event       ${fmtDist(l.pushLagLatest)}
    sent ${l.sent} at ${rate(l.achievedRate)} (max send slip ${ms(l.maxSlipMs)}, ${l.connections} connections), accepted ${l.accepted}, never reflected by a push ${l.unseen}
    errors: ${Object.keys(l.errors).length ? JSON.stringify(l.errors) : "none"}; pushes failing verification: ${l.unverified}${l.failures.length ? ` (${l.failures.join("; ")})` : ""}; deadlocks detected by Postgres: ${g.deadlocks ?? "n/a"}
    POST latency ${fmtDist(l.postLatency)}
    pushes ${l.pushes.toLocaleString("en-US")} from the first send to the end of the drain (${l.drainMs.toFixed(0)} ms after the last answer); ${l.windowPushes.toLocaleString("en-US")} carry window events, ${l.eventsPerPush.toFixed(2)} events each on average; ${l.pushesNoNewEvent} reflected no new event; ${l.inexact} not an exact prefix of the SKU's orders in commit order${l.noBaseline ? `; ${l.noBaseline} SKUs without a baseline push left out` : ""}
    server's figure (outbound_ack, from the occurredAt of the earliest change it counts as unacknowledged to the ack's commit): ${
      sv
        ? `since the load started: ${sv.since.acks.toLocaleString("en-US")} acks, p50 ${ms(sv.since.p50Ms)}, p95 ${ms(sv.since.p95Ms)}, p99 ${ms(sv.since.p99Ms)}${sv.last300s ? `; getEndToEndLag(pool, 300) (GET /api/metrics/lag; the registration's acks have no lag): ${sv.last300s.acks.toLocaleString("en-US")} acks, p50 ${ms(sv.last300s.p50Ms)}, p95 ${ms(sv.last300s.p95Ms)}` : ""}
             joined with our pushes on (SKU, sequence): ${sv.check.matched.toLocaleString("en-US")} matched, their lag_ms ${fmtDist(sv.check.serverLag)}
             the server's lag starts after the push's earliest new event on ${sv.check.startsLater.toLocaleString("en-US")} (by ${fmtDist(sv.check.startsLaterBy)}); its ack is recorded after the arrival by ${fmtDist(sv.check.endAfterArrival)}`
        : "n/a (no database connection)"
    }
    ceiling, same run: a signed POST from the server's process to the same receiver (fetch, as the dispatcher sends): one at a time ${fmtDist(g.roundTrip.sequential)}
             ${g.roundTrip.concurrent.inFlight} in flight: ${rate(g.roundTrip.concurrent.rate)} (${g.roundTrip.concurrent.posts} in ${fmtMs(g.roundTrip.concurrent.ms)}), latency ${fmtDist(g.roundTrip.concurrent.latency)}
             floor of the chain ≈ POST answered p50 ${ms(l.postLatency.p50)} + push round trip p50 ${ms(g.roundTrip.sequential.p50, 2)}${results.c ? `; (c) POST → dashboard frame in this run: p50 ${ms(results.c.lag.p50)}, p95 ${ms(results.c.lag.p95)}` : ""}
    ${cpuLine(res.cpu, l.cpuPercent)} (load generator includes the receiver)
`);
        } else {
          console.log(`(c) lag POST → overview frame: ${args.rate} single-event requests/s, open loop, ${args.warmup} s warm-up + ${args.lagSeconds} s …`);
          if (pool) {
            // GET /api/metrics/lag scans the last 5 minutes of the ledger on demand (the live header
            // uses the hub's in-memory window instead); show what that costs at this point.
            const n = (await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM event WHERE received_at > now() - interval '5 minutes'")).rows[0].n;
            const t0 = Date.now();
            await getIngestLag(pool, 300);
            console.log(
              `    ledger rows received in the last 5 min: ${n.toLocaleString("en-US")} (a steady ${args.rate}/s gives ${(args.rate * 300).toLocaleString("en-US")}); GET /api/metrics/lag's exact query over them took ${Date.now() - t0} ms (on demand only)`,
            );
          }
          const cpu = cpuWindow(args.warmup, args.lagSeconds, postgresPids, serverCpu);
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
    if (args.json)
      await writeFile(
        args.json,
        JSON.stringify(results, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2),
      );
    // A phase that could not run is a crash; a missed target is just a measurement.
    return Object.values(results.failures).some((m) => !m.startsWith("skipped")) ? 1 : 0;
  } finally {
    await cleanup();
  }
}

/** One round's figures: each group's delay over (socket, event) pairs, coverage, frames; the ingest; CPU. */
function viewerLines(r: ViewerRound, cpu: Cpu, prefix: string, serverLabel = "server"): string {
  const lines = r.groups.map((g) => {
    const pairs = g.delay.n + g.missing;
    return `    ${prefix ? `${prefix} ` : ""}${g.label}: POST → frame, every (socket, event) ${fmtDist(g.delay)}
      sockets that got every change ${g.complete.toLocaleString("en-US")} of ${g.sockets.toLocaleString("en-US")}${g.dropped ? `, ${g.dropped} closed by the server` : ""}; (socket, event) pairs never seen ${g.missing.toLocaleString("en-US")} of ${pairs.toLocaleString("en-US")}; opened and subscribed in ${fmtMs(g.openMs)}
      row frames ${g.distinctFrames.toLocaleString("en-US")} (${(g.distinctFrames / g.spanSeconds).toFixed(1)}/s, ${g.distinctFrames ? (g.frameRows / g.distinctFrames).toFixed(0) : 0} rows each), ${(g.socketFrames / g.sockets).toFixed(0)} received per socket, ${g.socketFrames ? (g.socketBytes / g.socketFrames / 1024).toFixed(0) : 0} KiB each, ${(g.socketBytes / g.spanSeconds / 2 ** 20).toFixed(1)} MiB/s to these sockets; viewer processes' CPU ${Math.round(g.viewerCpu)} % of one core`;
  });
  const i = r.ingest;
  return `${lines.join("\n")}
    ingest: sent ${i.sent} at ${rate(i.achievedRate)} (max send slip ${ms(i.maxSlipMs)}), accepted ${i.acceptedEvents}, errors ${Object.keys(i.errors).length ? JSON.stringify(i.errors) : "none"}; POST latency ${fmtDist(i.postLatency)}
    ${cpuLine(cpu, i.cpuPercent, serverLabel)} (load generator = the POSTs; viewers above)`;
}
const castLine = (b: BroadcastTiming | null) =>
  b
    ? `${b.sockets.toLocaleString("en-US")} socket${b.sockets === 1 ? "" : "s"}: ${b.frames} frames, p50 ${ms(b.perFrame.p50, 2)}, p95 ${ms(b.perFrame.p95, 2)} = ${b.perSocketUs === null ? "n/a" : `${b.perSocketUs.toFixed(1)} µs`} per socket`
    : "n/a (server not in this process)";
const viewersOk = (r: ViewerRound) => r.groups.every((g) => g.delay.p95 !== null && g.delay.p95 < TARGET_VIEWERS_P95_MS && g.missing === 0);

/** Server CPU per socket-frame written, from the difference between the 1-socket and the N-socket round. */
function socketFrameCost(one: ViewerRound, oneCpu: Cpu, many: ViewerRound, manyCpu: Cpu): number | null {
  if (oneCpu.server === null || manyCpu.server === null) return null;
  const perSecond = (r: ViewerRound) => r.groups[0].socketFrames / r.groups[0].spanSeconds;
  const extra = perSecond(many) - perSecond(one);
  return extra > 0 ? (((manyCpu.server - oneCpu.server) * 10) / extra) * 1000 : null;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
