import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import type pg from "pg";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { standardHeaders } from "@/lib/connectors/signatures";
import { registerOutbound } from "@/server/outbound/save-outbound";
import { getEndToEndLag, type ChannelLag } from "@/server/queries/get-end-to-end-lag";
import type { Services } from "@/server/services";
import { CHECKOUT_LOCATION, PUSH_CHANNEL, type CheckoutWorkload } from "./checkout-setup";
import type { CheckoutWorker, PushLoadResult } from "./checkout-protocol";
import { dist, type Dist } from "./stats";

// (g) End-to-end lag at a steady event rate: an outbound connector on the push channel pointing at
// a receiver in the load-generator child, orders POSTed at `rate`/s that lower the push SKUs'
// published numbers, and for each push the time from the POSTs it reflects to its arrival. Next
// to it, measured in the same run: the round trip of a plain signed POST from this process (where
// the server and its dispatcher live) to the same receiver, and the server's own figure
// (getEndToEndLag, what GET /api/metrics/lag and the dashboard show).

export interface OutboundLagResult {
  skus: number;
  rate: number;
  /** The registration's first pushes (one per listed SKU) until all had arrived. */
  registration: { queued: number | null; ms: number };
  load: PushLoadResult;
  /** What the server recorded (outbound_ack) for the channel: see ServerSide. */
  server: ServerSide | null;
  /** Deadlocks Postgres detected in the bench database while the load and drain ran (pg_stat_database). */
  deadlocks: number | null;
  /** Plain signed POSTs from this process to the receiver: one at a time, then 64 in flight. */
  roundTrip: { sequential: Dist; concurrent: { posts: number; inFlight: number; ms: number; rate: number; latency: Dist } };
}

export interface ServerSide {
  /** getEndToEndLag's percentiles over the acks recorded since the load started (its SQL, that window). */
  since: { acks: number; p50Ms: number | null; p95Ms: number | null; p99Ms: number | null };
  /** getEndToEndLag(pool, 300) itself: what GET /api/metrics/lag shows (the registration's acks re-tell numbers and have no lag). */
  last300s: ChannelLag | null;
  /**
   * The acks of the pushes we measured, joined on (SKU, sequence): where the server's lag starts
   * (outbound_ack.occurred_at) against the POST of the earliest event the push newly carried, and
   * where it ends (acked_at) against the push's arrival.
   */
  check: {
    matched: number;
    /** Acks whose start is more than 2 ms after that earliest event (its lag leaves out the wait of the events before). */
    startsLater: number;
    startsLaterBy: Dist;
    endAfterArrival: Dist;
    /** The server's lag_ms of exactly the pushes in our per-push figures. */
    serverLag: Dist;
  };
}

export interface OutboundTarget {
  url: string;
  token: string;
  services: Services | null;
  pool: pg.Pool | null;
}

const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

