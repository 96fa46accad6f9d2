/**
 * Connections per worker of `npm start` (docs/SCALING.md, "Connections"): every worker opens its
 * own pools, so N workers with the single-process defaults (10 + 3 + 3, plus 5 fixed) would need
 * 21 × N connections; 8 workers would pass Postgres's default max_connections of 100.
 */

/** Per worker and not configurable: the Socket.IO adapter's pool (3), the context bus's and the frame bus's LISTEN connections (1 each). */
export const FIXED_CONNECTIONS_PER_WORKER = 5;
/** Of Postgres's default 100: 3 are reserved for superusers, the rest leaves room for CLIs, psql, a migration and a rolling restart's overlap. */
export const DEFAULT_CONNECTION_BUDGET = 80;
/** What one process gets (server/env.ts defaults): the most a worker gets too. */
export const SINGLE_PROCESS_POOLS = { main: 10, ingest: 3, read: 3 } as const;

export interface WorkerPools {
  main: number;
  ingest: number;
  read: number;
  /** Every connection one worker may open: the three pools plus the fixed ones. */
  perWorker: number;
  /** perWorker × workers. */
  total: number;
  /** total > budget: even the minimum pools do not fit (lower ONEPOOL_WORKERS or raise max_connections). */
  overBudget: boolean;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/**
 * Sizes for the pools a setting does not fix: share `budget` among the workers, fixed connections
 * first, then one ingest and one read connection each, the rest to the main pool (at least 2,
 * which Prisma and the publisher need at once). Explicit settings are kept as they are.
 */
export function workerPools(workers: number, explicit: Partial<Record<"main" | "ingest" | "read", number>> = {}, budget = DEFAULT_CONNECTION_BUDGET): WorkerPools {
  const share = Math.floor(budget / workers) - FIXED_CONNECTIONS_PER_WORKER;
  const ingest = explicit.ingest ?? clamp(Math.floor(share / 4), 1, SINGLE_PROCESS_POOLS.ingest);
  const read = explicit.read ?? clamp(Math.floor(share / 4), 1, SINGLE_PROCESS_POOLS.read);
  const main = explicit.main ?? clamp(share - ingest - read, 2, SINGLE_PROCESS_POOLS.main);
  const perWorker = main + ingest + read + FIXED_CONNECTIONS_PER_WORKER;
  return { main, ingest, read, perWorker, total: perWorker * workers, overBudget: perWorker * workers > budget };
}
