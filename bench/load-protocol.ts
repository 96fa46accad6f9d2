// Messages between bench/run.ts and the load-generator child (bench/load-worker.ts), and the
// parent's handle on that child. The load generator runs in its own process so its CPU use shows
// up as a separate process competing for the same 2 cores, as a webhook sender on the same box would.
import type { Dist } from "./stats";
import { WorkerChild } from "./worker-child";

interface Common {
  url: string;
  token: string;
  skuCount: number;
  /** Event id prefix: unique per phase and run. */
  prefix: string;
  seed: number;
  warmupSeconds: number;
  seconds: number;
}

/** Closed loop: `concurrency` requests always in flight, each of `batchSize` events. */
export interface ClosedCmd extends Common {
  kind: "closed";
  batchSize: number;
  concurrency: number;
}
/**
 * Open loop: single-event requests sent on a fixed schedule, with a dashboard socket listening
 * (`socket: false`: none, the viewers are elsewhere). `keepSamples`: return every accepted event of
 * the window (SKU, seq, send time on the wall clock) for viewers in other processes to match.
 */
export interface PacedCmd extends Common {
  kind: "paced";
  rate: number;
  drainSeconds: number;
  socket?: boolean;
  keepSamples?: boolean;
}
export type LoadCmd = ClosedCmd | PacedCmd;

export interface ClosedResult {
  kind: "closed";
  windowSeconds: number;
  /** Events in 202 responses whose results were all "accepted", completed inside the window. */
  acceptedEvents: number;
  okRequests: number;
  errors: Record<string, number>;
  latency: Dist;
  perSecond: number[];
  /** This process's CPU (user + system) over the window, as % of one core. */
  cpuPercent: number;
}

export interface PacedResult {
  kind: "paced";
  windowSeconds: number;
  sent: number;
  acceptedEvents: number;
  errors: Record<string, number>;
  postLatency: Dist;
  lag: Dist;
  /** Accepted events of the window never seen in a frame before the drain ended. */
  unseen: number;
  frames: number;
  frameRows: number;
  /** Worst lateness of a send against its schedule (generator slip). */
  maxSlipMs: number;
  /** Connections the open loop needed (one per request in flight at the peak). */
  connections: number;
  achievedRate: number;
  cpuPercent: number;
  /** With `keepSamples`: [SKU code, seq, POST sent at in epoch ms (sub-ms)] of each accepted event of the window. */
  samples?: [string, string, number][];
}

export type LoadResult = ClosedResult | PacedResult;
export type WorkerReply = { ok: true; result: LoadResult } | { ok: false; error: string };

export class LoadWorker extends WorkerChild<LoadCmd, LoadResult> {
  constructor() {
    super("load-worker.ts", "load generator", (cmd) => cmd.kind);
  }
}
