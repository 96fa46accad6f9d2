import "server-only";
import type pg from "pg";
import { getScorecard } from "./get-scorecard";
import { loggerFor } from "@/server/log/logger";

const scorecardLog = loggerFor("scorecard");

const TICK_MS = 5 * 60_000;

/**
 * Keeps the last complete week's caches (each SKU's replayed weeks, the ledger figures) current in
 * the background, so a manager's first request reads rollups and caches instead of replaying the
 * ledger: after a restart, on Monday when a new week closes, and after late events. A pass that
 * finds nothing changed costs the stamps only. Exactness never depends on it: a request checks the
 * stamps itself. Never throws; a failure is logged once until it changes.
 */
export function startScorecardWarmer(pool: pg.Pool, timezone: string, opts: { intervalMs?: number; firstAfterMs?: number } = {}): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let lastError: string | null = null;
  const tick = () => {
    running ??= (async () => {
      try {
        await getScorecard(pool, { timezone, oversells: false });
        lastError = null;
      } catch (err) {
        const m = err instanceof Error ? err.message : String(err);
        if (m !== lastError) scorecardLog.error({ err }, "warming the last complete week failed");
        lastError = m;
      } finally {
        running = null;
      }
    })();
  };
  const first = setTimeout(tick, opts.firstAfterMs ?? 10_000);
  const timer = setInterval(tick, opts.intervalMs ?? TICK_MS);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
