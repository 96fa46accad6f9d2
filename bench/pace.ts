import { performance } from "node:perf_hooks";

/**
 * Call `fire(i, due)` for i in [0, total) at a steady rate from 20 ms from now, catching up at
 * once after a late timer (an open loop: the rate does not bend to slow answers).
 */
export function pace(total: number, intervalMs: number, fire: (i: number, due: number) => void): Promise<void> {
  const t0 = performance.now() + 20;
  return new Promise<void>((resolve) => {
    let i = 0;
    const tick = () => {
      const now = performance.now();
      while (i < total && t0 + i * intervalMs <= now) {
        fire(i, t0 + i * intervalMs);
        i++;
      }
      if (i < total) setTimeout(tick, 1);
      else resolve();
    };
    setTimeout(tick, 1);
  });
}
