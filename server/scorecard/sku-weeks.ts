import "server-only";
import { createHash } from "node:crypto";
import type pg from "pg";
import type { LocationInfo } from "@/lib/scorecard/available-history";
import { EMPTY_WEEK, skuWeeks, type SkuWeek, type WeekWindow } from "@/lib/scorecard/sku-week";
import { foldReadsFrom, foldSkuWeekFrom, foldSkuWeeks, START_STATE, type SkuCheckpoint, type SkuFoldState } from "@/lib/scorecard/sku-fold";
import { forEachSkuHistory } from "./load-sku-histories";
import { checkpointInstant, readSkuCheckpoints, storeSkuCheckpoints } from "./sku-checkpoints";
import { readSkuFolds } from "./sku-folds";
import type { PreparingStep } from "@/lib/contracts/scorecard";

// Stockout hours and cover need each SKU's available real over time, which is no sum (per-location
// clamping, absolutes, trusted sources): it is replayed from the ledger, then kept per (SKU, week)
// in scorecard_sku_week with the SKU's stamp as it was (scorecard_sku_events: events, high_water =
// latest occurredAt, late = bumped when events arrive that occurred before high_water, or are the
// SKU's first). A kept week ending at `to` is current when `late` is unchanged and either nothing
// arrived (same `events`) or high_water was already at or past the end: every event since then
// occurred after high_water (else `late` moved), so after the week. A late event thus replays its
// SKU only, and nothing is replayed when nothing before the weeks' ends arrived.
// The stamp is read before the histories: an event committed in between is in the replay but not
// in the stamp, so the next call replays again (never the reverse).

export interface Stamp {
  events: number;
  highWater: number | null;
  late: number;
  /** The SKU's earliest event: a week that ends by then is EMPTY_WEEK, no replay needed. */
  firstAt: number | null;
}

export const NO_EVENTS: Stamp = { events: 0, highWater: null, late: 0, firstAt: null };

// The rule, checked in SQL by getSkuWeeks: a week kept under stamp `then` is current under `now` iff
// then.late = now.late and (then.events = now.events or then.highWater >= the week's end).

const CACHE_CHUNK = 5000;

/** Bump when what a SKU's week holds (lib/scorecard/sku-week.ts) is computed differently. */
const VERSION = 1;

/** The locations' sellable flags and trusted sources, which the replay depends on beside the ledger (and the code's version). */
export const locationsFingerprint = (locations: readonly LocationInfo[]): string =>
  createHash("sha1")
    .update(JSON.stringify([VERSION, ...[...locations].sort((a, b) => Number(a.id) - Number(b.id)).map((l) => [l.id, l.sellable, [...l.trusted].sort()])]))
    .digest("hex");

export async function readStamps(pool: pg.Pool, skuIds: readonly number[] | null): Promise<Map<number, Stamp>> {
  const r = await pool.query<{ sku_id: number; events: string; high_water: Date; late: string; first_at: Date | null }>(
    "SELECT sku_id, events, high_water, late, first_at FROM scorecard_sku_events WHERE ($1::int[] IS NULL OR sku_id = ANY($1::int[]))",
    [skuIds],
  );
  return new Map(r.rows.map((x) => [x.sku_id, { events: Number(x.events), highWater: x.high_water.getTime(), late: Number(x.late), firstAt: x.first_at?.getTime() ?? null }]));
}

/** Thrown by a read that would replay more SKUs than it may while the write side is still preparing them. */
export class ScorecardPreparingError extends Error {
  constructor(
    readonly progress: { done: number; total: number; step: PreparingStep },
    readonly stale: number,
  ) {
    super(`the scorecard's ${progress.step === "weeks" ? "per-SKU weeks" : "oversold lines"} are being prepared (${progress.done} of ${progress.total} SKUs); this request would replay ${stale} SKUs`);
    this.name = "ScorecardPreparingError";
  }
}

/**
 * What a request may replay while the write side prepares (the API, the e-mail): a late event's
 * few SKUs take well under a second; more waits for the preparer instead of passing the read timeout.
 */
export const READ_REPLAY_LIMIT = 25;

export interface SkuWeeksLimit {
  /** Replay at most this many SKUs while `progress` says a preparer is at work and has not prepared every SKU; more throws ScorecardPreparingError. */
  maxReplay: number;
  progress: () => Promise<{ done: number; total: number; active: boolean }>;
}

/**
 * Each SKU's values for each week (same order as `weeks`): kept rows where current (the write side,
 * prepare-sku-weeks.ts, keeps every SKU's weeks), EMPTY_WEEK for a week that ends by the SKU's first
 * event (or a SKU without events), replayed where neither. `replayed` counts the SKUs replayed,
 * `resumed` those whose current week was folded on from a kept state, `checkpointed` those of them
 * that went on from a checkpoint inside the week rather than from its start (sku-checkpoints.ts).
 */
