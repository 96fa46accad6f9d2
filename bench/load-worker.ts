import "../server/preload";
import { performance } from "node:perf_hooks";
import { io } from "socket.io-client";
import { ConnectionPool, type HttpReply } from "./http-client";
import type { ClosedCmd, ClosedResult, LoadCmd, PacedCmd, PacedResult, WorkerReply } from "./load-protocol";
import { ClosedWindow, paceWindow } from "./measure-window";
import { dist } from "./stats";
import { EventFactory, skuOfEvent } from "./workload";

// The load generator, run as a child process of bench/run.ts (see load-protocol.ts for why).
// It speaks HTTP/1.1 over keep-alive connections, one request at a time on each (http-client.ts).

type Outcome = { ok: true; seqs: string[] } | { ok: false; key: string };

/** A request counts only as a 202 whose every result is "accepted"; anything else is an error, by kind. */
function judge(r: HttpReply, expected: number): Outcome {
  let body: { results?: { status: string; seq?: string; error?: { code?: string } }[]; error?: { code?: string } };
  try {
    body = JSON.parse(r.text);
  } catch {
    return { ok: false, key: `${r.status} non-JSON body` };
  }
  if (r.status !== 202) return { ok: false, key: `${r.status} ${body.error?.code ?? "?"}` };
  const results = body.results ?? [];
  if (results.length !== expected) return { ok: false, key: `202 with ${results.length}/${expected} results` };
  const bad = results.find((x) => x.status !== "accepted");
  if (bad) return { ok: false, key: `202 ${bad.status}${bad.error?.code ? ` ${bad.error.code}` : ""}` };
  return { ok: true, seqs: results.map((x) => x.seq ?? "0") };
}

const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);

async function closedLoop(cmd: ClosedCmd): Promise<ClosedResult> {
  const pool = new ConnectionPool(cmd.url, cmd.token);
  const factory = new EventFactory(cmd.prefix, cmd.skuCount, cmd.seed);
  const w = new ClosedWindow(cmd.warmupSeconds, cmd.seconds);
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let acceptedEvents = 0;
  let okRequests = 0;

  const user = async () => {
    while (w.open) {
      const events = factory.batch(cmd.batchSize);
      const body = JSON.stringify(cmd.batchSize === 1 ? events[0] : events);
      const t0 = performance.now();
      let outcome: Outcome;
      try {
        outcome = judge(await pool.post(body), events.length);
      } catch (err) {
        outcome = { ok: false, key: `network ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
      }
      const t1 = performance.now();
      if (!w.counts(t1)) continue;
      if (outcome.ok) {
        okRequests++;
        acceptedEvents += events.length;
        latencies.push(t1 - t0);
        w.perSecond[w.second(t1)] += events.length;
      } else {
        bump(errors, outcome.key);
        if (outcome.key.startsWith("network")) await new Promise((r) => setTimeout(r, 50));
      }
    }
    w.userDone();
  };
  await Promise.all(Array.from({ length: cmd.concurrency }, user));
  pool.close();
  return {
    kind: "closed",
    windowSeconds: cmd.seconds,
    acceptedEvents,
    okRequests,
    errors,
    latency: dist(latencies),
    perSecond: w.perSecond,
    cpuPercent: w.cpuPercent,
  };
}

/**
 * Open loop at a fixed rate (sends do not wait for answers, so a slow server cannot slow the
 * offered load), with one dashboard client subscribed to `overview`. Lag of an accepted event =
 * arrival of the first frame whose row for its SKU has lastSeq ≥ the event's seq − its send time.
 * Both times come from this process's clock.
 */
async function paced(cmd: PacedCmd): Promise<PacedResult> {
  const pool = new ConnectionPool(cmd.url, cmd.token);
  const factory = new EventFactory(cmd.prefix, cmd.skuCount, cmd.seed);

  // Frames per SKU code: [lastSeq, receive time]. Matching is done after the run, so a frame
  // that overtakes its POST response is still counted.
  const frames = new Map<string, { seq: bigint; t: number }[]>();
  let frameCount = 0;
  let frameRows = 0;
  const socket = cmd.socket === false ? null : io(cmd.url, { transports: ["websocket"], reconnection: false, auth: { token: cmd.token } });
  socket?.on("frame", (f: { data?: { rows?: { code: string; lastSeq: string }[] } }) => {
    const t = performance.now();
    const rows = f.data?.rows;
    if (!rows) return;
    frameCount++;
    frameRows += rows.length;
    for (const row of rows) {
      let list = frames.get(row.code);
      if (!list) frames.set(row.code, (list = []));
      list.push({ seq: BigInt(row.lastSeq), t });
    }
  });
  if (socket)
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("socket subscribe timed out")), 10_000);
      socket.once("connect_error", (e) => reject(new Error(`socket connect failed: ${e.message}`)));
      socket.emit("subscribe", { room: "overview" }, (ack: { ok?: boolean; error?: string }) => {
        clearTimeout(timer);
        if (ack?.ok) resolve();
        else reject(new Error(`subscribe refused: ${ack?.error ?? "no ack"}`));
      });
    });

  const samples: { sku: string; seq: bigint; sentAt: number }[] = [];
  const postLatency: number[] = [];
  const errors: Record<string, number> = {};
  const inflight: Promise<void>[] = [];
  let acceptedEvents = 0;

  const win = await paceWindow(cmd, (_i, sentAt, measured) => {
    const e = factory.next();
    const body = JSON.stringify(e);
    inflight.push(
      pool.post(body).then(
        (r) => {
          const outcome = judge(r, 1);
          if (!measured) return;
          if (!outcome.ok) return void bump(errors, outcome.key);
          acceptedEvents++;
          postLatency.push(performance.now() - sentAt);
          samples.push({ sku: skuOfEvent(e), seq: BigInt(outcome.seqs[0]), sentAt });
        },
        (err) => void (measured && bump(errors, `network ${(err as NodeJS.ErrnoException).code ?? String(err)}`)),
      ),
    );
  });
  await Promise.all(inflight);
  await new Promise((r) => setTimeout(r, cmd.drainSeconds * 1000));
  socket?.close();
  pool.close();

  const lags: number[] = [];
  let unseen = 0;
  for (const s of samples) {
    const hit = frames.get(s.sku)?.find((f) => f.seq >= s.seq && f.t >= s.sentAt);
    if (hit) lags.push(hit.t - s.sentAt);
    else unseen++;
  }
  return {
    kind: "paced",
    windowSeconds: win.windowSeconds,
    sent: win.sent,
    acceptedEvents,
    errors,
    postLatency: dist(postLatency),
    lag: dist(lags),
    unseen: socket ? unseen : 0,
    frames: frameCount,
    frameRows,
    maxSlipMs: win.maxSlipMs,
    connections: pool.size,
    achievedRate: win.achievedRate,
    cpuPercent: win.cpuPercent,
    ...(cmd.keepSamples && { samples: samples.map((x): [string, string, number] => [x.sku, x.seq.toString(), performance.timeOrigin + x.sentAt]) }),
  };
}

process.on("message", (cmd: LoadCmd) => {
  const work = cmd.kind === "closed" ? closedLoop(cmd) : paced(cmd);
  work.then(
    (result) => process.send!({ ok: true, result } satisfies WorkerReply),
    (err) => process.send!({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies WorkerReply),
  );
});
process.on("disconnect", () => process.exit(0));
