import type { StockListResult } from "./stock-list";
import { TARGET_MATRIX_MS, type ReconciliationResult } from "./reconciliation";
import { median } from "./rules";
import os from "node:os";
import { INGEST_PHASES, type BenchArgs, type Phase } from "./args";
import type { ClosedResult, PacedResult } from "./load-protocol";
import { CpuWindow, type MachineInfo } from "./machine";
import { GroupCpu } from "./process-cpu";
import type { OutboundLagResult } from "./outbound-lag";
import type { BroadcastTiming, ViewerRound } from "./viewers";
import type { RawResult } from "./raw-ceiling";
import type { ReservationPhase } from "./reservations";
import type { PreviewResult, RuleChangeResult } from "./rules";
import { fmtMs, ms, rate } from "./stats";

// What a run found, how CPU was shared while it ran, and the closing summary table with the
// targets of docs/PERFORMANCE.md.

export const TARGET_RATIO_A1 = 0.3;
export const TARGET_LAG_P95_MS = 100;
/** (d) a channel-default change on 100,000 SKUs, saved until every number is stored (median of the repeats). */
export const TARGET_RULE_CHANGE_MS = 5000;
/** (e) the preview of a rule whose scope reaches 10,000 SKUs (median of the repeats). */
export const TARGET_PREVIEW_MS = 1000;
/**
 * (f1) holds/s on ONE SKU with 32 checkouts in flight. One SKU's holds are serial (its advisory lock),
 * so this is 1 / (time a hold keeps the SKU locked): 200/s leaves 5 ms per hold, i.e. a flash sale
 * on one product takes 12,000 checkouts a minute on one 2-core machine.
 */
export const TARGET_RES_CONTENDED = 200;
/** (f2) holds/s spread over 2,000 SKUs: holds of different SKUs run side by side, bound by CPU. */
export const TARGET_RES_SPREAD = 500;
/**
 * (g) p95 of POST → push received at 1,000 events/s: issue 18's target, the dashboard frame's own
 * (c) target. docs/NUMBERS.md's lag colours (under 1 min normal, 5 min the ceiling) are for a
 * channel's real round trip, not for one machine with nothing in the way.
 */
export const TARGET_E2E_P95_MS = 100;
/** (v)/(w) p95 of POST → frame over every (socket, event), 1,000 dashboard sockets at 1,000 events/s (issue 18). */
export const TARGET_VIEWERS_P95_MS = 250;

/** CPU in % of one core (the machine's total is cores × 100); null = could not be measured. */
export type Cpu = { machine: number; server: number | null; postgres: number | null };
export interface Results {
  machine: MachineInfo;
  database: string;
  args: BenchArgs;
  /** Busy CPU (% of one core) of everything else in the second before the run. */
  backgroundCpu: number;
  h?: ClosedResult & { cpu: Cpu };
  b?: RawResult & { cpu: Cpu };
  a1?: ClosedResult & { cpu: Cpu };
  a2?: ClosedResult & { cpu: Cpu };
  c?: PacedResult & { cpu: Cpu };
  d?: RuleChangeResult & { cpu: Cpu };
  e?: PreviewResult & { cpu: Cpu };
  f1?: ReservationPhase & { cpu: Cpu };
  f2?: ReservationPhase & { cpu: Cpu };
  g?: OutboundLagResult & { cpu: Cpu };
  v?: { one: ViewerRound & { cpu: Cpu; broadcast: BroadcastTiming | null }; many: ViewerRound & { cpu: Cpu; broadcast: BroadcastTiming | null }; perSocketFrameUs: number | null };
  /** `cpu.server` is instance A (the bench process); `cpuB` the second instance's process. */
  w?: ViewerRound & { cpu: Cpu; cpuB: number | null };
  r?: ReconciliationResult;
  s?: StockListResult;
  failures: Partial<Record<Phase, string>>;
}

/** CPU use between the end of the warm-up and the end of the measured window, sampled by timers. */
/**
 * `server`: true when the server runs in this process, false when it is not measured (--url), or the
 * pids of its processes (--workers).
 */
