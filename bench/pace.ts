import { performance } from "node:perf_hooks";

/**
 * Call `fire(i, due)` for i in [0, total) at the times `dueOf(i)` (ms from 20 ms from now, never
 * decreasing), catching up at once after a late timer (an open loop: the rate does not bend to slow
 * answers).
 */
export function pace(total: number, dueOf: (i: number) => number, fire: (i: number, due: number) => void): Promise<void> {
  const t0 = performance.now() + 20;
  return new Promise<void>((resolve) => {
    let i = 0;
    const tick = () => {
      const now = performance.now();
      while (i < total && t0 + dueOf(i) <= now) {
        fire(i, t0 + dueOf(i));
        i++;
      }
      if (i < total) setTimeout(tick, 1);
      else resolve();
    };
    setTimeout(tick, 1);
  });
}

/**
 * An open loop's schedule: the rate climbs linearly from 0 to `rate` a second over `rampSeconds`, then
 * holds. A load that starts at full rate on an idle server measures the start, not the rate: at
 * 1,000 events/s the first 4–5 s were 5–8× slower than what follows (connections opening by the
 * hundred while the server's code is still cold: docs/PERFORMANCE.md, "The tail of (g)").
 * Returns the send time of each index (ms) and how many sends the ramp takes.
 */
export function rampedSchedule(rate: number, rampSeconds: number): { dueOf: (i: number) => number; rampCount: number } {
  const perMs = rate / 1000;
  const rampMs = rampSeconds * 1000;
  // n(t) = perMs·t² / (2·rampMs) sends by time t within the ramp, so send i is due at sqrt(2·rampMs·i / perMs).
  const rampCount = Math.round((perMs * rampMs) / 2);
  return {
    rampCount,
    dueOf: (i) => (i < rampCount ? Math.sqrt((2 * rampMs * i) / perMs) : rampMs + (i - rampCount) / perMs),
  };
}
