import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Per-source request limits for the webhook path (429 + Retry-After). rate-limiter-flexible is
 * maintained, has no dependencies, and offers the same interface over Redis/Postgres when several
 * instances must share a budget; in memory it costs no query per webhook. A limiter per distinct
 * limit, keyed by source, so changing a source's limit takes effect on its next request.
 */
export class SourceRateLimiter {
  private limiters = new Map<number, RateLimiterMemory>();
  /** Requests refused per source since start (shown in source health). */
  readonly refused = new Map<string, number>();

  async take(source: string, perMinute: number): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
    let limiter = this.limiters.get(perMinute);
    if (!limiter) this.limiters.set(perMinute, (limiter = new RateLimiterMemory({ points: perMinute, duration: 60 })));
    try {
      await limiter.consume(source, 1);
      return { ok: true };
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) throw res;
      this.refused.set(source, (this.refused.get(source) ?? 0) + 1);
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
    }
  }
}
