import "server-only";
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { PgListener } from "@/server/db/pg-listener";
import { COUNT_CHANNEL, type CountChange } from "@/server/counts/announce-count-change";
import { ALERT_CHANNEL, parseAlertChange, type AlertChange } from "@/server/alerts/announce-alert-change";
import { parseContextChange, type ContextChange } from "@/lib/realtime/context-change";
import { CHANGE_CHANNEL } from "./announce-change";
import { ACTIVITY_CHANNEL } from "./share-activity";
import { parseJsonObject } from "@/lib/json/parse-json-object";

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
  private readonly listener: PgListener;

  constructor(
    url: string,
    private readonly pool: pg.Pool,
    private readonly onRevoked: (r: Revocation) => void,
    private readonly onReconnect: () => void = () => {},
    private readonly onCountChanged: (c: CountChange) => void = () => {},
    private readonly onAlertChanged: (a: AlertChange) => void = () => {},
    /** With the sending connection's backend pid, so an instance knows its own echo. */
    private readonly onContextChanged: (c: ContextChange, senderPid: number) => void = () => {},
    /** Another instance's lag and sender counts (server/realtime/share-activity.ts), with the sender's pid. */
    private readonly onActivity: (payload: string | undefined, senderPid: number) => void = () => {},
  ) {
    this.listener = new PgListener({
      url,
      name: "credential-bus",
      channels: [CHANNEL, COUNT_CHANNEL, ALERT_CHANNEL, CHANGE_CHANNEL, ACTIVITY_CHANNEL],
      onNotification: (n) => this.dispatch(n),
      onListening: (first) => {
        if (!first) this.onReconnect();
      },
    });
  }

  /** Resolves once listening, or after the first failure (it keeps retrying in the background). */
  start(): Promise<void> {
    return this.listener.start();
  }

  /** Other instances hear of it; this one must apply it itself (immediately, without a round trip). */
  async publish(r: Revocation): Promise<void> {
    await announceRevocation(this.pool, r, this.instance);
  }

  close(): Promise<void> {
    return this.listener.close();
  }

  private dispatch(n: pg.Notification): void {
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
  }

  private receiveCount(payload: string | undefined): void {
    const { id, status, location } = parseJsonObject(payload) ?? {};
    if (typeof id === "string" && typeof status === "string" && typeof location === "string") this.onCountChanged({ id, status, location });
  }

  private receive(payload: string | undefined): void {
    const msg = parseJsonObject(payload);
    if (!msg) return;
    const { kind, id, except, from } = msg;
    if (from === this.instance || typeof id !== "string") return;
    if (kind === "token" || kind === "session") this.onRevoked({ kind, id });
    else if (kind === "person") this.onRevoked(typeof except === "string" ? { kind, id, except } : { kind, id });
  }
}
