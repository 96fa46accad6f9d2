import "server-only";
import type pg from "pg";
import { drainScorecardRollups } from "./drain-scorecard-rollups";
import { getScorecard } from "./get-scorecard";
import { loadLocations, loadSkus } from "./load-sku-histories";
import { prepareSkuWeeks, type PrepareResult } from "./prepare-sku-weeks";
import { readSkuCheckpoints, checkpointInstant } from "./sku-checkpoints";
import { getSkuWeeks, locationsFingerprint } from "./sku-weeks";
import { weekWindow } from "@/lib/scorecard/sku-week";
import { weekOf } from "@/lib/time/iso-week";
import { loggerFor } from "@/server/log/logger";

const scorecardLog = loggerFor("scorecard");

/** Nothing to prepare: look again after this (one query over the stamps, and the answer's stamp). */
const IDLE_MS = 30_000;
/** Work left: the next chunk after this pause, so the chunks leave the machine to requests in between. */
const BUSY_MS = 250;
/**
 * The oversell counts are refreshed at most this often. A late event makes the weeks from its own on
 * stale, and recounting them reads every oversold line of those weeks with its kept facts and folds
 * only the late event's SKU (seconds at 10 M events with the bench's 83,000 lines,
 * docs/PERFORMANCE.md): under a stream of late events, once a minute keeps that off a core. A
 * request meanwhile counts the weeks itself, or answers 503 "preparing" when it would fold more SKUs
 * than a request may (get-oversells.ts): a fresh start, a rebuild, a changed location.
 */
const OVERSELLS_EVERY_MS = 60_000;
/** SKUs a step of the current week's pass; a stopping server ends the pass between steps. */
const CURRENT_WEEK_STEP = 100;
/**
 * Between these, the current-week pass folds only SKUs whose checkpoint is behind the mark (or gone):
 * the only thing a pass keeps that a read cannot redo as cheaply. A moving SKU's kept value is stale
 * at its next event, so re-folding every moved SKU from its checkpoint every 30 s was mostly wasted:
 * at 1,000 events/s, everything since a mark 5–20 minutes old, every time. Every 5 minutes the pass
 * folds them all, so SKUs that have gone quiet since are kept current for the reads.
 */
const CURRENT_WEEK_FULL_EVERY_MS = 5 * 60_000;

export interface WarmerTick {
  prepare: PrepareResult;
  /** Whether the last complete week's answer (and oversell counts) were read or refreshed. */
  warmed: boolean;
}

/**
 * One pass of the scorecard's write side: fold the queue, then one bounded chunk of SKUs whose
 * kept weeks are missing or stale (prepare-sku-weeks.ts: the backfill after a migration, a rebuild
 * or a fresh start; SKUs a late event made stale; every SKU once when a new week closes). Once every
 * SKU is prepared, the last complete week's answer and oversell counts are kept too, so a manager's
 * first request reads kept rows, and the current week's SKUs are folded up to now with checkpoints kept. Cheap when nothing changed: the stamps, then a kept answer.
 */
export async function scorecardWarmerTick(pool: pg.Pool, timezone: string, opts: { oversells?: boolean; everySku?: boolean; signal?: AbortSignal } = {}): Promise<WarmerTick> {
  await drainScorecardRollups(pool);
  const prepare = await prepareSkuWeeks(pool, timezone);
  if (!prepare.locked || prepare.remaining !== 0) return { prepare, warmed: false };
  await getScorecard(pool, { timezone, oversells: opts.oversells ?? true });
  await warmCurrentWeek(pool, timezone, { signal: opts.signal, everySku: opts.everySku ?? true });
  return { prepare, warmed: true };
}

/**
 * The current week's per-SKU values, as its read folds them: the SKUs that moved since the last pass
 * fold on from their checkpoints, and new checkpoints are kept as the marks pass (sku-checkpoints.ts),
 * so a manager's read of the week folds minutes of events, not the week so far.
 */
export async function warmCurrentWeek(
  pool: pg.Pool,
  timezone: string,
  opts: {
    /** The clock the next checkpoint's mark is taken from (sku-checkpoints.ts). */
    now?: number;
    /** Stops the pass between steps (the server is stopping). */
    signal?: AbortSignal;
    /** SKUs a step (CURRENT_WEEK_STEP). */
    step?: number;
    /** False: only SKUs whose checkpoint is behind the current mark (CURRENT_WEEK_FULL_EVERY_MS says why). */
    everySku?: boolean;
  } = {},
): Promise<{ replayed: number; resumed: number; checkpointed: number }> {
  const { now = Date.now(), signal, step: size = CURRENT_WEEK_STEP, everySku = true } = opts;
  const [locations, skus] = await Promise.all([loadLocations(pool), loadSkus(pool, null)]);
  const week = weekWindow(weekOf(Date.now(), timezone), timezone);
  const mark = checkpointInstant(now, week);
  const config = locationsFingerprint(locations);
  const total = { replayed: 0, resumed: 0, checkpointed: 0 };
  for (let i = 0; i < skus.length && !signal?.aborted; i += size) {
    let step = skus.slice(i, i + size).map((s) => s.id);
    if (!everySku && mark !== null) {
      const kept = await readSkuCheckpoints(pool, timezone, config, step, week);
      step = step.filter((id) => (kept.get(id)?.at ?? Number.NEGATIVE_INFINITY) < mark);
      if (step.length === 0) continue;
    }
    const r = await getSkuWeeks(pool, step, true, locations, [week], undefined, timezone, now);
    total.replayed += r.replayed;
    total.resumed += r.resumed;
    total.checkpointed += r.checkpointed;
  }
  return total;
}

/**
 * Every instance runs it (the advisory lock lets one prepare at a time): soon after start, then
 * chunk after chunk while SKUs are left, then every 30 s. Start-up never waits for it; a request
 * that would replay too much meanwhile answers 503 "scorecard_preparing" (app/api/scorecard).
 * Never throws; a failure is logged once until it changes.
 */
export function startScorecardWarmer(pool: pg.Pool, timezone: string, opts: { idleMs?: number; firstAfterMs?: number } = {}): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const stopping = new AbortController();
  let stopped = false;
  let lastError: string | null = null;
  let announced = false;
  let oversellsAt = 0;
  let everySkuAt = 0;
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  const tick = () => {
    running = (async () => {
      let next = opts.idleMs ?? IDLE_MS;
      try {
        const oversells = Date.now() - oversellsAt >= OVERSELLS_EVERY_MS;
        const everySku = Date.now() - everySkuAt >= CURRENT_WEEK_FULL_EVERY_MS;
        const r = await scorecardWarmerTick(pool, timezone, { oversells, everySku, signal: stopping.signal });
        if (r.warmed && oversells) oversellsAt = Date.now();
        if (r.warmed && everySku) everySkuAt = Date.now();
        lastError = null;
        if (r.prepare.prepared > 0 && r.prepare.remaining > 0) {
          next = BUSY_MS;
          if (!announced) scorecardLog.info({ remaining: r.prepare.remaining }, "preparing the scorecard's per-SKU weeks in the background");
          announced = true;
        } else if (r.prepare.remaining === 0 && announced) {
          scorecardLog.info("the scorecard's per-SKU weeks are prepared");
          announced = false;
        }
      } catch (err) {
        const m = err instanceof Error ? err.message : String(err);
        if (m !== lastError) scorecardLog.error({ err }, "preparing the scorecard's weeks failed");
        lastError = m;
      } finally {
        running = null;
        schedule(next);
      }
    })();
  };
  schedule(opts.firstAfterMs ?? 1_000);
  return {
    async stop() {
      stopped = true;
      stopping.abort();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
