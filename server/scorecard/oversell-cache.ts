import "server-only";
import type pg from "pg";
import { countOversellsByWeek, type OversellCount } from "@/server/oversells/count-oversells-by-cause";
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
//   than a minute before the statement that writes them (the demo's seed, an import) or lose rows
//   (pruning). Live writers date their rows at the time they write them, after any closed week.
// Weeks are kept only once they ended 5 minutes ago, so a live row dated just before the end has long committed.

/** Bump when the engine's causes or counting change, so counts computed by older code are not served. */
const VERSION = 2;
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

/** Each keepable week's stamp (null: not kept), in one query. */
async function stampsOf(pool: pg.Pool, ends: readonly (Date | null)[], toleranceMs: number): Promise<(string | null)[]> {
  const kept = ends.filter((e): e is Date => e !== null).map((e) => new Date(e.getTime() + toleranceMs));
  if (kept.length === 0) return ends.map(() => null);
  // An hour is counted when it starts before the bound: the events up to the next whole hour.
  const r = await pool.query<{ before: string; catalogue: string; epoch: string | null }>(
    `WITH c AS (SELECT ${CATALOGUE_SQL} AS catalogue, (SELECT epoch FROM scorecard_history_epoch WHERE id = 1) AS epoch)
     SELECT coalesce((SELECT sum(h.events) FROM scorecard_event_hour h WHERE h.hour < u.e), 0) AS before, c.catalogue, c.epoch
       FROM unnest($1::timestamptz[]) WITH ORDINALITY AS u(e, i) CROSS JOIN c ORDER BY u.i`,
    [kept],
  );
  let k = 0;
  return ends.map((e) => {
    if (e === null) return null;
    const x = r.rows[k++];
    return `v${VERSION}:${x.epoch ?? "none"}:${x.before}:${x.catalogue}`;
  });
}

const isCounts = (x: unknown): x is OversellCount[] =>
  Array.isArray(x) && x.every((c) => c && typeof c === "object" && typeof (c as OversellCount).count === "number" && typeof (c as OversellCount).cause === "string");

/**
 * Oversell counts per week (as countOversellsByWeek answers), closed weeks from the cache where
 * their stamp is unchanged; the engine runs once over each run of consecutive weeks that are not.
 * `kept` says how many weeks came from the cache.
 */
export async function countOversellsKept(pool: pg.Pool, ranges: readonly Range[], now = Date.now(), toleranceMs = futureToleranceMs()): Promise<{ weeks: OversellCount[][]; kept: number }> {
  const keepable = ranges.map((r) => r.to.getTime() + SETTLE_MS <= now);
  // Stamps before the counts (an event committed in between makes the next call recompute, never the reverse).
  const stamps = await stampsOf(
    pool,
    ranges.map((r, i) => (keepable[i] ? r.to : null)),
    toleranceMs,
  );
  const kept = await pool.query<{ week_from: Date; week_to: Date; stamp: string; counts: unknown }>(
    `SELECT k.week_from, k.week_to, k.stamp, k.counts FROM scorecard_oversell_week k
       JOIN unnest($1::timestamptz[], $2::timestamptz[]) AS u(f, t) ON k.week_from = u.f AND k.week_to = u.t`,
    [ranges.map((r) => r.from), ranges.map((r) => r.to)],
  );
  const out: (OversellCount[] | null)[] = ranges.map((r, i) => {
    const row = kept.rows.find((k) => k.week_from.getTime() === r.from.getTime() && k.week_to.getTime() === r.to.getTime());
    return row && stamps[i] !== null && row.stamp === stamps[i] && isCounts(row.counts) ? row.counts : null;
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
    const counted = await countOversellsByWeek(pool, ranges.slice(i, j + 1));
    for (let k = i; k <= j; k++) {
      out[k] = counted[k - i];
      if (stamps[k] !== null) await storeCounts(pool, ranges[k], stamps[k]!, counted[k - i]);
    }
    i = j + 1;
  }
  return { weeks: out as OversellCount[][], kept: hits };
}

async function storeCounts(pool: pg.Pool, r: Range, stamp: string, counts: OversellCount[]): Promise<void> {
  await pool.query(
    `INSERT INTO scorecard_oversell_week (week_from, week_to, stamp, counts, computed_at) VALUES ($1, $2, $3, $4::jsonb, now())
     ON CONFLICT (week_from, week_to) DO UPDATE SET stamp = EXCLUDED.stamp, counts = EXCLUDED.counts, computed_at = EXCLUDED.computed_at`,
    [r.from, r.to, stamp, JSON.stringify(counts)],
  );
}
