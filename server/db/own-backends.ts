import "server-only";
import type pg from "pg";

/**
 * The Postgres backend pids of this instance's pooled connections. A notification names the backend
 * that sent it, so an instance can tell its own announcements (already applied, its answer waited
 * for them) from another's, even when several instances share one process (tests) or a bundle
 * (Next's route handlers reach the same pools through the services).
 */
export class OwnBackends {
  private readonly pids = new Set<number>();

  /** Before the pool's first connection: connections opened earlier are not known. */
  watch(pool: pg.Pool): void {
    pool.on("connect", (client) => {
      const pid = (client as unknown as { processID: number | null }).processID;
      if (pid !== null) this.pids.add(pid);
    });
    pool.on("remove", (client) => {
      const pid = (client as unknown as { processID: number | null }).processID;
      if (pid !== null) this.pids.delete(pid);
    });
  }

  has(pid: number): boolean {
    return this.pids.has(pid);
  }
}
