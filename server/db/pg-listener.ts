import "server-only";
import pg from "pg";
import { loggerFor } from "@/server/log/logger";

const listenLog = loggerFor("realtime");
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

export interface PgListenerOptions {
  url: string;
  /** Shown in pg_stat_activity, and named in the log when the connection is lost. */
  name: string;
  channels: readonly string[];
  onNotification: (n: pg.Notification) => void;
  /**
   * Each time it is listening again: `first` is false after a lost connection, when notifications
   * sent meanwhile were not heard (the caller reads or reloads what it may have missed).
   */
  onListening?: (first: boolean) => void;
}

/**
 * One dedicated connection LISTENing on a few channels (a pooled connection cannot: LISTEN belongs to
 * the session). A lost connection is dropped and reopened with backoff (0.5 s doubling to 30 s), so
 * a restarted database costs a gap, not the bus; the caller hears when it listens again.
 */
export class PgListener {
  private client: pg.Client | null = null;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private everListened = false;

  constructor(private readonly opts: PgListenerOptions) {}

  /** Resolves once listening, or after the first failure (it keeps retrying in the background). */
  start(): Promise<void> {
    return this.connect();
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
    const client = new pg.Client({ connectionString: this.opts.url, application_name: `onepool-${this.opts.name}` });
    client.on("notification", (n) => this.opts.onNotification(n));
    client.on("error", (err) => {
      listenLog.error({ err }, `${this.opts.name} connection lost`);
      this.drop(client);
    });
    client.on("end", () => this.drop(client));
    try {
      await client.connect();
      for (const channel of this.opts.channels) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      if (this.closed) return void (await client.end().catch(() => {}));
      this.client = client;
      this.retryMs = FIRST_RETRY_MS;
      const first = !this.everListened;
      this.everListened = true;
      this.opts.onListening?.(first);
    } catch (err) {
      listenLog.error({ err }, `${this.opts.name} cannot listen`);
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
}
