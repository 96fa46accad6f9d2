import "server-only";
import type pg from "pg";
import { isClearOfCut } from "@/lib/oversells/kept-line-facts";
import { countOversellsByWeek, type OversellCount } from "@/server/oversells/count-oversells-by-cause";
import type { OversellsFoldLimit } from "@/server/oversells/get-oversells";
import { parseEnv } from "@/server/env";
import { CATALOGUE_SQL } from "./answer-cache";

// A closed week's oversell counts (docs/OVERSELLS.md, the scorecard's `oversells` figure), kept in
// scorecard_oversell_week so a warm scorecard does not run the oversell engine. The engine reads the
// ledger up to the week's end (the oversold lines, their SKUs' folds), the published history and the
// acknowledgements at instants before it. Its stamp (docs/SCORECARD.md, "Oversell counts"):
// - the number of events that occurred before the end plus the future tolerance (an event that
//   arrived before the end occurred at most that long after), from scorecard_event_hour, whole hours,
//   so up to an hour more: the ledger is append-only, so the number moves iff that set does. An
//   event late elsewhere (after the week, or in another week) leaves it alone;
// - the catalogue, as the answer's (answer-cache.ts);
// - the history epoch: a trigger bumps it when published_history or outbound_ack get rows dated more
//   than a minute before the statement that writes them (the demo's seed, an import) or lose a row
//   with no later row of its (SKU, channel) left. Live writers date their rows at the time they write
//   them, after any closed week.
// Beside the stamp, the week's earliest placing: pruning moves the history's cut instead of the epoch,
// and the counts stay current while the cut is not after it (the numbers they read, at each placing,
// are unchanged).
// Weeks are kept only once they ended 5 minutes ago, so a live row dated just before the end has long committed.

/** Bump when the engine's causes or counting change, so counts computed by older code are not served. */
const VERSION = 3;
const SETTLE_MS = 5 * 60_000;
const MAX_FUTURE_TOLERANCE_MS = 86_400_000;

let configuredTolerance: number | undefined;
/** ONEPOOL_FUTURE_TOLERANCE_SECONDS as ingest enforces it; the most it can be set to if the environment does not parse. */
function futureToleranceMs(): number {
  if (configuredTolerance === undefined) {
    try {
      configuredTolerance = parseEnv().ONEPOOL_FUTURE_TOLERANCE_SECONDS * 1000;
    } catch {
      configuredTolerance = MAX_FUTURE_TOLERANCE_MS;
    }
  }
  return configuredTolerance;
}

interface Range {
  from: Date;
  to: Date;
}

/** Each keepable week's stamp (null: not kept) and the history's cut (ms, null: none), in one query. */
async function stampsOf(pool: pg.Pool, ends: readonly (Date | null)[], toleranceMs: number): Promise<{ stamps: (string | null)[]; cut: number | null }> {
  const kept = ends.filter((e): e is Date => e !== null).map((e) => new Date(e.getTime() + toleranceMs));
  if (kept.length === 0) return { stamps: ends.map(() => null), cut: null };
  // An hour is counted when it starts before the bound: the events up to the next whole hour.
  const r = await pool.query<{ before: string; catalogue: string; epoch: string | null; cut: Date | null }>(
    `WITH c AS (SELECT ${CATALOGUE_SQL} AS catalogue, e.epoch, e.cut FROM (VALUES (1)) one(id) LEFT JOIN scorecard_history_epoch e ON e.id = one.id)
     SELECT coalesce((SELECT sum(h.events) FROM scorecard_event_hour h WHERE h.hour < u.e), 0) AS before, c.catalogue, c.epoch, c.cut
       FROM unnest($1::timestamptz[]) WITH ORDINALITY AS u(e, i) CROSS JOIN c ORDER BY u.i`,
    [kept],
  );
  let k = 0;
  const stamps = ends.map((e) => {
    if (e === null) return null;
    const x = r.rows[k++];
    return `v${VERSION}:${x.epoch ?? "none"}:${x.before}:${x.catalogue}`;
  });
  return { stamps, cut: r.rows[0].cut?.getTime() ?? null };
}

