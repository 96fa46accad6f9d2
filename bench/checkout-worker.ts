import { performance } from "node:perf_hooks";
import type { CheckoutReply, CheckoutRequest, PushLoadCmd, PushLoadResult, ReceiverStatus, ReserveCmd, ReserveResult } from "./checkout-protocol";
import { ConnectionPool, KeepAliveConnection, type HttpReply } from "./http-client";
import { PushReceiver } from "./push-receiver";
import { ClosedWindow, paceWindow } from "./measure-window";
import { dist } from "./stats";
import { rng } from "./workload";

// The load generator of phases (f) and (g), run as a child of bench/run.ts (checkout-protocol.ts
// says why). Same raw keep-alive HTTP/1.1 client as (a)–(c): one request at a time per connection.

const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

function errorKey(r: HttpReply): string {
  try {
    const body = JSON.parse(r.text) as { error?: { code?: string } };
    return `${r.status} ${body.error?.code ?? "?"}`;
  } catch {
    return `${r.status} non-JSON body`;
  }
}

const networkKey = (err: unknown) => `network ${(err as NodeJS.ErrnoException).code ?? String(err)}`;

/** (f) Closed loop of checkouts: each user sends its next hold when the previous is answered. */
async function reserve(cmd: ReserveCmd): Promise<ReserveResult> {
  const target = new URL("/api/reservations", cmd.url);
  const rand = rng(cmd.seed);
  const w = new ClosedWindow(cmd.warmupSeconds, cmd.seconds);
  const latencies: number[] = [];
  const conflictLatencies: number[] = [];
  const errors: Record<string, number> = {};
  const held = new Set<string>();
  const connections: KeepAliveConnection[] = [];
  let created = 0;
  let conflicts = 0;
  let n = 0;

  const user = async () => {
    const c = new KeepAliveConnection(target.hostname, Number(target.port || 80), target.pathname, cmd.token);
    connections.push(c);
    while (w.open) {
      const sku = cmd.skus.length === 1 ? cmd.skus[0] : cmd.skus[Math.floor(rand() * cmd.skus.length)];
      const body = JSON.stringify({ sku, channel: cmd.channel, quantity: cmd.quantity, ttlSeconds: cmd.ttlSeconds, idempotencyKey: `${cmd.prefix}-${n++}` });
      const t0 = performance.now();
      let outcome: "created" | "conflict" | string;
      try {
        const r = await c.post(body);
        if (r.status === 201) {
          // A 201 counts only with the hold it promises: an id and an active status.
          const v = JSON.parse(r.text) as { id?: unknown; status?: unknown };
          outcome = typeof v.id === "string" && v.status === "active" ? "created" : `201 without an active hold`;
        } else if (r.status === 409 && errorKey(r) === "409 insufficient_quantity") {
          outcome = "conflict";
        } else {
          outcome = errorKey(r);
        }
      } catch (err) {
        outcome = networkKey(err);
      }
      const t1 = performance.now();
      if (!w.counts(t1)) continue;
      if (outcome === "created") {
        created++;
        held.add(sku);
        latencies.push(t1 - t0);
        w.perSecond[w.second(t1)]++;
      } else if (outcome === "conflict") {
        conflicts++;
        conflictLatencies.push(t1 - t0);
      } else {
        bump(errors, outcome);
        if (outcome.startsWith("network")) await sleep(50);
      }
    }
    w.userDone();
  };
  await Promise.all(Array.from({ length: cmd.concurrency }, user));
  for (const c of connections) c.close();
  return {
    windowSeconds: cmd.seconds,
    created,
    conflicts,
    errors,
    latency: dist(latencies),
    conflictLatency: dist(conflictLatencies),
    perSecond: w.perSecond,
    skusHeld: held.size,
    cpuPercent: w.cpuPercent,
  };
}

