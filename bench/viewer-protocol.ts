// Messages between bench/viewers.ts and a viewer child (bench/viewer-worker.ts), the parent's handle
// on that child, and the delay histogram both sides share. Viewers run in child processes, like the
// load generator (load-protocol.ts): a thousand dashboard sockets' CPU must show up as another
// process competing for the cores, never as the server's.
import type { Dist } from "./stats";
import { WorkerChild } from "./worker-child";

/** One accepted event of the paced ingest: [SKU code, ledger seq, POST sent at (epoch ms, sub-ms)]. */
export type Sample = [sku: string, seq: string, sentAt: number];

export type ViewerCmd = { op: "open"; url: string; token: string; sockets: number } | { op: "measure"; samples: Sample[] } | { op: "close" };

export interface OpenResult {
  op: "open";
  opened: number;
  ms: number;
}
export interface MeasureResult {
  op: "measure";
  sockets: number;
  /** Sparse delay histogram: [bucket, count], bucket = floor(delay / BUCKET_MS). */
  hist: [number, number][];
  max: number | null;
  /** (socket, event) pairs with no frame carrying the event on that socket. */
  missing: number;
  /** Sockets that received every accepted event's change. */
  complete: number;
  /** Sockets that were closed by the other end before the measure. */
  dropped: number;
  /** Row frames (distinct seq) this process saw, and the sum over its sockets of those each received. */
  distinctFrames: number;
  /** Rows over those distinct frames. */
  frameRows: number;
  socketFrames: number;
  /** Bytes of row frames received, summed over sockets. */
  socketBytes: number;
  /** This process's CPU from open to measure (% of one core) and that span's length. */
  cpuPercent: number;
  spanSeconds: number;
}
export type ViewerResult = OpenResult | MeasureResult | { op: "close" };
export type ViewerReply = { ok: true; result: ViewerResult } | { ok: false; error: string };

/** 0.1 ms resolution up to 120 s; longer delays land in the last bucket (the max stays exact). */
export const BUCKET_MS = 0.1;
export const BUCKETS = 1_200_000;

/** Percentiles of merged histograms (nearest rank, bucket's lower edge, like stats.pct on raw samples). */
export function histDist(parts: { hist: [number, number][]; max: number | null }[]): Dist {
  const counts = new Map<number, number>();
  let n = 0;
  let max: number | null = null;
  for (const p of parts) {
    for (const [b, c] of p.hist) counts.set(b, (counts.get(b) ?? 0) + c), (n += c);
    if (p.max !== null) max = max === null ? p.max : Math.max(max, p.max);
  }
  const sorted = [...counts.entries()].sort((a, b) => a[0] - b[0]);
  const at = (q: number): number | null => {
    if (n === 0) return null;
    const rank = Math.min(n, Math.max(1, Math.ceil((q / 100) * n)));
    let seen = 0;
    for (const [b, c] of sorted) if ((seen += c) >= rank) return b * BUCKET_MS;
    return max;
  };
  return { n, p50: at(50), p95: at(95), p99: at(99), max };
}

export class ViewerChild extends WorkerChild<ViewerCmd, ViewerResult> {
  constructor() {
    super("viewer-worker.ts", "viewer process", (cmd) => cmd.op);
  }
}
