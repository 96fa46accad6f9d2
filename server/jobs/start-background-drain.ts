import "server-only";
import type { Logger } from "pino";

/**
 * Runs `drain` every `intervalMs`, never two at once (a tick while one runs is skipped). Never
 * throws: a failure is logged once until it changes, so a database that is down does not flood the log.
 */
export function startBackgroundDrain(drain: () => Promise<unknown>, opts: { intervalMs: number; log: Logger; failure: string }): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let lastError: string | null = null;
  const tick = () => {
    running ??= (async () => {
      try {
        await drain();
        lastError = null;
      } catch (err) {
        const m = err instanceof Error ? err.message : String(err);
        if (m !== lastError) opts.log.error({ err }, opts.failure);
        lastError = m;
      } finally {
        running = null;
      }
    })();
  };
  const timer = setInterval(tick, opts.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
