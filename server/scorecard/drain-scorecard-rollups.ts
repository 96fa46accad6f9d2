import "server-only";
import type pg from "pg";
import { startBackgroundDrain } from "@/server/jobs/start-background-drain";
import { loggerFor } from "@/server/log/logger";

const scorecardLog = loggerFor("scorecard");

/** Queue rows (INSERT statements into event) folded per transaction. */
const STATEMENTS_PER_DRAIN = 200;
/** A read drains what was queued when it started, not a queue that ingest keeps filling. */
const MAX_ROUNDS = 100;

/**
 * Fold the events queued by the event trigger into the scorecard's rollups (onepool_scorecard_drain,
 * migration 20261207012622): the background drainer calls it every second, and every scorecard read
 * before it reads, so a committed event is in the figures whichever runs first. Returns the events folded.
 */
export async function drainScorecardRollups(pool: pg.Pool): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_ROUNDS; i++) {
    const r = await pool.query<{ n: string }>("SELECT onepool_scorecard_drain($1) AS n", [STATEMENTS_PER_DRAIN]);
    const n = Number(r.rows[0].n);
    total += n;
    if (n === 0) break;
  }
  return total;
}

/**
 * Every second: keeps the rollups within a second of the ledger, off the ingest's commit path (the
 * trigger only queues the statement's seqs).
 */
export function startScorecardDrainer(pool: pg.Pool, intervalMs = 1000): { stop(): Promise<void> } {
  return startBackgroundDrain(() => drainScorecardRollups(pool), { intervalMs, log: scorecardLog, failure: "folding queued events into the rollups failed" });
}
