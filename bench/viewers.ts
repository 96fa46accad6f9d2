import { performance } from "node:perf_hooks";
import type { RealtimeHub } from "@/server/realtime/hub";
import type { LoadWorker, PacedResult } from "./load-protocol";
import { histDist, ViewerChild, type MeasureResult, type OpenResult, type Sample } from "./viewer-protocol";
import { dist, pct, type Dist } from "./stats";

// (v) and (w): many dashboard sockets receiving the paced ingest's frames (docs/PERFORMANCE.md,
// "Many viewers"). One round = viewer groups (sockets on one server each, in child processes) +
// the paced open-loop ingest from the load generator (no socket of its own) + the match of every
// accepted event against every socket's frames.

/** Sockets per viewer process: 1,000 sockets are two processes, so they may use both cores as browsers on other machines would. */
const SOCKETS_PER_PROCESS = 500;

export interface ViewerGroup {
  label: string;
  url: string;
  sockets: number;
}
/** A group's counts are its viewer processes' measures summed (their meanings: viewer-protocol.ts). */
export type GroupResult = Pick<MeasureResult, "sockets" | "missing" | "complete" | "dropped" | "distinctFrames" | "frameRows" | "socketFrames" | "socketBytes" | "spanSeconds"> & {
  label: string;
  openMs: number;
  /** Over every (socket, accepted event of the window): POST sent → frame carrying it arrived. */
  delay: Dist;
  /** Viewer processes' CPU over the round (% of one core, summed). */
  viewerCpu: number;
};
export type IngestSummary = Omit<PacedResult, "samples" | "lag" | "unseen" | "frames" | "frameRows">;
export interface ViewerRound {
  groups: GroupResult[];
  ingest: IngestSummary;
}

export async function runViewerRound(
  groups: ViewerGroup[],
  ingest: LoadWorker,
  load: { url: string; token: string; skuCount: number; rate: number; warmupSeconds: number; seconds: number; prefix: string; seed: number },
  onLoadStart: () => void,
): Promise<ViewerRound> {
  const children: { group: number; child: ViewerChild; sockets: number }[] = [];
  try {
    for (const [g, group] of groups.entries()) {
      for (let left = group.sockets; left > 0; left -= SOCKETS_PER_PROCESS) {
        children.push({ group: g, child: new ViewerChild(), sockets: Math.min(SOCKETS_PER_PROCESS, left) });
      }
    }
    const opened = await Promise.all(children.map((c) => c.child.run<OpenResult>({ op: "open", url: groups[c.group].url, token: load.token, sockets: c.sockets })));
    onLoadStart();
    const r = await ingest.run<PacedResult>({ ...load, kind: "paced", drainSeconds: 2, socket: false, keepSamples: true });
    const { samples = [], lag: _lag, unseen: _unseen, frames: _frames, frameRows: _rows, ...summary } = r;
    const measured = await Promise.all(children.map((c) => c.child.run<MeasureResult>({ op: "measure", samples: samples as Sample[] })));
    return {
      ingest: summary,
      groups: groups.map((group, g) => {
        const mine = children.map((c, i) => ({ c, open: opened[i], m: measured[i] })).filter((x) => x.c.group === g);
        const sum = (f: (m: MeasureResult) => number) => mine.reduce((s, x) => s + f(x.m), 0);
        return {
          label: group.label,
          sockets: sum((m) => m.sockets),
          openMs: Math.max(...mine.map((x) => x.open.ms)),
          delay: histDist(mine.map((x) => x.m)),
          missing: sum((m) => m.missing),
          complete: sum((m) => m.complete),
          dropped: sum((m) => m.dropped),
          distinctFrames: Math.max(...mine.map((x) => x.m.distinctFrames)),
          frameRows: Math.max(...mine.map((x) => x.m.frameRows)),
          socketFrames: sum((m) => m.socketFrames),
          socketBytes: sum((m) => m.socketBytes),
          viewerCpu: sum((m) => m.cpuPercent),
          spanSeconds: Math.max(...mine.map((x) => x.m.spanSeconds)),
        };
      }),
    };
  } finally {
    await Promise.all(children.map((c) => c.child.close()));
  }
}

export interface BroadcastTiming {
  /** Row frames broadcast to `overview` while timed, and the room's size at each (median). */
  frames: number;
  sockets: number;
  /** Synchronous time of one broadcast in the server: encode once, hand the same WebSocket frame to every socket. */
  perFrame: Dist;
  /** That time ÷ the room's size, median over the frames: flat as sockets grow = linear cost. */
  perSocketUs: number | null;
}

/**
 * Times, inside the server's process, each delivery of a row frame to this instance's `overview`
 * sockets: how its cost grows with the room. Process CPU shares say little on a busy machine (the
 * scheduler hands the server its share whatever it needs); this is the work itself. The hub's
 * `emitRows` is timed (one broadcast to the sockets without a `watch`, a copy per watching socket);
 * a hub without it broadcasts to the room, timed at the adapter.
 */
export function timeBroadcasts(hub: RealtimeHub): () => BroadcastTiming {
  const perFrame: number[] = [];
  const perSocket: number[] = [];
  const sizes: number[] = [];
  const overview = () => hub.io.sockets.adapter.rooms.get("overview")?.size ?? 0;
  const timed = <A extends unknown[], R>(fn: (...a: A) => R, isRows: (...a: A) => boolean) =>
    function (this: unknown, ...a: A): R {
      if (!isRows(...a)) return fn.apply(this, a);
      const n = overview();
      const t0 = performance.now();
      const r = fn.apply(this, a);
      const took = performance.now() - t0;
      perFrame.push(took);
      sizes.push(n);
      if (n > 0) perSocket.push((took * 1000) / n);
      return r;
    };
  const h = hub as any;
  let restore: () => void;
  if (typeof h.emitRows === "function") {
    const original = h.emitRows;
    h.emitRows = timed(original, (f: { room?: string }) => f?.room === "overview");
    restore = () => void (h.emitRows = original);
  } else {
    const adapter = hub.io.of("/").adapter as any;
    const original = adapter.broadcast;
    adapter.broadcast = timed(original, (packet: { data?: unknown[] }) => {
      const frame = packet.data?.[0] === "frame" ? (packet.data[1] as { room?: string; data?: { rows?: unknown } }) : null;
      return frame?.room === "overview" && !!frame.data?.rows;
    });
    restore = () => void (adapter.broadcast = original);
  }
  return () => {
    restore();
    return { frames: perFrame.length, sockets: pct(sizes, 50) ?? 0, perFrame: dist(perFrame), perSocketUs: pct(perSocket, 50) };
  };
}
