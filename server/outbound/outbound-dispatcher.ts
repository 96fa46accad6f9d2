import "server-only";
import { CoalescedRunner } from "@/lib/async/coalesced-runner";
import { randomInt } from "node:crypto";
import type pg from "pg";
import type { PushOutcome } from "@/lib/outbound/push-message";
import { EMPTY_ALLOW_LIST, type AllowList } from "@/lib/net/address-policy";
import { RETRY_DELAYS_MS, retryDelayMs } from "@/lib/outbound/retry-schedule";
import { afterAnswer, CHANNEL_WINDOW, openWindow, windowSlots, type ChannelWindow, type WindowLimits } from "@/lib/outbound/channel-window";
import { outboundSecretContext, type SecretBox } from "@/server/connectors/secret-box";
import { sendPush, type PushJob, type PushTarget } from "./send-push";
import { loggerFor } from "@/server/log/logger";

const outboundLog = loggerFor("outbound");

export interface DispatcherOptions {
  /** Pushes in flight at once, over all channels. */
  concurrency?: number;
  /** Each channel's window of pushes in flight (a slow channel holds only its own): lib/outbound/channel-window.ts. */
  window?: WindowLimits;
  /** A channel that does not answer within this is retried. */
  timeoutMs?: number;
  /** How long a claim holds a row; longer than the timeout, so a live sender's row is never taken. A crashed sender's claim lapses after it. */
  leaseMs?: number;
  /** Look for due rows this often when nothing kicks (retries, other instances' rows). */
  pollMs?: number;
  /** ONEPOOL_OUTBOUND_ALLOW_HOSTS: non-public receivers the operator allows (docs/SECURITY.md). */
  allow?: AllowList;
  log?: (m: string) => void;
  /** Each answer once it is recorded, with the end-to-end lag of an ack that carried a change (GET /metrics). */
  onAnswer?: (answer: PushAnswer) => void;
}

export interface PushAnswer {
  channel: string;
  result: PushOutcome["kind"];
  /** occurredAt of the change the push carried → its 2xx; null for anything else. */
  endToEndLagMs: number | null;
}

/** Advisory-lock class of the senders' claimant sessions. */
const CLAIMANT_LOCK_CLASS = 0x4f51;

interface Claimed {
  channel_id: number;
  sku_id: number;
  sku_code: string;
  quantity: number;
  sequence: string;
  attempts: number;
  /** Null: the push re-tells a number, nothing to measure. */
  first_occurred_at: Date | null;
  acked_quantity: number | null;
}

/** A claimed row with what sending it needs, read in the claim's own statement. */
interface ClaimedWithTarget extends Claimed {
  channel_code: string;
  provider: "standard" | "shopify";
  url: string;
  secret_sealed: string;
  location_id: string | null;
  registered_at: Date;
  external_ids: { id: string; kind: string | null }[];
}

interface Done {
  row: Claimed;
  outcome: PushOutcome;
  /** Sent while its channel's window was full: a 2xx then counts towards a wider one. */
  saturated: boolean;
}

/**
 * Delivers the outbox (docs/CHANNEL-RULES.md, docs/API.md). Claims due rows with SKIP LOCKED and a lease (several
 * instances share the work; one (channel, SKU) is in flight at most once, so an older number can
 * never arrive after a newer one), sends them concurrently, and records each answer: a 2xx is the
 * acknowledgement (end-to-end lag recorded; delivered unless a newer number came meanwhile), 429 / 5xx
 * / no answer back off 1 s, 5 s, 30 s, 2 min, 5 min, then every 5 min, and any other 4xx also marks
 * the channel failing with the reason, until its next 2xx.
 */