export function cpuWindow(warmupS: number, seconds: number, postgresPids: (() => number[]) | null, server: boolean | (() => number[]) = true): () => Cpu {
  const w = new CpuWindow();
  const pg = postgresPids ? new GroupCpu(postgresPids) : null;
  const serverGroup = typeof server === "function" ? new GroupCpu(server) : null;
  let started = false;
  let result: Cpu | null = null;
  const begin = () => {
    started = true;
    w.start();
    pg?.begin();
    serverGroup?.begin();
  };
  const end = (): Cpu => {
    const m = w.stop();
    return { machine: m.machine, server: serverGroup ? serverGroup.end() : server ? m.thisProcess : null, postgres: pg?.end() ?? null };
  };
  const t1 = setTimeout(begin, warmupS * 1000);
  const t2 = setTimeout(() => (result = end()), (warmupS + seconds) * 1000);
  return () => {
    clearTimeout(t1);
    clearTimeout(t2);
    if (!started) begin();
    return result ?? end();
  };
}

/** CPU use from now until the returned function is called (a phase without a fixed window). */
export function cpuSpan(postgresPids: (() => number[]) | null): () => Cpu {
  const w = new CpuWindow();
  const pg = postgresPids ? new GroupCpu(postgresPids) : null;
  w.start();
  pg?.begin();
  return () => {
    const m = w.stop();
    return { machine: m.machine, server: m.thisProcess, postgres: pg?.end() ?? null };
  };
}

/** "server 52, load generator 13, Postgres 85, other 48 (machine 198 of 200)": who used the cores. */
export function cpuLine(cpu: Cpu, loadgen: number | null, serverLabel = "server"): string {
  const n = (x: number | null) => (x === null ? "?" : String(Math.round(x)));
  const parts = [`${serverLabel} ${n(cpu.server)}`];
  if (loadgen !== null) parts.push(`load generator ${n(loadgen)}`);
  parts.push(`Postgres ${n(cpu.postgres)}`);
  if (cpu.postgres !== null && cpu.server !== null) parts.push(`other processes ${Math.max(0, Math.round(cpu.machine - cpu.server - (loadgen ?? 0) - cpu.postgres))}`);
  return `CPU, % of one core: ${parts.join(", ")} (machine ${Math.round(cpu.machine)} of ${os.cpus().length * 100})`;
}

