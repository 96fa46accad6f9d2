/**
 * Where time-based decisions (cache ages, expiry, windows) read "now": the system clock in the
 * server, a clock the test moves in unit tests, so they drive time instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch, as `Date.now()`. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that stands still until told to move: for unit tests. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(ms: number): void;
}

export function manualClock(startMs = Date.UTC(2026, 0, 1)): ManualClock {
  let t = startMs;
  return { now: () => t, advance: (ms) => void (t += ms), set: (ms) => void (t = ms) };
}
