import { z } from "zod";

/**
 * What a live viewer says it shows (docs/LIVE.md §watch): the SKU codes of the rows on screen. The
 * hub then sends that socket the changed rows of those SKUs only. `null` = every row (the default of
 * a socket that never sent `watch`: connectors and tools that follow the whole catalogue).
 */
export const MAX_WATCHED_SKUS = 500;
export const watchMessage = z.object({
  skus: z.array(z.string().min(1).max(100)).max(MAX_WATCHED_SKUS).nullable(),
});
export type WatchMessage = z.infer<typeof watchMessage>;

/** At most this many `watch` messages per socket per second (a burst of this many, refilled evenly). */
export const WATCH_PER_SECOND = 10;

/** The rows a socket watching `watch` receives of a frame's rows (all of them when it watches everything). */
export function rowsForWatch<T extends { code: string }>(rows: readonly T[], watch: ReadonlySet<string> | null | undefined): T[] {
  if (!watch) return [...rows];
  return rows.filter((r) => watch.has(r.code));
}

/** A token bucket per socket: `allow` is false while the socket sends faster than `perSecond`. */
export class WatchRate {
  private tokens: number;
  private at: number;
  constructor(
    private readonly perSecond = WATCH_PER_SECOND,
    now = 0,
  ) {
    this.tokens = perSecond;
    this.at = now;
  }
  allow(now: number): boolean {
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