export function printSummary(r: Results): void {
  const h = r.h ? r.h.acceptedEvents / r.h.windowSeconds : null;
  const b = r.b ? r.b.events / r.b.windowSeconds : null;
  const a1 = r.a1 ? r.a1.acceptedEvents / r.a1.windowSeconds : null;
  const a2 = r.a2 ? r.a2.acceptedEvents / r.a2.windowSeconds : null;
  const ratio = (x: number | null) => (x !== null && b ? x / b : null);
  const errs = (x?: { errors: Record<string, number> }) => (x ? String(Object.values(x.errors).reduce((s, n) => s + n, 0)) : "");
  const verdict = (ok: boolean | null) => (ok === null ? "n/a" : ok ? "PASS" : "MISS");
  const r1 = ratio(a1);
  const r2 = ratio(a2);
  const ingest = r.args.only.some((p) => INGEST_PHASES.includes(p));
  const rows: [string, string, string, string, string][] = [["figure", "value", "errors", "target", "result"]];
  if (ingest)
    rows.push(
      ["(h)  plain-HTTP floor (calibration)", rate(h), errs(r.h), "", ""],
      ["(a1) single-event requests", rate(a1), errs(r.a1), "", ""],
      ["(a2) 100-event batch requests", rate(a2), errs(r.a2), "", ""],
      ["(b)  raw Postgres ceiling", rate(b), "", "", ""],
      ["(a1)/(b)", r1 === null ? "n/a" : r1.toFixed(2), "", `≥ ${TARGET_RATIO_A1}`, verdict(r1 === null ? null : r1 >= TARGET_RATIO_A1)],
      ["(a2)/(b)", r2 === null ? "n/a" : r2.toFixed(2), "", "", ""],
      ["(a1)/(h)", a1 !== null && h ? (a1 / h).toFixed(2) : "n/a", "", "", ""],
      ["(c)  lag p50", ms(r.c?.lag.p50 ?? null), errs(r.c), "", ""],
      [
        "(c)  lag p95",
        ms(r.c?.lag.p95 ?? null),
        r.c ? `${r.c.unseen} unseen` : "",
        `< ${TARGET_LAG_P95_MS} ms`,
        verdict(r.c?.lag.p95 == null ? null : r.c.lag.p95 < TARGET_LAG_P95_MS && r.c.unseen === 0),
      ],
    );
  if (r.v || r.args.only.includes("v")) {
    const one = r.v?.one.groups[0];
    const many = r.v?.many.groups[0];
    const pair = (d?: { delay: { p50: number | null; p95: number | null } }) => (d ? `${ms(d.delay.p50)} / ${ms(d.delay.p95)}` : "n/a");
    rows.push(
      [
        `(v)  ${many ? many.sockets.toLocaleString("en-US") : r.args.sockets.toLocaleString("en-US")} sockets, POST → frame p50 / p95`,
        pair(many),
        many ? `${many.missing} unseen` : "",
        `p95 < ${TARGET_VIEWERS_P95_MS} ms`,
        verdict(many?.delay.p95 == null ? null : many.delay.p95 < TARGET_VIEWERS_P95_MS && many.missing === 0),
      ],
      ["(v)  sockets that got every change", many ? `${many.complete.toLocaleString("en-US")} of ${many.sockets.toLocaleString("en-US")}` : "n/a", "", "", ""],
      ["(v)  ceiling: 1 socket, p50 / p95", pair(one), one ? `${one.missing} unseen` : "", "", ""],
    );
  }
  if (r.w || r.args.only.includes("w")) {
    for (const [i, name] of ["A", "B"].entries()) {
      const g = r.w?.groups[i];
      rows.push([
        `(w)  instance ${name}${i === 0 ? " (POSTs)" : ""}, ${g ? g.sockets.toLocaleString("en-US") : "?"} sockets, p50 / p95`,
        g ? `${ms(g.delay.p50)} / ${ms(g.delay.p95)}` : "n/a",
        g ? `${g.missing} unseen` : "",
        `p95 < ${TARGET_VIEWERS_P95_MS} ms`,
        verdict(g?.delay.p95 == null ? null : g.delay.p95 < TARGET_VIEWERS_P95_MS && g.missing === 0),
      ]);
    }
  }
  if (r.d || r.args.only.includes("d")) {
    const d = r.d;
    rows.push(
      [
        `(d)  rule change → all stored, ${d ? d.skus.toLocaleString("en-US") : "?"} SKUs`,
        d ? `median ${fmtMs(d.medianMs)}, max ${fmtMs(d.maxMs)}` : "n/a",
        "",
        `< ${TARGET_RULE_CHANGE_MS / 1000} s`,
        verdict(d ? d.medianMs < TARGET_RULE_CHANGE_MS : null),
      ],
      ["(d)  floor: read inputs + stored", d ? fmtMs(d.floor.readInputsMs + d.floor.readStoredMs) : "n/a", "", "", ""],
      ["(d)  floor: one upsert of the changed rows", d ? `${fmtMs(d.floor.writeChangedMs)} (${d.floor.writeChangedRows.toLocaleString("en-US")} rows)` : "n/a", "", "", ""],
    );
  }
  if (r.e || r.args.only.includes("e")) {
    const e = r.e;
    rows.push(
      [
        `(e)  rule preview, ${e ? e.scopeSkus.toLocaleString("en-US") : "?"} SKUs in scope`,
        e ? `median ${fmtMs(e.medianMs)}, max ${fmtMs(e.maxMs)}` : "n/a",
        "",
        `< ${TARGET_PREVIEW_MS / 1000} s`,
        verdict(e ? e.medianMs < TARGET_PREVIEW_MS : null),
      ],
      ["(e)  floor: read the scope's inputs", e ? fmtMs(e.floorReadMs) : "n/a", "", "", ""],
    );
  }
  for (const phase of ["f1", "f2"] as const) {
    if (!r[phase] && !r.args.only.includes(phase)) continue;
    const f = r[phase];
    const target = phase === "f1" ? TARGET_RES_CONTENDED : TARGET_RES_SPREAD;
    const got = f ? f.load.created / f.load.windowSeconds : null;
    const label = phase === "f1" ? "(f1) reservations, 1 SKU" : `(f2) reservations, ${f ? f.skus.toLocaleString("en-US") : "?"} SKUs`;
    const errors = f ? `${f.load.conflicts} × 409${Object.keys(f.load.errors).length ? `, ${errs(f.load)} other` : ""}` : "";
    rows.push([`${label}, ${f?.concurrency ?? "?"} in flight`, rate(got), errors, `≥ ${target}/s`, verdict(got === null ? null : got >= target)]);
    rows.push([`(${phase}) latency p50 / p95 / p99`, f ? `${ms(f.load.latency.p50)} / ${ms(f.load.latency.p95)} / ${ms(f.load.latency.p99)}` : "n/a", "", "", ""]);
    for (const c of f?.ceilings ?? []) {
      rows.push([`(${phase}) ceiling: plain pg, ${c.variant}`, `${rate(c.committed / c.windowSeconds)}, lock held p50 ${ms(c.lockHeld.p50, 2)}`, "", "", ""]);
    }
  }
  if (r.g || r.args.only.includes("g")) {
    const g = r.g;
    const l = g?.load;
    const ok = l && l.eventLag.p95 !== null ? l.eventLag.p95 < TARGET_E2E_P95_MS && l.unseen === 0 && l.unverified === 0 : null;
    rows.push(
      [`(g)  e2e lag POST → push, p50 (per event)`, ms(l?.eventLag.p50 ?? null), l ? errs(l) : "", "", ""],
      [`(g)  e2e lag POST → push, p95 (per event)`, ms(l?.eventLag.p95 ?? null), l ? `${l.unseen} unseen` : "", `< ${TARGET_E2E_P95_MS} ms`, verdict(ok)],
      [
        "(g)  pushes / events in the window",
        l ? `${l.windowPushes.toLocaleString("en-US")} / ${l.accepted.toLocaleString("en-US")} (${l.eventsPerPush.toFixed(2)} events per push)` : "n/a",
        g?.deadlocks ? `${g.deadlocks} deadlocks` : "",
        "",
        "",
      ],
      ["(g)  per push, from its earliest event p50 / p95", l ? `${ms(l.pushLagEarliest.p50)} / ${ms(l.pushLagEarliest.p95)}` : "n/a", "", "", ""],
      ["(g)  server's lag_ms of the same pushes p50 / p95", g?.server ? `${ms(g.server.check.serverLag.p50)} / ${ms(g.server.check.serverLag.p95)}` : "n/a", "", "", ""],
      ["(g)  ceiling: signed POST round trip p50", g ? ms(g.roundTrip.sequential.p50, 2) : "n/a", "", "", ""],
    );
  }
  if (r.r || r.args.only.includes("r")) {
    const x = r.r;
    rows.push(
      [
        `(r)  reconciliation matrix, 1 year, ${x ? x.lines.toLocaleString("en-US") : "?"} lines`,
        x ? `median ${ms(x.medianMatrixMs)}` : "n/a",
        "",
        `< ${TARGET_MATRIX_MS} ms`,
        verdict(x ? x.medianMatrixMs < TARGET_MATRIX_MS : null),
      ],
      ["(r)  ceiling: count(*) / plain GROUP BY", x ? `${ms(x.medianCountAllMs)} / ${ms(x.medianGroupByMs)}` : "n/a", "", "", ""],
      ["(r)  1,000 counts in one POST", x?.countPostMs?.length ? `median ${ms(median(x.countPostMs))}` : "n/a", "", "", ""],
    );
  }
  const w = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  console.log("Summary");
  for (const [i, row] of rows.entries()) {
    console.log(
      `  ${row
        .map((cell, j) => cell.padEnd(w[j]))
        .join("  ")
        .trimEnd()}`,
    );
    if (i === 0) console.log(`  ${w.map((n) => "-".repeat(n)).join("  ")}`);
  }
  for (const [phase, msg] of Object.entries(r.failures)) console.log(`  (${phase}) ${msg}`);
}