interface SentEvent {
  sku: number;
  quantity: number;
  sentAt: number;
  measured: boolean;
  accepted: boolean;
  /** Ledger sequence from the 202: commit order (the group commit writes one batch at a time). */
  seq: number;
  /** When the 202 arrived (the event was committed by then). */
  answeredAt: number;
}

/**
 * (g) Orders at a fixed rate (open loop) while the receiver records every push. A push's quantity
 * says which of its SKU's events it reflects: every accepted event lowers the number by its
 * quantity, so (baseline − pushed) is the sum of a prefix of the SKU's events in commit order
 * (ledger seq; a publisher pass reads the stock as of some commit). Send order is not enough:
 * under load two orders of one SKU can commit the other way round.
 */
async function pushLoad(cmd: PushLoadCmd, receiver: PushReceiver): Promise<PushLoadResult> {
  const rand = rng(cmd.seed);
  const base = cmd.skus.map((s) => receiver.latest(s)?.quantity ?? null);
  const pool = new ConnectionPool(cmd.url, cmd.token);
  const events: SentEvent[] = [];
  const postLatency: number[] = [];
  const errors: Record<string, number> = {};
  const inflight: Promise<void>[] = [];
  let accepted = 0;
  const loadStart = performance.now();

  const win = await paceWindow(cmd, (i, sentAt, measured) => {
    const sku = Math.floor(rand() * cmd.skus.length);
    const quantity = 1 + Math.floor(rand() * 3);
    // occurredAt = the send time on the same clock, so the server's lag (from occurredAt) and ours start together.
    const body = JSON.stringify({
      id: `${cmd.prefix}-${i}`,
      source: "bench-push-orders",
      type: "order.placed",
      sku: cmd.skus[sku],
      location: cmd.location,
      channel: cmd.channel,
      quantity,
      occurredAt: new Date(performance.timeOrigin + sentAt).toISOString(),
      orderId: `O-${cmd.prefix}-${i}`,
    });
    const e: SentEvent = { sku, quantity, sentAt, measured, accepted: false, seq: 0, answeredAt: 0 };
    events.push(e);
    inflight.push(
      pool.post(body).then(
        (r) => {
          let ok = false;
          if (r.status === 202) {
            try {
              const res = (JSON.parse(r.text) as { results?: { status?: string; seq?: string }[] }).results;
              ok = res?.length === 1 && res[0].status === "accepted" && typeof res[0].seq === "string";
              if (ok) e.seq = Number(res![0].seq);
            } catch {
              ok = false;
            }
          }
          e.accepted = ok;
          e.answeredAt = performance.now();
          if (!measured) return;
          if (!ok) return void bump(errors, r.status === 202 ? "202 not accepted" : errorKey(r));
          accepted++;
          postLatency.push(performance.now() - sentAt);
        },
        (err) => void (measured && bump(errors, networkKey(err))),
      ),
    );
  });
  await Promise.all(inflight);
  pool.close();

  // Per SKU, its accepted events in send order and the drop each prefix makes.
  const bySku: SentEvent[][] = cmd.skus.map(() => []);
  for (const e of events) if (e.accepted) bySku[e.sku].push(e);
  for (const list of bySku) list.sort((a, b) => a.seq - b.seq);
  const expected = bySku.map((list, k) => (base[k] === null ? null : base[k]! - list.reduce((s, e) => s + e.quantity, 0)));

  // Drain: until every SKU's newest push carries the number all its accepted events make.
  const drainStart = performance.now();
  const deadline = drainStart + cmd.drainSeconds * 1000;
  const settled = () => cmd.skus.every((s, k) => expected[k] === null || receiver.latest(s)?.quantity === expected[k]);
  while (!settled() && performance.now() < deadline) await sleep(50);
  const drainMs = performance.now() - drainStart;

  const eventLags: number[] = [];
  const afterAnswer: number[] = [];
  const earliest: number[] = [];
  const latest: number[] = [];
  let pushes = 0;
  let noNew = 0;
  let windowPushes = 0;
  let windowEvents = 0;
  let inexact = 0;
  let unseen = 0;
  let noBaseline = 0;
  const details: NonNullable<PushLoadResult["pushDetails"]> = [];
  const epoch = (t: number) => performance.timeOrigin + t;
  for (let k = 0; k < cmd.skus.length; k++) {
    const list = bySku[k];
    const received = (receiver.pushes.get(cmd.skus[k]) ?? []).filter((p) => p.t >= loadStart).sort((a, b) => a.sequence - b.sequence);
    if (base[k] === null) {
      noBaseline++;
      continue;
    }
    const prefix = [0];
    for (const e of list) prefix.push(prefix[prefix.length - 1] + e.quantity);
    let done = 0; // events reflected so far
    for (const p of received) {
      pushes++;
      const drop = base[k]! - p.quantity;
      // Largest prefix (in commit order) that fits in the drop: exact unless the number moved otherwise.
      let reflected = done;
      while (reflected < list.length && prefix[reflected + 1] <= drop) reflected++;
      if (prefix[reflected] !== drop) inexact++;
      if (reflected <= done) {
        noNew++;
        continue;
      }
      let first = list[done];
      let last = list[done];
      for (let i = done; i < reflected; i++) {
        const e = list[i];
        if (e.measured) {
          eventLags.push(p.t - e.sentAt);
          afterAnswer.push(p.t - e.answeredAt);
        }
        if (e.sentAt < first.sentAt) first = e;
        if (e.sentAt > last.sentAt) last = e;
      }
      if (first.measured) {
        windowPushes++;
        windowEvents += reflected - done;
        earliest.push(p.t - first.sentAt);
        latest.push(p.t - last.sentAt);
        details.push({ sku: cmd.skus[k], sequence: p.sequence, earliestSentMs: epoch(first.sentAt), receivedMs: epoch(p.t) });
      }
      done = reflected;
    }
    for (let i = done; i < list.length; i++) if (list[i].measured) unseen++;
  }

  return {
    windowSeconds: win.windowSeconds,
    sent: win.sent,
    accepted,
    errors,
    postLatency: dist(postLatency),
    achievedRate: win.achievedRate,
    maxSlipMs: win.maxSlipMs,
    connections: pool.size,
    eventLag: dist(eventLags),
    afterAnswer: dist(afterAnswer),
    pushLagEarliest: dist(earliest),
    pushLagLatest: dist(latest),
    pushes,
    pushesNoNewEvent: noNew,
    windowPushes,
    eventsPerPush: windowPushes ? windowEvents / windowPushes : 0,
    inexact,
    unseen,
    noBaseline,
    drainMs,
    unverified: receiver.unverified,
    failures: receiver.failures,
    cpuPercent: win.cpuPercent,
    pushDetails: details,
  };
}

let receiver: PushReceiver | null = null;

async function handle(req: CheckoutRequest): Promise<CheckoutReply> {
  const { id, cmd } = req;
  switch (cmd.op) {
    case "reserve":
      return { id, ok: true, result: await reserve(cmd) };
    case "receiver-start":
      await receiver?.close();
      receiver = await PushReceiver.start(cmd.secret, cmd.channel);
      return { id, ok: true, result: { url: receiver.url } };
    case "receiver-status": {
      if (!receiver) throw new Error("no receiver started");
      const status: ReceiverStatus = { pushes: receiver.count, skus: receiver.pushes.size, unverified: receiver.unverified, ceilingPosts: receiver.ceilingPosts, other: receiver.other };
      return { id, ok: true, result: status };
    }
    case "push-load":
      if (!receiver) throw new Error("no receiver started");
      return { id, ok: true, result: await pushLoad(cmd, receiver) };
  }
}

process.on("message", (req: CheckoutRequest) => {
  handle(req).then(
    (reply) => process.send!(reply),
    (err) => process.send!({ id: req.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies CheckoutReply),
  );
});
process.on("disconnect", () => {
  void (receiver?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});