const isCounts = (x: unknown): x is OversellCount[] =>
  Array.isArray(x) && x.every((c) => c && typeof c === "object" && typeof (c as OversellCount).count === "number" && typeof (c as OversellCount).cause === "string");

/**
 * Oversell counts per week (as countOversellsByWeek answers), closed weeks from the cache where
 * their stamp is unchanged; the engine runs once over each run of consecutive weeks that are not.
 * `kept` says how many weeks came from the cache.
 */
export async function countOversellsKept(
  pool: pg.Pool,
  ranges: readonly Range[],
  opts: { now?: number; toleranceMs?: number; limit?: OversellsFoldLimit } = {},
): Promise<{ weeks: OversellCount[][]; kept: number }> {
  const now = opts.now ?? Date.now();
  const toleranceMs = opts.toleranceMs ?? futureToleranceMs();
  const keepable = ranges.map((r) => r.to.getTime() + SETTLE_MS <= now);
  // Stamps before the counts (an event committed in between makes the next call recompute, never the reverse).
  const { stamps, cut } = await stampsOf(
    pool,
    ranges.map((r, i) => (keepable[i] ? r.to : null)),
    toleranceMs,
  );
  const kept = await pool.query<{ week_from: Date; week_to: Date; stamp: string; counts: unknown; first_placed_at: Date | null }>(
    `SELECT k.week_from, k.week_to, k.stamp, k.counts, k.first_placed_at FROM scorecard_oversell_week k
       JOIN unnest($1::timestamptz[], $2::timestamptz[]) AS u(f, t) ON k.week_from = u.f AND k.week_to = u.t`,
    [ranges.map((r) => r.from), ranges.map((r) => r.to)],
  );
  const out: (OversellCount[] | null)[] = ranges.map((r, i) => {
    const row = kept.rows.find((k) => k.week_from.getTime() === r.from.getTime() && k.week_to.getTime() === r.to.getTime());
    return row && stamps[i] !== null && row.stamp === stamps[i] && isClearOfCut(row.first_placed_at?.getTime() ?? null, cut) && isCounts(row.counts) ? row.counts : null;
  });
  const hits = out.filter((x) => x !== null).length;

  // The engine over each run of consecutive weeks that missed.
  for (let i = 0; i < ranges.length; ) {
    if (out[i] !== null) {
      i += 1;
      continue;
    }
    let j = i;
    while (j + 1 < ranges.length && out[j + 1] === null) j += 1;
    const counted = await countOversellsByWeek(pool, ranges.slice(i, j + 1), opts.limit);
    for (let k = i; k <= j; k++) {
      const { counts, firstPlacedAt } = counted[k - i];
      out[k] = counts;
      // A week with a line placed before the cut would be counted again on every read: not kept.
      if (stamps[k] !== null && isClearOfCut(firstPlacedAt, cut)) await storeCounts(pool, ranges[k], stamps[k]!, counts, firstPlacedAt);
    }
    i = j + 1;
  }
  return { weeks: out as OversellCount[][], kept: hits };
}

async function storeCounts(pool: pg.Pool, r: Range, stamp: string, counts: OversellCount[], firstPlacedAt: number | null): Promise<void> {
  await pool.query(
    `INSERT INTO scorecard_oversell_week (week_from, week_to, stamp, counts, computed_at, first_placed_at) VALUES ($1, $2, $3, $4::jsonb, now(), $5)
     ON CONFLICT (week_from, week_to) DO UPDATE SET stamp = EXCLUDED.stamp, counts = EXCLUDED.counts, computed_at = EXCLUDED.computed_at, first_placed_at = EXCLUDED.first_placed_at`,
    [r.from, r.to, stamp, JSON.stringify(counts), firstPlacedAt === null ? null : new Date(firstPlacedAt)],
  );
}
