import "server-only";
import { CoalescedRunner } from "@/lib/async/coalesced-runner";
import type pg from "pg";
import { alertMessageId, groupTurns, slackText, type AlertMessage, type AlertTurn } from "@/lib/alerts/destination-message";
import type { AlertKind } from "@/lib/alerts/kinds";
import { subjectCodes } from "@/lib/alerts/subject";
import { signStandard } from "@/lib/connectors/signatures";
import { EMPTY_ALLOW_LIST, type AllowList } from "@/lib/net/address-policy";
import { classifyResponse, type PushOutcome } from "@/lib/outbound/push-message";
import { parseRetryAfter, RETRY_DELAYS_MS, retryDelayMs } from "@/lib/outbound/retry-schedule";
import { getAlerts } from "@/server/alerts/get-alerts";
import { inTransaction } from "@/server/db/in-transaction";
import type { SecretBox } from "@/server/connectors/secret-box";
import { OutboundAddressRefused, postOutbound } from "@/server/net/outbound-http";
import { destinationSecretContext } from "./save-alert-destination";
import { loggerFor } from "@/server/log/logger";

const destinationLog = loggerFor("alert-destinations");

// Alert destinations (docs/ALERTS.md "Destinations"). Two steps, each safe with several instances:
// 1. Group: the turns queued for each (destination, kind) by the trigger on alert_event become one
//    message when the kind's last message to that destination is older than the window (or there
//    was none), in one transaction with the turns' deletion: a turn is in exactly one message.
//    One instance groups at a time (a transaction-scoped advisory try-lock).
// 2. Send: due messages are claimed with FOR UPDATE SKIP LOCKED and a lease, as the channel
//    outbox does, and retried on the same schedule (1 s, 5 s, 30 s, 2 min, 5 min, then every 5 min)
//    keeping their webhook-id. A sender that dies mid-send leaves the claim to lapse: the message
//    is sent again (at least once), never lost.

export interface AlertDestinationOptions {
  /** ONEPOOL_ALERT_GROUP_SECONDS × 1000: at most one message per (destination, kind) per window. */
  windowMs?: number;
  /** How often to look for turns to group and messages due. */
  pollMs?: number;
  timeoutMs?: number;
  leaseMs?: number;
  /** A message not delivered after this long is given up (state failed). */
  giveUpMs?: number;
  allow?: AllowList;
  log?: (m: string) => void;
  /** Each attempt's outcome, by destination name (GET /metrics). */
  onAttempt?: (destination: string, result: "delivered" | "retry" | "failed") => void;
}

const GROUPER_LOCK = [0x4f51, 0x0a1e] as const;
const USER_AGENT = "Onepool-Alerts/1";

/** `attempts` counts this one (incremented by the claim). */
type Claimed = { id: string; destination_id: number; payload: AlertMessage; attempts: number; created_at: Date };
type Target = { id: number; format: "standard" | "slack"; url: string; secret_sealed: string | null; name: string };

export class AlertDestinationDispatcher {
  private readonly windowMs: number;
  private readonly pollMs: number;
  private readonly timeoutMs: number;
  private readonly leaseMs: number;
  private readonly giveUpMs: number;
  private readonly allow: AllowList;
  private readonly log: (m: string) => void;
  private readonly onAttempt: NonNullable<AlertDestinationOptions["onAttempt"]>;
  private readonly runner = new CoalescedRunner(() => this.pass());

  constructor(
    private readonly pool: pg.Pool,
    private readonly box: SecretBox,
    opts: AlertDestinationOptions = {},
  ) {
    this.windowMs = opts.windowMs ?? 300_000;
    this.pollMs = opts.pollMs ?? 1_000;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.leaseMs = opts.leaseMs ?? this.timeoutMs * 2 + 5_000;
    this.giveUpMs = opts.giveUpMs ?? 86_400_000;
    this.allow = opts.allow ?? EMPTY_ALLOW_LIST;
    this.log = opts.log ?? ((m) => destinationLog.error(m));
    this.onAttempt = opts.onAttempt ?? (() => {});
  }

  start(): void {
    this.runner.every(this.pollMs);
  }

  kick(): void {
    this.runner.kick();
  }

  stop(): Promise<void> {
    return this.runner.stop();
  }