export class OutboundDispatcher {
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly log: (m: string) => void;
  private readonly allow: AllowList;
  private readonly onAnswer: ((answer: PushAnswer) => void) | null;
  /** Channel codes by id, as last read with their connectors (the answers' label). */
  private readonly codes = new Map<number, string>();
  /** A kick during a drain wakes one that waits for free slots, so it looks again. */
  private readonly runner = new CoalescedRunner(
    () => this.drain(),
    () => {
      const wake = this.wake;
      this.wake = null;
      wake?.();
    },
  );
  private inFlight = 0;
  /** Pushes in flight per channel. */
  private readonly busy = new Map<number, number>();
  /** Each channel's window of pushes in flight, widened and cut by its answers (lib/outbound/channel-window.ts). */
  private readonly windows = new Map<number, ChannelWindow>();
  private readonly windowLimits: WindowLimits;
  private answers: Done[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** A session that holds this sender's advisory lock; its key marks the rows this sender claims. */
  private claimant: { client: pg.PoolClient; key: number } | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly box: SecretBox,
    opts: DispatcherOptions = {},
  ) {
    this.concurrency = opts.concurrency ?? 64;
    this.windowLimits = opts.window ?? CHANNEL_WINDOW;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.leaseMs = opts.leaseMs ?? this.timeoutMs * 2 + 5_000;
    this.pollMs = opts.pollMs ?? 500;
    this.log = opts.log ?? ((m) => outboundLog.error(m));
    this.allow = opts.allow ?? EMPTY_ALLOW_LIST;
    this.onAnswer = opts.onAnswer ?? null;
  }

  start(): void {
    this.runner.every(this.pollMs);
  }

  /** New numbers are in the outbox (a publisher pass, a registration): deliver now. */
  kick(): void {
    this.runner.kick();
  }

  async stop(): Promise<void> {
    await this.runner.stop();
    if (this.claimant) {
      const { client, key } = this.claimant;
      this.claimant = null; // the error listener now leaves this client alone
      await client.query("SELECT pg_advisory_unlock($1, $2)", [CLAIMANT_LOCK_CLASS, key]).catch(() => {});
      client.on("error", () => {}); // a late socket error of a closed client must not crash the process
      client.release(true);
    }
  }

  /**
   * Hold a session-level advisory lock under a random key for as long as this process lives. A
   * claim is stamped with the key; when the process dies (kill -9, crash) its connection closes,
   * Postgres drops the lock, and the claim is void at once instead of after the lease. Without a
   * claimant (the session was lost) claims fall back to the lease alone.
   */
  private async ensureClaimant(): Promise<number | null> {
    if (this.claimant) return this.claimant.key;
    const client = await this.pool.connect();
    try {
      for (let i = 0; i < 5; i++) {
        const key = randomInt(1, 2 ** 31 - 1);
        const r = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS ok", [CLAIMANT_LOCK_CLASS, key]);
        if (r.rows[0].ok) {
          client.on("error", () => {
            // The session is gone (the database restarted): claims fall back to the lease until a new one.
            if (this.claimant?.client !== client) return;
            this.claimant = null;
            client.release(true);
          });
          this.claimant = { client, key };
          return key;
        }
      }
    } catch (err) {
      this.log(`[outbound] no claimant session: ${err instanceof Error ? err.message : String(err)}`);
    }
    client.release(true);
    return null;
  }

