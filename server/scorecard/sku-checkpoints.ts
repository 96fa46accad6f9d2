import "server-only";
import type pg from "pg";
import { inTransaction } from "@/server/db/in-transaction";
import type { SkuCheckpoint } from "@/lib/scorecard/sku-fold";
import type { WeekWindow } from "@/lib/scorecard/sku-week";
import type { Stamp } from "./sku-weeks";

// Each SKU's fold stopped at a recent instant of the current week (scorecard_sku_checkpoint;
// docs/SCORECARD.md, "The current week"), so a read of that week folds the events since then
// instead of the week so far. Valid by the rule of the kept week-end folds (sku-folds.ts): the drain
// deletes a SKU's checkpoint when it folds an event of that SKU that occurred before the checkpoint's
// instant, and one is only written while the SKU's stamp shows no such event drained since the stamp
// read that preceded the history it was folded from.

/**
 * Where the next checkpoint goes: a 15-minute mark at least 5 minutes ago, so events still in flight
 * (a connector's poll, a retried batch) mostly land after it rather than delete it; one that does is
 * deleted by the drain and the next read writes another. Null when that mark is not inside the week.
 */
export const CHECKPOINT_MARGIN_MS = 5 * 60_000;
const CHECKPOINT_GRID_MS = 15 * 60_000;

export function checkpointInstant(now: number, week: WeekWindow): number | null {
  const c = Math.floor((now - CHECKPOINT_MARGIN_MS) / CHECKPOINT_GRID_MS) * CHECKPOINT_GRID_MS;
  return c > week.from && c < week.to ? c : null;
}

/** The checkpoints of these SKUs in `timezone` kept for this week under `config`. */
export async function readSkuCheckpoints(pool: pg.Pool, timezone: string, config: string, skuIds: readonly number[], week: WeekWindow): Promise<Map<number, SkuCheckpoint>> {
  if (skuIds.length === 0) return new Map();
  const r = await pool.query<{ sku_id: number; at: Date; state: Omit<SkuCheckpoint, "at"> }>(
    `SELECT sku_id, at, state FROM scorecard_sku_checkpoint
      WHERE timezone = $1 AND config = $2 AND sku_id = ANY($3::int[]) AND week_from = $4 AND week_to = $5`,
    [timezone, config, skuIds, new Date(week.from), new Date(week.to)],
  );
  return new Map(r.rows.map((x) => [x.sku_id, { ...x.state, at: x.at.getTime() }]));
}

/**
 * Keep checkpoints folded from histories read after `stampOf`'s stamps, under the drain's lock (as
 * storeSkuFolds): a SKU's goes in only while its stamp says no event before its instant was drained
 * since (same `late`, and same `events` or high_water already at or past the instant). A drain after
 * the write deletes it itself. It replaces the SKU's row unless that one is of the same week and
 * config and later.
 */
export async function storeSkuCheckpoints(
  pool: pg.Pool,
  timezone: string,
  config: string,
  week: WeekWindow,
  rows: readonly { skuId: number; checkpoint: SkuCheckpoint }[],
  stampOf: (skuId: number) => Stamp,
): Promise<void> {
  if (rows.length === 0) return;
  await inTransaction(pool, async (client) => {
    // The drain's own lock (onepool_scorecard_drain): the stamps read below are every drain's so far.
    await client.query("SELECT pg_advisory_xact_lock(7400169, 16)");
    await client.query(
      `INSERT INTO scorecard_sku_checkpoint AS c (timezone, sku_id, config, week_from, week_to, at, state)
       SELECT $1, u.sku_id, $2, $3, $4, u.at, u.state
         FROM unnest($5::int[], $6::timestamptz[], $7::jsonb[], $8::bigint[], $9::timestamptz[], $10::bigint[]) AS u(sku_id, at, state, events, high_water, late)
         JOIN scorecard_sku_events s ON s.sku_id = u.sku_id
        WHERE s.late = u.late AND (s.events = u.events OR u.high_water >= u.at)
       ON CONFLICT (timezone, sku_id) DO UPDATE SET config = EXCLUDED.config, week_from = EXCLUDED.week_from, week_to = EXCLUDED.week_to, at = EXCLUDED.at, state = EXCLUDED.state
        WHERE c.config <> EXCLUDED.config OR c.week_from <> EXCLUDED.week_from OR c.week_to <> EXCLUDED.week_to OR c.at < EXCLUDED.at`,
      [
        timezone,
        config,
        new Date(week.from),
        new Date(week.to),
        rows.map((r) => r.skuId),
        rows.map((r) => new Date(r.checkpoint.at)),
        rows.map(({ checkpoint: { at: _, ...state } }) => JSON.stringify(state)),
        rows.map((r) => stampOf(r.skuId).events),
        rows.map((r) => {
          const h = stampOf(r.skuId).highWater;
          return h === null ? null : new Date(h);
        }),
        rows.map((r) => stampOf(r.skuId).late),
      ],
    );
  });
}
