import "server-only";
import type pg from "pg";

/**
 * Rebuild every scorecard rollup from the ledger and the acknowledgements, and forget the cached
 * weeks (the migration that created them ran the same, as a backfill). Writers of events and
 * acknowledgements wait meanwhile. For a database whose rollups are in doubt (restored from parts,
 * triggers disabled for a bulk load): `npm run rebuild`.
 */
export async function rebuildScorecardRollups(pool: pg.Pool): Promise<void> {
  await pool.query("SELECT onepool_scorecard_rebuild()");
}
