// When a push that was not acknowledged is tried again (docs/API.md). Pure.

/** 1 s, 5 s, 30 s, 2 min, 5 min, then every 5 min. */
export const RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000, 300_000] as const;
/** A channel's Retry-After is honoured up to an hour; beyond that it is read as a mistake. */
const MAX_RETRY_AFTER_MS = 3_600_000;

/**
 * The wait after the `failures`-th failed attempt (1-based), with ±20 % jitter so that a channel
 * coming back is not hit by every waiting push at the same instant. A 429's Retry-After is a
 * floor: never retry sooner than the channel asked.
 */
export function retryDelayMs(failures: number, random: () => number = Math.random, retryAfterMs: number | null = null): number {
  const base = RETRY_DELAYS_MS[Math.min(Math.max(failures, 1), RETRY_DELAYS_MS.length) - 1];
  const jittered = Math.round(base * (0.8 + 0.4 * random()));
  return retryAfterMs === null ? jittered : Math.max(jittered, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
}

/** Retry-After as seconds or an HTTP date (RFC 9110), in ms from `nowMs`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