  /** One round: group what is due, then send what is due. Failures are logged; the next poll tries again. */
  private async pass(): Promise<void> {
    try {
      await this.group();
    } catch (err) {
      this.log(`[alert-destinations] grouping failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    try {
      await this.sendDue();
    } catch (err) {
      this.log(`[alert-destinations] sending failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Turn queued turns into messages where the window allows; returns how many messages were queued. */
  async group(): Promise<number> {
    // Most polls find nothing: no transaction, no lock for that.
    const any = await this.pool.query("SELECT 1 FROM alert_destination_item LIMIT 1");
    if (any.rowCount === 0) return 0;
    return inTransaction(this.pool, async (client) => {
      let queued = 0;
      const lock = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_xact_lock($1, $2) AS ok", [...GROUPER_LOCK]);
      if (!lock.rows[0].ok) return 0; // another instance is grouping now; the next poll looks again
      // Turns of destinations deleted while their turn's transaction ran (no foreign key, by design).
      await client.query("DELETE FROM alert_destination_item i WHERE NOT EXISTS (SELECT 1 FROM alert_destination d WHERE d.id = i.destination_id)");
      const due = await client.query<{ destination_id: number; name: string; kind: AlertKind }>(
        `SELECT i.destination_id, d.name, i.kind FROM alert_destination_item i
           JOIN alert_destination d ON d.id = i.destination_id
           LEFT JOIN alert_destination_group g ON g.destination_id = i.destination_id AND g.kind = i.kind
          WHERE g.last_message_at IS NULL OR g.last_message_at <= now() - make_interval(secs => $1::float8 / 1000)
          GROUP BY i.destination_id, d.name, i.kind`,
        [this.windowMs],
      );
      for (const g of due.rows) {
        const items = await client.query<{ alert_id: string; change: AlertTurn["change"]; at: Date; value: Record<string, unknown> }>(
          `DELETE FROM alert_destination_item i USING alert_event e
            WHERE i.destination_id = $1 AND i.kind = $2 AND e.id = i.alert_event_id
           RETURNING e.alert_id::text, e.change, e.at, e.value`,
          [g.destination_id, g.kind],
        );
        // Subjects by their codes, and whether muted now: a muted (kind, subject) is not sent.
        const alerts = new Map((await getAlerts(client, { state: "all", ids: [...new Set(items.rows.map((r) => r.alert_id))], limit: 100_000 })).map((a) => [a.id, a]));
        const turns: AlertTurn[] = [];
        for (const r of items.rows) {
          const a = alerts.get(r.alert_id);
          if (!a || a.muted) continue;
          turns.push({
            alertId: r.alert_id,
            change: r.change,
            at: r.at.toISOString(),
            value: r.value,
            subject: subjectCodes(a),
          });
        }
        const message = groupTurns(g.name, g.kind, turns);
        if (!message) continue; // all muted: nothing sent, and the window is not spent
        await client.query("INSERT INTO alert_delivery (destination_id, kind, payload) VALUES ($1, $2, $3)", [g.destination_id, g.kind, JSON.stringify(message)]);
        await client.query(
          `INSERT INTO alert_destination_group (destination_id, kind, last_message_at) VALUES ($1, $2, now())
           ON CONFLICT (destination_id, kind) DO UPDATE SET last_message_at = now()`,
          [g.destination_id, g.kind],
        );
        queued++;
      }
      return queued;
    });
  }

  /** Claim due messages (never one another instance holds) and send them; repeats while any were due. */
  private async sendDue(): Promise<void> {
    while (!this.runner.closed) {
      // The attempt counts, and its backoff holds, from the claim: a sender that dies mid-send does not make a restart resend at once.
      const r = await this.pool.query<Claimed>(
        `WITH due AS (
           SELECT id FROM alert_delivery
            WHERE state = 'pending' AND next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
            ORDER BY next_attempt_at LIMIT 32 FOR UPDATE SKIP LOCKED)
         UPDATE alert_delivery d SET claimed_until = now() + make_interval(secs => $1::float8 / 1000), attempts = d.attempts + 1, last_attempt_at = now(),
                next_attempt_at = now() + make_interval(secs => ($2::float8[])[LEAST(d.attempts + 1, cardinality($2::float8[]))] / 1000)
           FROM due WHERE d.id = due.id
         RETURNING d.id::text, d.destination_id, d.payload, d.attempts, d.created_at`,
        [this.leaseMs, RETRY_DELAYS_MS],
      );
      if (r.rows.length === 0) return;
      const targets = await this.pool.query<Target>("SELECT id, name, format, url, secret_sealed FROM alert_destination WHERE id = ANY($1::int[])", [
        [...new Set(r.rows.map((x) => x.destination_id))],
      ]);
      const byId = new Map(targets.rows.map((t) => [t.id, t]));
      await Promise.all(r.rows.map(async (row) => this.record({ ...row, destination: byId.get(row.destination_id)?.name ?? null }, await this.sendOne(row, byId.get(row.destination_id)))));
    }
  }

  private async sendOne(row: Claimed, target: Target | undefined): Promise<PushOutcome> {
    if (!target) return { kind: "reject", status: 0, reason: "the destination was deleted" };
    const id = alertMessageId(row.id);
    let body: string;
    const headers: Record<string, string> = { "content-type": "application/json", "user-agent": USER_AGENT };
    if (target.format === "slack") body = JSON.stringify({ text: slackText(row.payload) });
    else {
      let secret: string;
      try {
        secret = this.box.open(target.secret_sealed ?? "", destinationSecretContext(target.id));
      } catch {
        return { kind: "retry", reason: "the destination's secret cannot be opened with this ONEPOOL_SECRET_KEY", retryAfterMs: null };
      }
      body = JSON.stringify(row.payload);
      const ts = Math.floor(Date.now() / 1000);
      // Standard Webhooks: the id stays across retries, the timestamp is the attempt's.
      Object.assign(headers, { "webhook-id": id, "webhook-timestamp": String(ts), "webhook-signature": signStandard(secret, id, ts, body) });
    }
    try {
      const a = await postOutbound(target.url, headers, body, { allow: this.allow, timeoutMs: this.timeoutMs });
      return classifyResponse(a.status, a.text, parseRetryAfter(a.retryAfter, Date.now()));
    } catch (err) {
      const reason =
        err instanceof OutboundAddressRefused
          ? `refused to connect: ${err.message}`
          : err instanceof Error && err.name === "TimeoutError"
            ? "no answer within the timeout"
            : `could not reach the destination: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`;
      return { kind: "retry", reason, retryAfterMs: null };
    }
  }

  /**
   * A 2xx delivers; anything else waits for the next attempt (a destination's 4xx is usually fixed
   * by its owner, and PUT makes waiting messages due at once). Given up after `giveUpMs`.
   */
  private async record(row: Claimed & { destination: string | null }, outcome: PushOutcome): Promise<void> {
    if (outcome.kind === "ack") {
      await this.pool.query("UPDATE alert_delivery SET state = 'delivered', delivered_at = now(), claimed_until = NULL, last_error = NULL WHERE id = $1", [row.id]);
      await this.pool.query("UPDATE alert_destination SET failing_since = NULL, last_error = NULL WHERE id = $1 AND failing_since IS NOT NULL", [row.destination_id]);
      if (row.destination) this.onAttempt(row.destination, "delivered");
      return;
    }
    const reason = outcome.reason.slice(0, 500);
    const delay = retryDelayMs(row.attempts, Math.random, outcome.kind === "retry" ? outcome.retryAfterMs : null);
    const giveUp = Date.now() + delay - row.created_at.getTime() > this.giveUpMs;
    await this.pool.query(`UPDATE alert_delivery SET state = $2, claimed_until = NULL, last_error = $3, next_attempt_at = now() + make_interval(secs => $4::float8 / 1000) WHERE id = $1`, [
      row.id,
      giveUp ? "failed" : "pending",
      reason,
      delay,
    ]);
    await this.pool.query("UPDATE alert_destination SET failing_since = COALESCE(failing_since, now()), last_error = $2 WHERE id = $1", [row.destination_id, reason]);
    if (row.destination) this.onAttempt(row.destination, giveUp ? "failed" : "retry");
    if (giveUp) this.log(`[alert-destinations] gave up message ${alertMessageId(row.id)} after ${row.attempts} attempts: ${reason}`);
  }
}