  /**
   * Keep up to `concurrency` pushes in flight, at most a channel's window per channel, claiming more as
   * slots free up: a slow or dead channel (10 s timeouts) holds only its own slots, never the
   * others' deliveries. Answers are recorded in small batches as they come.
   */
  private async drain(): Promise<void> {
    try {
      while (!this.runner.closed) {
        const rows = await this.claim();
        if (rows.length) {
          this.send(rows);
          continue;
        }
        if (this.inFlight === 0) break;
        // Nothing due now: wait for a delivery to finish (its slot may free a channel) or a kick.
        await new Promise<void>((r) => (this.wake = r));
      }
    } catch (err) {
      this.log(`[outbound] delivery round failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    await this.settleInFlight();
  }

  /**
   * Claim what is due, within the free slots (all channels' and each channel's), and read with it
   * what sending needs (the channel's connector, the SKU's code and listing ids): one statement, one
   * round trip per delivery round. Four round trips a round (slots, claim, connectors, listings) were
   * most of a push's time in the dispatcher at 1,000 events/s (docs/PERFORMANCE.md, (g)). Named, like
   * the answers' statements: prepared once per connection, not planned again every round.
   */
  private async claim(): Promise<ClaimedWithTarget[]> {
    const free = this.concurrency - this.inFlight;
    if (free <= 0) return [];
    const key = await this.ensureClaimant();
    // Channels with a window of their own or pushes in flight; any other starts with the limits' start.
    // A window just cut can be below what is in flight: no slot then (never a negative LIMIT).
    const known = [...new Set([...this.busy.keys(), ...this.windows.keys()])];
    // Free: never claimed, the lease ran out, or the claimant's session is gone (its process died).
    const r = await this.pool.query<ClaimedWithTarget>({
      name: "outbound-claim",
      text: `WITH slots AS (
         SELECT co.channel_id, GREATEST(0, LEAST($7::int, COALESCE(b.slots, $8::int) - COALESCE(b.busy, 0))) AS n
           FROM channel_outbound co LEFT JOIN unnest($1::int[], $2::int[], $9::int[]) AS b(channel_id, busy, slots) ON b.channel_id = co.channel_id),
       due AS (
         SELECT d.channel_id, d.sku_id FROM slots c,
         LATERAL (
           SELECT p.channel_id, p.sku_id FROM outbound_push p
            WHERE p.channel_id = c.channel_id AND p.state = 'pending' AND p.next_attempt_at <= now()
              AND (p.claimed_until IS NULL OR p.claimed_until < now()
                   OR (p.claimed_by IS NOT NULL AND NOT EXISTS (
                         SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.classid = $5::int::oid AND l.objid::bigint = p.claimed_by AND l.objsubid = 2 AND l.granted)))
            ORDER BY p.next_attempt_at LIMIT c.n FOR UPDATE SKIP LOCKED) d
          WHERE c.n > 0),
       claimed AS (
         UPDATE outbound_push o SET claimed_until = now() + make_interval(secs => $3::float8 / 1000), claimed_by = $4, last_attempt_at = now(),
                -- The attempt counts, and its backoff holds, from the moment it starts: if this process dies
                -- during the push (an answer that exhausts memory), a restart does not send it again at once.
                attempts = o.attempts + 1,
                next_attempt_at = now() + make_interval(secs => ($6::float8[])[LEAST(o.attempts + 1, cardinality($6::float8[]))] / 1000)
           FROM due
          WHERE o.channel_id = due.channel_id AND o.sku_id = due.sku_id
         RETURNING o.channel_id, o.sku_id, o.quantity, o.sequence::text AS sequence, o.attempts - 1 AS attempts, o.first_occurred_at, o.acked_quantity)
       SELECT c.*, s.code AS sku_code, ch.code AS channel_code, co.provider, co.url, co.secret_sealed, co.location_id, co.created_at AS registered_at,
              COALESCE((SELECT json_agg(json_build_object('id', l.external_id, 'kind', l.kind) ORDER BY l.external_id)
                          FROM listing l WHERE l.channel_id = c.channel_id AND l.sku_id = c.sku_id), '[]'::json) AS external_ids
         FROM claimed c JOIN sku s ON s.id = c.sku_id JOIN channel_outbound co ON co.channel_id = c.channel_id JOIN channel ch ON ch.id = c.channel_id`,
      values: [
        known,
        known.map((id) => this.busy.get(id) ?? 0),
        this.leaseMs,
        key,
        CLAIMANT_LOCK_CLASS,
        RETRY_DELAYS_MS,
        free,
        this.windowLimits.start,
        known.map((id) => windowSlots(this.windowOf(id))),
      ],
    });
    return r.rows;
  }

  /** Start sending claimed rows; each answer goes to the record buffer when it comes. */
  private send(rows: ClaimedWithTarget[]): void {
    const targetOf = new Map<number, PushTarget | null>();
    for (const row of rows) {
      if (targetOf.has(row.channel_id)) continue;
      this.codes.set(row.channel_id, row.channel_code);
      try {
        targetOf.set(row.channel_id, {
          channel: row.channel_code,
          provider: row.provider,
          url: row.url,
          secret: this.box.open(row.secret_sealed, outboundSecretContext(row.channel_id)),
          locationId: row.location_id,
          registeredAt: row.registered_at.getTime(),
        });
      } catch {
        targetOf.set(row.channel_id, null);
        this.log(`[outbound] the secret of channel ${row.channel_code} cannot be opened with this ONEPOOL_SECRET_KEY`);
      }
    }
    // A channel whose claim filled its window: its answers may widen it.
    const claimedOn = new Map<number, number>();
    for (const row of rows) claimedOn.set(row.channel_id, (claimedOn.get(row.channel_id) ?? 0) + 1);
    const full = new Set([...claimedOn].filter(([id, n]) => (this.busy.get(id) ?? 0) + n >= windowSlots(this.windowOf(id))).map(([id]) => id));
    for (const row of rows) {
      this.inFlight++;
      this.busy.set(row.channel_id, (this.busy.get(row.channel_id) ?? 0) + 1);
      const saturated = full.has(row.channel_id);
      const target = targetOf.get(row.channel_id);
      const job: PushJob = {
        skuCode: row.sku_code,
        quantity: row.quantity,
        sequence: row.sequence,
        externalIds: row.external_ids,
        ackedQuantity: row.acked_quantity,
      };
      const sending: Promise<PushOutcome> = target
        ? sendPush(target, job, { allow: this.allow, timeoutMs: this.timeoutMs })
        : Promise.resolve({ kind: "reject", status: 0, reason: "no outbound connector (or its secret cannot be opened)" });
      void sending.then((outcome) => this.finished({ row, outcome, saturated }));
    }
  }

  private windowOf(channelId: number): ChannelWindow {
    return this.windows.get(channelId) ?? openWindow(this.windowLimits);
  }

  private finished(d: Done): void {
    this.inFlight--;
    this.busy.set(d.row.channel_id, (this.busy.get(d.row.channel_id) ?? 1) - 1);
    this.windows.set(d.row.channel_id, afterAnswer(this.windowOf(d.row.channel_id), d.outcome.kind, d.saturated, Date.now(), this.windowLimits));
    this.answers.push(d);
    if (this.answers.length >= 200) void this.flush();
    else this.flushTimer ??= setTimeout(() => void this.flush(), 10);
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** Record buffered answers, one batch at a time; a failed write is retried (the claims hold meanwhile). */
  private async flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.flushing) return this.flushing;
    this.flushing = (async () => {
      while (this.answers.length) {
        const batch = this.answers.splice(0, 500);
        try {
          await this.record(batch);
          // A newer number that came while its predecessor was in flight is due now.
          if (batch.some((d) => d.outcome.kind === "ack")) this.kick();
        } catch (err) {
          this.log(`[outbound] recording answers failed, retrying: ${err instanceof Error ? err.message : String(err)}`);
          this.answers.unshift(...batch);
          await new Promise((r) => setTimeout(r, 500).unref());
          if (this.runner.closed) return;
        }
      }
    })().finally(() => (this.flushing = null));
    return this.flushing;
  }

  /** Every push started has answered and been recorded (stop, or the end of a drain). */
  private async settleInFlight(): Promise<void> {
    while (this.inFlight > 0) await new Promise<void>((r) => (this.wake = r));
    await this.flush();
  }

  /** Every answer of a round in three statements, in one transaction. */
  private async record(done: Done[]): Promise<void> {
    const acks = done.filter((d) => d.outcome.kind === "ack");
    const fails = done.filter((d) => d.outcome.kind !== "ack");
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      // Rows in key order first, as the publisher's outbox upsert takes them: answers arrive in any
      // order, and updating them in that order deadlocked against a concurrent publisher pass.
      await client.query({
        name: "outbound-lock-answered",
        text: "SELECT 1 FROM outbound_push WHERE (channel_id, sku_id) IN (SELECT * FROM unnest($1::int[], $2::int[])) ORDER BY channel_id, sku_id FOR UPDATE",
        values: [done.map((d) => d.row.channel_id), done.map((d) => d.row.sku_id)],
      });
      if (acks.length) {
        const cols = [
          acks.map((d) => d.row.channel_id),
          acks.map((d) => d.row.sku_id),
          acks.map((d) => d.row.sequence),
          acks.map((d) => d.row.quantity),
          acks.map((d) => d.row.attempts + 1),
          acks.map((d) => d.row.first_occurred_at),
        ];
        // A newer number that arrived while this one was in flight stays pending and goes next.
        await client.query({
          name: "outbound-record-acks",
          text: `WITH a AS (SELECT * FROM unnest($1::int[], $2::int[], $3::bigint[], $4::int[], $5::int[], $6::timestamptz[]) AS a(channel_id, sku_id, sequence, quantity, attempts, occurred_at)),
           upd AS (
             UPDATE outbound_push o SET
               state = CASE WHEN o.sequence = a.sequence THEN 'delivered' ELSE 'pending' END,
               claimed_until = NULL, claimed_by = NULL, attempts = 0, last_error = NULL, next_attempt_at = now(),
               acked_quantity = a.quantity, acked_sequence = a.sequence, acked_at = now(),
               first_occurred_at = CASE WHEN o.sequence = a.sequence THEN o.first_occurred_at ELSE COALESCE(o.next_occurred_at, o.last_occurred_at) END,
               next_occurred_at = NULL
              FROM a WHERE o.channel_id = a.channel_id AND o.sku_id = a.sku_id),
           ch AS (
             UPDATE channel_outbound c SET last_ack_at = now(), failing_since = NULL, failing_reason = NULL
              WHERE c.channel_id IN (SELECT DISTINCT channel_id FROM a))
           INSERT INTO outbound_ack (channel_id, sku_id, sequence, quantity, attempts, occurred_at, acked_at, lag_ms)
           SELECT channel_id, sku_id, sequence, quantity, attempts, occurred_at, now(),
                  -- A re-told number (no occurred_at) carried no change: no lag. (GREATEST would turn NULL into 0.)
                  CASE WHEN occurred_at IS NOT NULL THEN GREATEST(0, LEAST(2147483647, round(EXTRACT(EPOCH FROM (now() - occurred_at)) * 1000)))::int END
             FROM a`,
          values: cols,
        });
      }
      if (fails.length) {
        const now = Date.now();
        const delays = fails.map((d) => retryDelayMs(d.row.attempts + 1, Math.random, d.outcome.kind === "retry" ? d.outcome.retryAfterMs : null));
        const reasons = fails.map((d) => (d.outcome.kind === "ack" ? "" : d.outcome.reason).slice(0, 500));
        await client.query(
          // attempts was counted when the attempt started (claim).
          `UPDATE outbound_push o SET claimed_until = NULL, claimed_by = NULL, attempts = f.attempts, last_error = f.reason, next_occurred_at = NULL,
                  next_attempt_at = to_timestamp(f.next_ms / 1000.0)
             FROM unnest($1::int[], $2::int[], $3::text[], $4::float8[], $5::int[]) AS f(channel_id, sku_id, reason, next_ms, attempts)
            WHERE o.channel_id = f.channel_id AND o.sku_id = f.sku_id`,
          [fails.map((d) => d.row.channel_id), fails.map((d) => d.row.sku_id), reasons, delays.map((ms) => now + ms), fails.map((d) => d.row.attempts + 1)],
        );
        const refused = new Map<number, string>();
        for (const d of fails) if (d.outcome.kind === "reject") refused.set(d.row.channel_id, d.outcome.reason.slice(0, 500));
        if (refused.size) {
          await client.query(
            `UPDATE channel_outbound c SET failing_since = COALESCE(c.failing_since, now()), failing_reason = f.reason
               FROM unnest($1::int[], $2::text[]) AS f(channel_id, reason) WHERE c.channel_id = f.channel_id`,
            [[...refused.keys()], [...refused.values()]],
          );
        }
      }
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err; // the claims lapse after the lease and the rows are sent again: nothing is lost
    } finally {
      client.release();
    }
    // Once recorded: a batch whose write failed is recorded (and told) again on the retry.
    if (this.onAnswer) {
      const now = Date.now();
      for (const d of done) {
        const at = d.outcome.kind === "ack" ? d.row.first_occurred_at : null;
        this.onAnswer({ channel: this.codes.get(d.row.channel_id) ?? `#${d.row.channel_id}`, result: d.outcome.kind, endToEndLagMs: at ? now - at.getTime() : null });
      }
    }
  }
}
