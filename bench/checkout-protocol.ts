// Messages between bench/run.ts and the checkout/outbound child (bench/checkout-worker.ts), and the
// parent's handle on it. Phases (f) and (g) send their load from a child process for the same reason
// as (a)–(c) (bench/load-protocol.ts): its CPU then competes with the server and Postgres the way a
// co-located client would, and it cannot steal the server's event loop. The child also hosts (g)'s
// push receiver, so a push's arrival and its event's POST are stamped on one clock.
import type { ChildProcess } from "node:child_process";
import type { Dist } from "./stats";
import { closeWorker, forkWorker } from "./worker-child";

/** Closed loop of POST /api/reservations: `concurrency` requests always in flight, quantity `quantity` each. */
export interface ReserveCmd {
  op: "reserve";
  url: string;
  token: string;
  /** One SKU = the contended case; many = each request picks one at random. */
  skus: string[];
  channel: string;
  quantity: number;
  ttlSeconds: number;
  concurrency: number;
  warmupSeconds: number;
  seconds: number;
  /** Idempotency-key prefix: unique per phase and run. */
  prefix: string;
  seed: number;
}

export interface ReserveResult {
  windowSeconds: number;
  /** 201 answers (a hold placed) completed inside the window. */
  created: number;
  /** 409 insufficient_quantity answers inside the window. */
  conflicts: number;
  /** Anything else, by "status code". */
  errors: Record<string, number>;
  /** Latency of the 201s. */
  latency: Dist;
  conflictLatency: Dist;
  perSecond: number[];
  /** Distinct SKUs that got a hold inside the window. */
  skusHeld: number;
  cpuPercent: number;
}

/** Start the Standard Webhooks receiver for `channel`'s pushes. */
export interface ReceiverStartCmd {
  op: "receiver-start";
  secret: string;
  channel: string;
}
export interface ReceiverStartResult {
  url: string;
}

export interface ReceiverStatusCmd {
  op: "receiver-status";
}
export interface ReceiverStatus {
  /** Verified pushes of the channel received so far. */
  pushes: number;
  /** Distinct SKUs among them. */
  skus: number;
  unverified: number;
  /** Requests to the receiver's /ceiling path (the round-trip calibration). */
  ceilingPosts: number;
  /** Verified deliveries that were neither (another channel, another type). */
  other: number;
}

/**
 * Open loop: `order.placed` events (1–3 units each, occurredAt = the send time) at `rate`/s over the
 * push SKUs, while the receiver records every push. Only orders, so each accepted event lowers the
 * SKU's published number and the pushed number tells which events it reflects.
 */
export interface PushLoadCmd {
  op: "push-load";
  url: string;
  token: string;
  skus: string[];
  channel: string;
  location: string;
  rate: number;
  warmupSeconds: number;
  seconds: number;
  /** After the last send: wait at most this long for every accepted event to be reflected by a push. */
  drainSeconds: number;
  prefix: string;
  seed: number;
}

export interface PushLoadResult {
  windowSeconds: number;
  /** Events sent in the window, and accepted (202, result accepted) among them. */
  sent: number;
  accepted: number;
  errors: Record<string, number>;
  postLatency: Dist;
  achievedRate: number;
  maxSlipMs: number;
  connections: number;
  /** Per accepted event of the window: receive time of the first push reflecting it − its POST send time. */
  eventLag: Dist;
  /** The same events, from their 202's arrival instead of the POST (negative: the push overtook the answer). */
  afterAnswer: Dist;
  /** Per push whose newly reflected events start in the window: receive time − send time of the earliest of them. */
  pushLagEarliest: Dist;
  /** … − send time of the latest event it reflects. */
  pushLagLatest: Dist;
  /** Pushes received from the first send until the drain ended; those that reflected no new event. */
  pushes: number;
  pushesNoNewEvent: number;
  /** Pushes counted in pushLag* (their first new event was sent in the window). */
  windowPushes: number;
  /** Mean events newly reflected per push, over windowPushes. */
  eventsPerPush: number;
  /** Pushes whose quantity was not the sum of a prefix of the SKU's events in commit order (should be 0). */
  inexact: number;
  /** Accepted events of the window never reflected by a push before the drain ended. */
  unseen: number;
  /** SKUs without a baseline push before the load (their events are left out). */
  noBaseline: number;
  drainMs: number;
  unverified: number;
  /** The first few verification failures. */
  failures: string[];
  cpuPercent: number;
  /**
   * Per push counted in pushLag*: its SKU and sequence, when the earliest event it newly reflects
   * was sent and when it arrived (epoch ms), to set the server's acks beside it. Dropped by the parent.
   */
  pushDetails?: { sku: string; sequence: number; earliestSentMs: number; receivedMs: number }[];
}

export type CheckoutCmd = ReserveCmd | ReceiverStartCmd | ReceiverStatusCmd | PushLoadCmd;
export type ResultOf<C extends CheckoutCmd> = C extends ReserveCmd ? ReserveResult : C extends ReceiverStartCmd ? ReceiverStartResult : C extends ReceiverStatusCmd ? ReceiverStatus : PushLoadResult;

export type CheckoutRequest = { id: number; cmd: CheckoutCmd };
export type CheckoutReply = { id: number; ok: true; result: ReserveResult | ReceiverStartResult | ReceiverStatus | PushLoadResult } | { id: number; ok: false; error: string };

export class CheckoutWorker {
  private readonly child: ChildProcess;
  private exited = false;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(r: CheckoutReply): void; reject(e: Error): void }>();

  constructor() {
    this.child = forkWorker("checkout-worker.ts");
    this.child.on("message", (m: CheckoutReply) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      p?.resolve(m);
    });
    this.child.on("exit", (code) => {
      this.exited = true;
      for (const p of this.pending.values()) p.reject(new Error(`checkout load generator exited (code ${code})`));
      this.pending.clear();
    });
  }

  async run<C extends CheckoutCmd>(cmd: C): Promise<ResultOf<C>> {
    if (this.exited) throw new Error("checkout load generator is not running");
    const id = this.nextId++;
    const reply = await new Promise<CheckoutReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, cmd } satisfies CheckoutRequest);
    });
    if (!reply.ok) throw new Error(`checkout load generator failed: ${reply.error}`);
    return reply.result as ResultOf<C>;
  }

  async close(): Promise<void> {
    if (this.exited) return;
    await closeWorker(this.child);
  }
}