export async function getSkuWeeks(
  pool: pg.Pool,
  skuIds: readonly number[],
  restricted: boolean,
  locations: readonly LocationInfo[],
  weeks: readonly WeekWindow[],
  limit?: SkuWeeksLimit,
  timezone?: string,
  /** The clock the next checkpoint's mark is taken from (sku-checkpoints.ts). */
  now = Date.now(),
): Promise<{ values: Map<number, SkuWeek[]>; replayed: number; resumed: number; checkpointed: number }> {
  const config = locationsFingerprint(locations);
  const filter = restricted ? skuIds : null;
  const stamps = await readStamps(pool, filter);
  const stampOf = (skuId: number) => stamps.get(skuId) ?? NO_EVENTS;
  const dates = (f: (w: WeekWindow) => number) => weeks.map((w) => new Date(f(w)));
  // Kept weeks still current under the stamps as they are now (the rule above, in SQL so
  // only current rows come back): an event committed since readStamps makes its rows stale here,
  // which replays them (never the reverse).
  const cached = await pool.query<{ sku_id: number; i: number; zero_ms: number; available_end: number; known: boolean; units_4w: number; units_24h: number; units_7d: number }>(
    `SELECT w.sku_id, k.i::int - 1 AS i, w.zero_ms::float8 AS zero_ms, w.available_end, w.known, w.units_4w, w.units_24h, w.units_7d
       FROM unnest($2::timestamptz[], $3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS k(sellers_from, week_from, week_to, i)
       JOIN scorecard_sku_week w ON w.sellers_from = k.sellers_from AND w.week_from = k.week_from AND w.week_to = k.week_to
       LEFT JOIN scorecard_sku_events s ON s.sku_id = w.sku_id
      WHERE w.config = $1 AND ($5::int[] IS NULL OR w.sku_id = ANY($5::int[]))
        AND w.late = coalesce(s.late, 0) AND (w.events = coalesce(s.events, 0) OR w.high_water >= w.week_to)`,
    [config, dates((w) => w.sellersFrom), dates((w) => w.from), dates((w) => w.to), filter],
  );
  const values = new Map<number, (SkuWeek | undefined)[]>(skuIds.map((id) => [id, weeks.map(() => undefined)]));
  for (const r of cached.rows) {
    const slot = values.get(r.sku_id);
    if (slot) slot[r.i] = { zeroMs: r.zero_ms, availableEnd: r.available_end, known: r.known, units4w: r.units_4w, units24h: r.units_24h, units7d: r.units_7d };
  }

  // Before the SKU's first event (as the stamp read above knows it) a week needs no replay.
  for (const id of skuIds) {
    const first = stampOf(id).firstAt;
    const slot = values.get(id)!;
    weeks.forEach((w, i) => {
      if (slot[i] === undefined && (stamps.get(id) === undefined || (first !== null && w.to <= first))) slot[i] = EMPTY_WEEK;
    });
  }

  const stale = skuIds.filter((id) => values.get(id)!.some((v) => v === undefined));
  // A stale SKU goes on from its kept fold at the end of the last week it can (sku-folds.ts): the weeks
  // before come from the kept folds, and only the weeks after are folded (the current week, which is
  // never kept, from the last complete one's end). The rest replays its whole ledger.
  const resume = new Map<number, { at: number; state: SkuFoldState }>();
  if (timezone && stale.length > 0) {
    const ends = [weeks[0].from, ...weeks.map((w) => w.to)];
    // From the start of each SKU's first stale week: the walk below needs the state there and the kept folds after it.
    const folds = await readSkuFolds(pool, timezone, config, stale, ends, (id) => weeks[values.get(id)!.indexOf(undefined)].from);
    for (const id of stale) {
      const kept = folds.get(id);
      const slot = values.get(id)!;
      const first = stampOf(id).firstAt;
      let at = 0;
      let state: SkuFoldState | null = kept?.get(weeks[0].from)?.state ?? (first !== null && first >= weeks[0].from ? START_STATE : null);
      for (; at < weeks.length; at++) {
        const k = kept?.get(weeks[at].to);
        if (k?.weekFrom === weeks[at].from) {
          slot[at] ??= k.value;
          state = k.state;
          continue;
        }
        if (slot[at] !== undefined) state = first !== null && first >= weeks[at].to ? START_STATE : null;
        else break;
      }
      if (at === weeks.length) continue;
      if (state) resume.set(id, { at, state });
    }
  }
  const pending = stale.filter((id) => values.get(id)!.some((v) => v === undefined));
  // The current week folded from the last complete week's state is not what the limit is for: it is
  // never prepared, so waiting would not help. Any other fold on read (a closed week the preparer has
  // not reached yet, on Monday the week that just closed) counts as a replay: it waits for the preparer.
  const last = weeks.length - 1;
  const ongoing = weeks[last].to > Date.now();
  const replays = pending.filter((id) => !(ongoing && (resume.get(id)?.at ?? -1) === last));
  if (limit && replays.length > limit.maxReplay) {
    const { done, total, active } = await limit.progress();
    // Nobody preparing (no server running one): replaying is slow but gets there; waiting would not.
    if (active && done < total) throw new ScorecardPreparingError({ done, total, step: "weeks" }, replays.length);
  }
  const fresh: { skuId: number; i: number; v: SkuWeek }[] = [];
  // The current week of a SKU that goes on from last week's end: from its checkpoint inside the week
  // when one is kept for it, reading only the events since; a new checkpoint is kept at the next mark.
  const current = ongoing && timezone ? pending.filter((id) => resume.get(id)?.at === last) : [];
  const checkpoints = current.length > 0 ? await readSkuCheckpoints(pool, timezone!, config, current, weeks[last]) : new Map<number, SkuCheckpoint>();
  const mark = ongoing ? checkpointInstant(now, weeks[last]) : null;
  const newCheckpoints: { skuId: number; checkpoint: SkuCheckpoint }[] = [];
  if (pending.length > 0) {
    const since = (id: number) => {
      const r = resume.get(id);
      if (!r) return null;
      return new Date(checkpoints.get(id)?.at ?? foldReadsFrom(weeks[r.at]));
    };
    await forEachSkuHistory(
      pool,
      pending,
      new Date(weeks[weeks.length - 1].to),
      (skuId, events) => {
        const r = resume.get(skuId);
        const slot = values.get(skuId)!;
        if (r && r.at === last && ongoing && timezone) {
          const cp = checkpoints.get(skuId);
          const out = foldSkuWeekFrom(cp ?? r.state, events, locations, weeks[last], mark !== null && mark > (cp?.at ?? weeks[last].from) ? mark : undefined);
          if (out.checkpoint) newCheckpoints.push({ skuId, checkpoint: out.checkpoint });
          slot[last] = out.value;
          fresh.push({ skuId, i: last, v: out.value });
          return;
        }
        const v = r ? foldSkuWeeks(r.state, events, locations, weeks.slice(r.at)).values : skuWeeks(events, locations, weeks);
        const at = r?.at ?? 0;
        v.forEach((x, i) => {
          slot[at + i] = x;
          fresh.push({ skuId, i: at + i, v: x });
        });
      },
      undefined,
      resume.size > 0 ? since : undefined,
    );
    for (let c = 0; c < fresh.length; c += CACHE_CHUNK) await storeSkuWeeks(pool, config, weeks, fresh.slice(c, c + CACHE_CHUNK), stampOf);
    for (let c = 0; c < newCheckpoints.length; c += CACHE_CHUNK) await storeSkuCheckpoints(pool, timezone!, config, weeks[last], newCheckpoints.slice(c, c + CACHE_CHUNK), stampOf);
  }
  return { values: values as Map<number, SkuWeek[]>, replayed: replays.length, resumed: pending.length - replays.length, checkpointed: checkpoints.size };
}

