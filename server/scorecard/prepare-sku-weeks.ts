import "server-only";
import type pg from "pg";
import type { LocationInfo } from "@/lib/scorecard/available-history";
import { foldReadsFrom, foldSkuWeeks, START_STATE, type SkuFoldState } from "@/lib/scorecard/sku-fold";
import { weekWindow, weeksSince, type SkuWeek, type WeekWindow } from "@/lib/scorecard/sku-week";
import { lastCompleteWeek, weekRange } from "@/lib/time/iso-week";
import { drainScorecardRollups } from "./drain-scorecard-rollups";
import { forEachSkuHistory, loadLocations } from "./load-sku-histories";
import { readSkuFoldEnds, readSkuFoldStates, restampSkuWeeks, storeSkuFolds, type FoldRow } from "./sku-folds";
import { locationsFingerprint, storeSkuWeeks, type Stamp } from "./sku-weeks";

// The write side of the per-SKU weeks (docs/SCORECARD.md, "Available real over time"): each SKU's
// whole ledger replayed ONCE into every week from its first event's week to the last complete week,
// so a read finds every (SKU, week) kept and replays only what a late event made stale since.
// scorecard_sku_prepared holds, per zone and SKU, the stamp the replay saw (read before the
// histories, as the read path does) and the week end it went to. A SKU is prepared while that stamp
// is current for all those weeks (the rule of sku-weeks.ts for the last of them: same `late`, and
// same `events` or high_water already at or past the end), its locations fingerprint unchanged, and
// the last complete week unchanged. So one query finds what to (re)do: SKUs never prepared (a
// backfill after the migration, after `npm run rebuild`, on a fresh start), SKUs a late event made
// stale, and every SKU once a new week closes. It is resumable by construction (each chunk commits
// its SKUs), and an advisory lock keeps two instances from doing the same SKUs. The fold state at each
// week's end is kept too (sku-folds.ts), so redoing a SKU folds only the weeks after its last state
// still valid: the new week when one closes, the weeks from a late event's own on.

/** pg_try_advisory_lock key: one preparer at a time across instances. */
const LOCK = [7400169, 17] as const;
/** SKUs per chunk: bounds a chunk's memory (their histories) and its time. */
export const PREPARE_CHUNK = 100;

export interface PrepareTarget {
  timezone: string;
  /** The locations fingerprint (and code version) the replay depends on beside the ledger. */
  config: string;
  /** The last complete week and its end. */
  week: string;
  through: Date;
}

export interface PrepareProgress {
  /** SKUs (with events) whose every week is kept and current. */
  done: number;
  total: number;
  /** Whether a preparer worked on this zone in the last 2 minutes (else nobody will finish it: reads replay instead of waiting). */
  active: boolean;
}

/** A preparer not seen for this long is gone (its chunks take seconds; an idle one looks every 30 s). */
const ALIVE_MS = 2 * 60_000;

// ... and its fold state at `through` is kept (the next week folds from it, and reads fold the current
// week from it; a SKU prepared before states were kept has none), unless its history starts later.
const CURRENT = `p.sku_id IS NOT NULL AND p.config = $2 AND p.through = $3 AND p.late = s.late AND (p.events = s.events OR p.high_water >= p.through)
  AND (s.first_at IS NULL OR s.first_at >= $3 OR EXISTS (SELECT 1 FROM scorecard_sku_fold f WHERE f.timezone = $1 AND f.sku_id = s.sku_id AND f.week_end = $3 AND f.config = $2))`;

export async function prepareTarget(pool: pg.Pool, timezone: string, now = Date.now(), locations?: readonly LocationInfo[]): Promise<PrepareTarget> {
  const week = lastCompleteWeek(now, timezone);
  return { timezone, config: locationsFingerprint(locations ?? (await loadLocations(pool))), week, through: weekRange(week, timezone).to };
}

/** How far the write side is: prepared SKUs of all SKUs with events, for `timezone`. */
export async function preparationProgress(pool: pg.Pool, timezone: string, now = Date.now()): Promise<PrepareProgress> {
  const t = await prepareTarget(pool, timezone, now);
  const r = await pool.query<{ done: string; total: string; active: boolean }>(
    `SELECT count(*) FILTER (WHERE ${CURRENT}) AS done, count(*) AS total,
            EXISTS (SELECT 1 FROM scorecard_preparer WHERE timezone = $1 AND seen_at > now() - make_interval(secs => $4::float8 / 1000)) AS active
       FROM scorecard_sku_events s LEFT JOIN scorecard_sku_prepared p ON p.timezone = $1 AND p.sku_id = s.sku_id`,
    [t.timezone, t.config, t.through, ALIVE_MS],
  );
  return { done: Number(r.rows[0].done), total: Number(r.rows[0].total), active: r.rows[0].active };
}

