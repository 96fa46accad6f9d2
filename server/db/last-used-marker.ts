import "server-only";
import type pg from "pg";
import { type Clock, systemClock } from "@/lib/time/clock";

/**
 * "Last used" times for credentials (tokens, signing secrets) help decide whether an old one can
 * go; minute precision is plenty, so each id is written at most once a minute, off the request path.
 * `sql` is a constant UPDATE taking the id as $1.
 */
export class LastUsedMarker {
  private marked = new Map<string, number>();
  constructor(
    private readonly pool: pg.Pool,
    private readonly sql: string,
    private readonly clock: Clock = systemClock,
  ) {}

  mark(id: string): void {
    const now = this.clock.now();
    if (now - (this.marked.get(id) ?? 0) < 60_000) return;
    if (this.marked.size > 10_000) this.marked.clear();
    this.marked.set(id, now);
    this.pool.query(this.sql, [id]).catch(() => {});
  }
}