export async function storeSkuWeeks(
  pool: pg.Pool,
  config: string,
  weeks: readonly WeekWindow[],
  rows: readonly { skuId: number; i: number; v: SkuWeek }[],
  stampOf: (skuId: number) => Stamp,
): Promise<void> {
  const col = <T>(f: (r: { skuId: number; i: number; v: SkuWeek }) => T) => rows.map(f);
  await pool.query(
    `INSERT INTO scorecard_sku_week (sku_id, sellers_from, week_from, week_to, config, events, high_water, late, zero_ms, available_end, known, units_4w, units_24h, units_7d)
     SELECT u.sku_id, u.sellers_from, u.week_from, u.week_to, $1, u.events, u.high_water, u.late, u.zero_ms, u.available_end, u.known, u.units_4w, u.units_24h, u.units_7d
       FROM unnest($2::int[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[], $6::bigint[], $7::timestamptz[], $8::bigint[], $9::bigint[], $10::int[], $11::bool[],
                   $12::int[], $13::int[], $14::int[])
         AS u(sku_id, sellers_from, week_from, week_to, events, high_water, late, zero_ms, available_end, known, units_4w, units_24h, units_7d)
     ON CONFLICT (sku_id, sellers_from, week_from, week_to) DO UPDATE SET config = EXCLUDED.config, events = EXCLUDED.events, high_water = EXCLUDED.high_water,
       late = EXCLUDED.late, zero_ms = EXCLUDED.zero_ms,
       available_end = EXCLUDED.available_end, known = EXCLUDED.known, units_4w = EXCLUDED.units_4w, units_24h = EXCLUDED.units_24h, units_7d = EXCLUDED.units_7d`,
    [
      config,
      col((r) => r.skuId),
      col((r) => new Date(weeks[r.i].sellersFrom)),
      col((r) => new Date(weeks[r.i].from)),
      col((r) => new Date(weeks[r.i].to)),
      col((r) => stampOf(r.skuId).events),
      col((r) => {
        const h = stampOf(r.skuId).highWater;
        return h === null ? null : new Date(h);
      }),
      col((r) => stampOf(r.skuId).late),
      col((r) => r.v.zeroMs),
      col((r) => r.v.availableEnd),
      col((r) => r.v.known),
      col((r) => r.v.units4w),
      col((r) => r.v.units24h),
      col((r) => r.v.units7d),
    ],
  );
}
