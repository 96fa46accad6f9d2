import "server-only";
import { SharedWindows } from "@/lib/rate-limit/shared-window";
import { loggerFor } from "@/server/log/logger";
import type { CounterStore } from "./rate-limit-store";

const limitLog = loggerFor("connectors");
const WINDOW_MS = 60_000;

/**
 * Per-token and per-source request limits (429 + Retry-After), shared by every instance on the
 * database (docs/SECURITY.md, docs/ARCHITECTURE.md): counts go to Postgres (table rate_limit_hit), or Redis when REDIS_URL is
 * set. A request costs no store round trip while its key is far from its limit: counts are added
 * every `flushMs` in one statement (lib/rate-limit/shared-window.ts says what that lets slip and
 * why it is small); near the limit each request is counted before it is admitted. A key's count
 * belongs to its limit (`key@limit`), so changing a source's limit starts it afresh, as before.
 * When the store cannot be reached, requests are admitted (a limit must not stop ingest) and their
 * counts kept for the next flush.
 */
export class SourceRateLimiter {
  private readonly windows = new SharedWindows(WINDOW_MS);
  /** Requests refused per key since start (shown in source health). */
  readonly refused = new Map<string, number>();
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private readonly pruneTimer: NodeJS.Timeout;
  private lastError = 0;

  constructor(
    private readonly store: CounterStore,
    private readonly flushMs = 100,
  ) {
    this.pruneTimer = setInterval(() => {
      this.windows.prune(Date.now());
      this.store.prune().catch((err: unknown) => this.warn(err));
    }, WINDOW_MS);
    this.pruneTimer.unref();
  }

  async take(key: string, perMinute: number): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
    const k = `${key}@${perMinute}`;
    const d = this.windows.decide(k, perMinute, Date.now());
    if (d.kind === "local") {
      this.scheduleFlush();
      return { ok: true };
    }
    if (d.kind === "exact") {
      try {
        const [r] = await this.store.add([{ key: k, n: 1 }], WINDOW_MS);
        this.windows.learned(k, r.total, r.resetAt);
        if (r.total <= perMinute) return { ok: true };
        return this.refuse(key, this.windows.retryAfterSeconds(k, Date.now()));
      } catch (err) {
        this.warn(err);
        return { ok: true };
      }
    }
    return this.refuse(key, d.retryAfterSeconds);
  }

  /** Add what is pending now (tests; shutdown). */
  flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.flushing ??= this.flushNow().finally(() => (this.flushing = null));
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.pruneTimer);
    await this.flush();
    await this.store.close();
  }

  private refuse(key: string, retryAfterSeconds: number): { ok: false; retryAfterSeconds: number } {
    this.refused.set(key, (this.refused.get(key) ?? 0) + 1);
    return { ok: false, retryAfterSeconds };
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => void this.flush(), this.flushMs);
    this.flushTimer.unref();
  }

  private async flushNow(): Promise<void> {
    const batch = this.windows.drain();
    if (batch.length === 0) return;
    try {
      const totals = await this.store.add(batch, WINDOW_MS);
      batch.forEach((b, i) => this.windows.learned(b.key, totals[i].total, totals[i].resetAt));
    } catch (err) {
      this.windows.failed(batch);
      this.warn(err);
      this.scheduleFlush();
    }
  }

  /** At most one line a minute: a store that is away would otherwise log every request. */
  private warn(err: unknown): void {
    if (Date.now() - this.lastError < 60_000) return;
    this.lastError = Date.now();
    limitLog.warn({ err }, "the shared rate-limit store cannot be reached: requests are admitted on this instance's counts");
  }
}
