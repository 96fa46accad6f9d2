/** A dead worker is started again after 1 s, doubling while it keeps dying young, up to 30 s. */
export const RESTART_FIRST_MS = 1_000;
export const RESTART_MAX_MS = 30_000;

/** The wait before a worker's `failures`-th restart in a row (server/cluster/start-workers.ts). */
export function restartDelayMs(failures: number): number {
  return Math.min(RESTART_MAX_MS, RESTART_FIRST_MS * 2 ** Math.max(0, failures - 1));
}