/** Save the connector (registerOutbound, or PUT /api/channels/<code>/outbound on another server). */
async function register(t: OutboundTarget, receiverUrl: string, secret: string): Promise<number | null> {
  const input = { provider: "standard" as const, url: `${receiverUrl}/onepool`, secret };
  if (t.services) return (await registerOutbound(t.services, PUSH_CHANNEL, input, SYSTEM_ACTOR)).queued;
  const r = await fetch(new URL(`/api/channels/${PUSH_CHANNEL}/outbound`, t.url), {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bearer ${t.token}` },
    body: JSON.stringify(input),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`PUT /api/channels/${PUSH_CHANNEL}/outbound answered ${r.status}: ${text.slice(0, 300)}`);
  const q = (JSON.parse(text) as { queued?: unknown }).queued;
  return typeof q === "number" ? q : null;
}

/** What the server's dispatcher does per push, minus the outbox: sign, POST with fetch, read the answer. */
async function signedPost(url: string, secret: string, n: number): Promise<number> {
  const body = JSON.stringify({ type: "bench.ceiling", channel: PUSH_CHANNEL, sku: "BENCH-PUSH-CEILING", externalIds: ["PUSH-CEILING"], quantity: n, sequence: n });
  const t0 = performance.now();
  const r = await fetch(url, {
    method: "POST",
    headers: { "user-agent": "Onepool-Bench/1", "content-type": "application/json", ...standardHeaders(secret, `msg_bench_${n}`, body, Date.now()) },
    body,
    redirect: "manual",
  });
  await r.text();
  if (r.status !== 200) throw new Error(`receiver answered ${r.status} to a signed calibration POST`);
  return performance.now() - t0;
}

async function serverSide(pool: pg.Pool, since: Date, details: NonNullable<PushLoadResult["pushDetails"]>): Promise<ServerSide> {
  const agg = await pool.query<{ acks: string; p50: number | null; p95: number | null; p99: number | null }>(
    `SELECT count(a.lag_ms) AS acks, percentile_disc(0.5) WITHIN GROUP (ORDER BY a.lag_ms) AS p50,
            percentile_disc(0.95) WITHIN GROUP (ORDER BY a.lag_ms) AS p95, percentile_disc(0.99) WITHIN GROUP (ORDER BY a.lag_ms) AS p99
       FROM outbound_ack a JOIN channel c ON c.id = a.channel_id WHERE c.code = $1 AND a.acked_at >= $2`,
    [PUSH_CHANNEL, since],
  );
  const a = agg.rows[0];
  const last300s = (await getEndToEndLag(pool, 300)).find((x) => x.channel === PUSH_CHANNEL) ?? null;
  const acks = await pool.query<{ code: string; sequence: string; occurred_at: Date; acked_at: Date; lag_ms: number }>(
    `SELECT s.code, a.sequence::text AS sequence, a.occurred_at, a.acked_at, a.lag_ms
       FROM outbound_ack a JOIN channel c ON c.id = a.channel_id JOIN sku s ON s.id = a.sku_id WHERE c.code = $1 AND a.acked_at >= $2`,
    [PUSH_CHANNEL, since],
  );
  const byKey = new Map(acks.rows.map((r) => [`${r.code}:${r.sequence}`, r]));
  let matched = 0;
  const later: number[] = [];
  const end: number[] = [];
  const lag: number[] = [];
  for (const d of details) {
    const r = byKey.get(`${d.sku}:${d.sequence}`);
    if (!r) continue;
    matched++;
    // occurredAt was the send time truncated to the millisecond: up to 1 ms after it is the same instant.
    const startDiff = r.occurred_at.getTime() - d.earliestSentMs;
    if (startDiff > 2) later.push(startDiff);
    end.push(r.acked_at.getTime() - d.receivedMs);
    lag.push(r.lag_ms);
  }
  return {
    since: { acks: Number(a.acks), p50Ms: a.p50, p95Ms: a.p95, p99Ms: a.p99 },
    last300s,
    check: { matched, startsLater: later.length, startsLaterBy: dist(later), endAfterArrival: dist(end), serverLag: dist(lag) },
  };
}

async function roundTrips(receiverUrl: string, secret: string): Promise<OutboundLagResult["roundTrip"]> {
  const url = `${receiverUrl}/ceiling`;
  for (let i = 0; i < 50; i++) await signedPost(url, secret, i); // warm the connection
  const seq: number[] = [];
  for (let i = 0; i < 500; i++) seq.push(await signedPost(url, secret, 1000 + i));
  const posts = 3000;
  const inFlight = 64; // the dispatcher's default concurrency
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < posts) lat.push(await signedPost(url, secret, 10_000 + next++));
    }),
  );
  const ms = performance.now() - t0;
  return { sequential: dist(seq), concurrent: { posts, inFlight, ms, rate: (posts / ms) * 1000, latency: dist(lat) } };
}

export async function runOutboundLag(
  t: OutboundTarget,
  worker: CheckoutWorker,
  w: CheckoutWorkload,
  opts: { rate: number; warmupSeconds: number; seconds: number; drainSeconds: number; prefix: string; onLoadStart?: () => void },
  log: (m: string) => void,
): Promise<OutboundLagResult> {
  const secret = `whsec_${randomBytes(32).toString("base64")}`;
  const { url: receiverUrl } = await worker.run({ op: "receiver-start", secret, channel: PUSH_CHANNEL });

  // Registration: every listed SKU's current number is pushed once. That is the baseline each
  // SKU's later pushes are read against; wait until all have arrived and the outbox is quiet, so
  // no registration ack is recorded after the load starts.
  const r0 = performance.now();
  const queued = await register(t, receiverUrl, secret);
  const deadline = performance.now() + 60_000;
  for (;;) {
    const s = await worker.run({ op: "receiver-status" });
    if (s.unverified) throw new Error(`the receiver could not verify ${s.unverified} push(es)`);
    if (s.skus >= w.pushSkus.length) break;
    if (performance.now() > deadline) throw new Error(`registration: only ${s.skus} of ${w.pushSkus.length} SKUs pushed within 60 s`);
    await sleep(100);
  }
  const registrationMs = performance.now() - r0;
  log(`    registration: ${queued ?? "?"} numbers queued, all ${w.pushSkus.length.toLocaleString("en-US")} SKUs pushed and verified in ${Math.round(registrationMs).toLocaleString("en-US")} ms`);
  if (t.pool) {
    for (let i = 0; i < 50; i++) {
      const p = await t.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM outbound_push o JOIN channel c ON c.id = o.channel_id WHERE c.code = $1 AND o.state = 'pending'", [PUSH_CHANNEL]);
      if (p.rows[0].n === 0) break;
      await sleep(100);
    }
  } else {
    await sleep(1000);
  }
  await sleep(1000);

  const deadlocks = async () => (t.pool ? Number((await t.pool.query<{ n: string }>("SELECT deadlocks AS n FROM pg_stat_database WHERE datname = current_database()")).rows[0].n) : null);
  const deadlocksBefore = await deadlocks();
  const loadStartedAt = Date.now();
  opts.onLoadStart?.();
  const load = await worker.run({
    op: "push-load",
    url: t.url,
    token: t.token,
    skus: w.pushSkus,
    channel: PUSH_CHANNEL,
    location: CHECKOUT_LOCATION,
    rate: opts.rate,
    warmupSeconds: opts.warmupSeconds,
    seconds: opts.seconds,
    drainSeconds: opts.drainSeconds,
    prefix: opts.prefix,
    seed: 23,
  });

  const details = load.pushDetails ?? [];
  delete load.pushDetails; // thousands of rows: used here, not kept in the results
  const server = t.pool ? await serverSide(t.pool, new Date(loadStartedAt - 1), details) : null;
  const roundTrip = await roundTrips(receiverUrl, secret);
  // After the round trips: backends report their counters to the statistics at most once a second.
  const deadlocksAfter = await deadlocks();
  return {
    skus: w.pushSkus.length,
    rate: opts.rate,
    registration: { queued, ms: registrationMs },
    load,
    server,
    roundTrip,
    deadlocks: deadlocksBefore === null || deadlocksAfter === null ? null : deadlocksAfter - deadlocksBefore,
  };
}