export interface PrepareResult {
  /** False when another instance holds the lock (nothing done here). */
  locked: boolean;
  /** SKUs replayed by this call. */
  prepared: number;
  /** SKUs still to prepare after it. */
  remaining: number;
  /** Of the SKUs prepared, those folded on from a kept week's end (the rest: their whole ledger). */
  resumed: number;
}

/**
 * One bounded step of the write side: up to `limit` SKUs that are not prepared (stale ones first:
 * those are what reads would replay), each replayed once into all its weeks. Cheap when nothing is
 * to do: one query over the stamps.
 */
export async function prepareSkuWeeks(pool: pg.Pool, timezone: string, opts: { limit?: number; now?: number } = {}): Promise<PrepareResult> {
  const client = await pool.connect();
  try {
    const got = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS ok", [...LOCK]);
    if (!got.rows[0].ok) return { locked: false, prepared: 0, remaining: -1, resumed: 0 };
    try {
      return await prepareLocked(pool, timezone, opts.limit ?? PREPARE_CHUNK, opts.now ?? Date.now());
    } finally {
      await client.query("SELECT pg_advisory_unlock($1, $2)", [...LOCK]);
    }
  } finally {
    client.release();
  }
}

const seen = (pool: pg.Pool, timezone: string) => pool.query("INSERT INTO scorecard_preparer (timezone, seen_at) VALUES ($1, now()) ON CONFLICT (timezone) DO UPDATE SET seen_at = now()", [timezone]);

