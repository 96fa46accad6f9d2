import "server-only";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { COUNT_CHANNEL, type CountChange } from "@/server/counts/announce-count-change";
import { ALERT_CHANNEL, parseAlertChange, type AlertChange } from "@/server/alerts/announce-alert-change";
import { loggerFor } from "@/server/log/logger";
import { parseContextChange, type ContextChange } from "@/lib/realtime/context-change";
import { CHANGE_CHANNEL } from "./announce-change";
import { ACTIVITY_CHANNEL } from "./share-activity";

const busLog = loggerFor("realtime");

/**
 * A credential that stopped being valid: a connector token (revoked), a browser session (signed
 * out, revoked), or every session of a person (deactivated, role or password changed), but for
 * `except` when named. Only ids travel: never a token or a cookie.
 */
export type Revocation = { kind: "token" | "session"; id: string } | { kind: "person"; id: string; except?: string };

const CHANNEL = "onepool_credential_revoked";

/**
 * Tells every running instance that a credential was revoked. Also for processes that run no hub
 * (`npm run token -- revoke`): `from` names the sender, so an instance ignores only its own echo.
 */
export async function announceRevocation(pool: Pick<pg.Pool, "query">, r: Revocation, from = "cli"): Promise<void> {
  await pool.query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify({ ...r, from })]);
}
const MAX_RETRY_MS = 30_000;

/**
 * Tells every instance sharing the database that a credential was revoked, so their open sockets
 * drop within moments (Postgres LISTEN/NOTIFY: no Redis needed). The instance that revoked applies
 * it locally first and ignores its own echo. One dedicated connection listens and reconnects with
 * backoff; while it was down notifications may have been missed, so `onReconnect` lets the hub
 * re-check every socket at once.
 *
 * The same connection also hears count changes (COUNT_CHANNEL), sent inside the changing
 * transaction, so count screens on every instance refresh when one commits; and alert changes
 * (ALERT_CHANNEL), sent inside the evaluation or the person's change, for the `alerts` room; and
 * context changes (CHANGE_CHANNEL: catalogue, rules, pauses, tokens, sources), sent inside the
 * changing transaction, so every instance reloads what it caches (after a lost connection
 * `onReconnect` must reload everything: changes made meanwhile were not heard); and the instances'
 * lag and sender activity (ACTIVITY_CHANNEL), once a second each.
 */
export class CredentialBus {
  private readonly instance = randomUUID();
  private client: pg.Client | null = null;
  private retryMs = 500;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private everConnected = false;

  constructor(
    private readonly url: string,
    private readonly pool: pg.Pool,
    private readonly onRevoked: (r: Revocation) => void,
    private readonly onReconnect: () => void = () => {},
    private readonly onCountChanged: (c: CountChange) => void = () => {},
    private readonly onAlertChanged: (a: AlertChange) => void = () => {},
    /** With the sending connection's backend pid, so an instance knows its own echo. */
    private readonly onContextChanged: (c: ContextChange, senderPid: number) => void = () => {},
    /** Another instance's lag and sender counts (server/realtime/share-activity.ts), with the sender's pid. */
    private readonly onActivity: (payload: string | undefined, senderPid: number) => void = () => {},
  ) {}

  /** Resolves once listening, or after the first failure (it keeps retrying in the background). */
  async start(): Promise<void> {
    await this.connect();
  }

  /** Other instances hear of it; this one must apply it itself (immediately, without a round trip). */
  async publish(r: Revocation): Promise<void> {
    await announceRevocation(this.pool, r, this.instance);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url, application_name: "onepool-credential-bus" });
    client.on("notification", (n) => {
      if (n.channel === COUNT_CHANNEL) return this.receiveCount(n.payload);
      if (n.channel === ACTIVITY_CHANNEL) return this.onActivity(n.payload, n.processId);
      if (n.channel === CHANGE_CHANNEL) {
        const c = parseContextChange(n.payload);
        if (c) this.onContextChanged(c, n.processId);
        return;
      }
      if (n.channel === ALERT_CHANNEL) {
        const a = parseAlertChange(n.payload);
        if (a) this.onAlertChanged(a);
        return;
      }
      this.receive(n.payload);
    });
    client.on("error", (err) => {
      busLog.error({ err }, "credential bus connection lost");
      this.drop(client);
    });
    client.on("end", () => this.drop(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      await client.query(`LISTEN ${COUNT_CHANNEL}`);
      await client.query(`LISTEN ${ALERT_CHANNEL}`);
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
      await client.query(`LISTEN ${ACTIVITY_CHANNEL}`);
      if (this.closed) return void (await client.end().catch(() => {}));
      this.client = client;
      this.retryMs = 500;
      if (this.everConnected) this.onReconnect();
      this.everConnected = true;
    } catch (err) {
      busLog.error({ err }, "credential bus cannot listen");
      this.drop(client);
    }
  }

  private drop(client: pg.Client): void {
    if (this.client === client) this.client = null;
    client.removeAllListeners("end");
    client.end().catch(() => {});
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }

  private receiveCount(payload: string | undefined): void {
    try {
      const { id, status, location } = JSON.parse(payload ?? "") as Record<string, unknown>;
      if (typeof id === "string" && typeof status === "string" && typeof location === "string") this.onCountChanged({ id, status, location });
    } catch {
      // not ours: ignore
    }
  }

  private receive(payload: string | undefined): void {
    let msg: unknown;
    try {
      msg = JSON.parse(payload ?? "");
    } catch {
      return;
    }
    if (!msg || typeof msg !== "object") return;
    const { kind, id, except, from } = msg as Record<string, unknown>;
    if (from === this.instance || typeof id !== "string") return;
    if (kind === "token" || kind === "session") this.onRevoked({ kind, id });
    else if (kind === "person") this.onRevoked(typeof except === "string" ? { kind, id, except } : { kind, id });
  }
}