async function prepareLocked(pool: pg.Pool, timezone: string, limit: number, now: number): Promise<PrepareResult> {
  // Before the work: a request meanwhile knows someone is preparing (and answers "preparing").
  await seen(pool, timezone);
  // One read of the locations: the replay and the fingerprint its rows are stored under.
  const locations = await loadLocations(pool);
  const t = await prepareTarget(pool, timezone, now, locations);
  // The stamps, read before the histories (an event committed in between is in the replay but not
  // in the stamp, so the SKU counts as stale again: never the reverse).
  const todo = await pool.query<{ sku_id: number; events: string; high_water: Date; late: string; first_at: Date | null; n: string }>(
    `SELECT s.sku_id, s.events, s.high_water, s.late, s.first_at, count(*) OVER () AS n
       FROM scorecard_sku_events s LEFT JOIN scorecard_sku_prepared p ON p.timezone = $1 AND p.sku_id = s.sku_id
      WHERE NOT (${CURRENT})
      ORDER BY p.sku_id IS NULL, s.sku_id LIMIT $4`,
    [t.timezone, t.config, t.through, limit],
  );
  if (todo.rows.length === 0) return { locked: true, prepared: 0, remaining: 0, resumed: 0 };
  const stamps = new Map<number, Stamp>(
    todo.rows.map((x) => [
      x.sku_id,
      {
        events: Number(x.events),
        highWater: x.high_water.getTime(),
        late: Number(x.late),
        firstAt: x.first_at?.getTime() ?? null,
      },
    ]),
  );

  // Every SKU of the chunk: its weeks from its first event's week (the first that ends after it) to
  // the last complete week. The zone's calendar arithmetic is slow (tens of µs a week): the chunk's
  // weeks are worked out once, from its earliest first event, and each SKU takes its tail.
  const firsts = [...stamps.values()].map((x) => x.firstAt ?? Infinity);
  const earliest = Math.min(...firsts);
  const windows: WeekWindow[] = Number.isFinite(earliest) ? weeksSince(earliest, t.week, timezone).map((w) => weekWindow(w, timezone)) : [];
  // Where each SKU's fold goes on from (docs/SCORECARD.md, "Fold state at each week's end"): after the
  // last of its weeks whose fold is kept without a gap from its first week. Kept folds only exist
  // while nothing before their end arrived since, so a newly closed week folds only itself, and a late
  // event the weeks from its own on. None kept: its whole ledger from START_STATE.
  const ends = await readSkuFoldEnds(pool, timezone, t.config, [...stamps.keys()], t.through);
  const plan = new Map<number, { from: number; resume: number; state: SkuFoldState }>();
  for (const [skuId, stamp] of stamps) {
    if (stamp.firstAt === null) continue;
    const first = stamp.firstAt;
    const from = windows.findIndex((w) => w.to > first);
    if (from < 0) continue;
    const kept = ends.get(skuId);
    let resume = from;
    while (resume < windows.length && kept?.get(windows[resume].to) === windows[resume].from) resume++;
    plan.set(skuId, { from, resume, state: START_STATE });
  }
  // Only the states folded on from are read (a chunk's other kept states are its history's weeks).
  const resumeAt = new Map([...plan].filter(([, p]) => p.resume > p.from && p.resume < windows.length).map(([id, p]) => [id, windows[p.resume - 1].to]));
  const states = await readSkuFoldStates(pool, timezone, t.config, resumeAt);
  for (const id of resumeAt.keys()) {
    const p = plan.get(id)!;
    const state = states.get(id);
    // Gone since the ends were read (a drain took it): the whole ledger, as with none kept.
    if (state) p.state = state;
    else p.resume = p.from;
  }
  const rows: { skuId: number; i: number; v: SkuWeek }[] = [];
  const foldRows: FoldRow[] = [];
  const todoIds = [...plan].filter(([, p]) => p.resume < windows.length).map(([id]) => id);
  const since = (id: number) => {
    const p = plan.get(id)!;
    return p.resume > p.from ? new Date(foldReadsFrom(windows[p.resume])) : null;
  };
  await forEachSkuHistory(
    pool,
    todoIds,
    t.through,
    (skuId, events) => {
      const p = plan.get(skuId)!;
      const weeks = windows.slice(p.resume);
      const { values, states } = foldSkuWeeks(p.state, events, locations, weeks);
      values.forEach((v, k) => {
        rows.push({ skuId, i: p.resume + k, v });
        foldRows.push({ skuId, window: weeks[k], state: states[k], value: v });
      });
      // Batches of a quarter chunk: the next batch is read while this one is folded (one read per chunk would leave Postgres and Node taking turns).
    },
    Math.max(1, Math.ceil(limit / 4)),
    since,
  );
  const stampOf = (id: number) => stamps.get(id)!;
  // The weeks before the resume point are the kept folds' own: put back where a late event (after
  // them) or a new event of a quiet SKU made the kept week rows look stale.
  const resumed = [...plan].filter(([, p]) => p.resume > p.from);
  await restampSkuWeeks(pool, timezone, t.config, new Map(resumed.map(([id, p]) => [id, windows[p.resume - 1].to])), stampOf);
  for (let c = 0; c < rows.length; c += 5000) await storeSkuWeeks(pool, t.config, windows, rows.slice(c, c + 5000), stampOf);
  for (let c = 0; c < foldRows.length; c += 5000) await storeSkuFolds(pool, timezone, t.config, foldRows.slice(c, c + 5000), stampOf);
  // Folds kept under other locations (a sellable flag or trusted sources changed) are of no use now.
  await pool.query("DELETE FROM scorecard_sku_fold WHERE timezone = $1 AND sku_id = ANY($2::int[]) AND config <> $3", [timezone, [...stamps.keys()], t.config]);
  const ids = [...stamps.keys()];
  await pool.query(
    `INSERT INTO scorecard_sku_prepared (timezone, sku_id, config, through, events, high_water, late, done_at)
     SELECT $1, u.sku_id, $2, $3, u.events, u.high_water, u.late, now() FROM unnest($4::int[], $5::bigint[], $6::timestamptz[], $7::bigint[]) AS u(sku_id, events, high_water, late)
     ON CONFLICT (timezone, sku_id) DO UPDATE SET config = EXCLUDED.config, through = EXCLUDED.through, events = EXCLUDED.events, high_water = EXCLUDED.high_water,
       late = EXCLUDED.late, done_at = EXCLUDED.done_at`,
    [t.timezone, t.config, t.through, ids, ids.map((id) => stampOf(id).events), ids.map((id) => new Date(stampOf(id).highWater!)), ids.map((id) => stampOf(id).late)],
  );
  await seen(pool, timezone);
  return { locked: true, prepared: ids.length, remaining: Number(todo.rows[0].n) - ids.length, resumed: resumed.length };
}

/**
 * Prepare every SKU now (`npm run rebuild`, the demo before it says it is ready): chunk after chunk
 * until none is left, waiting while another instance holds the lock.
 */
export async function prepareAllSkuWeeks(pool: pg.Pool, timezone: string, onChunk?: (r: PrepareResult) => void, now?: number): Promise<number> {
  let total = 0;
  // The stamps it reads must know every event written so far (a seed just went in).
  await drainScorecardRollups(pool);
  for (;;) {
    const r = await prepareSkuWeeks(pool, timezone, { now });
    if (!r.locked) {
      await new Promise((res) => setTimeout(res, 200));
      continue;
    }
    total += r.prepared;
    onChunk?.(r);
    if (r.remaining === 0) return total;
  }
}
