import "server-only";
import { performance } from "node:perf_hooks";
import type pg from "pg";
import { type Clock, systemClock } from "@/lib/time/clock";
import { loadAllocationContext, type AllocationContext } from "@/server/queries/load-allocation-context";
import { allSkuIds, emptyPublishStats, publishSkus, type PublishStats } from "./publish-skus";
import { loggerFor } from "@/server/log/logger";

const publisherLog = loggerFor("publisher");

/** The last finished pass: how many SKUs, and where its time went (wall ms). */
export interface PassStats extends PublishStats {
  everything: boolean;
  contextMs: number;
  idsMs: number;
  totalMs: number;
  changedSkus: number;
}

const MAX_TIMER_MS = 2 ** 31 - 1;
const CONTEXT_MAX_AGE_MS = 1000;

/**
 * Keeps `published_quantity` current (docs/CHANNEL-RULES.md): stock changes recompute their SKUs; rule, pause
 * and catalogue changes recompute every SKU; a pause's `until` ends it on time. One pass at a time,
 * coalescing whatever arrives meanwhile. After each pass the live layer is told which SKUs to
 * refresh, so the numbers on screen are the stored ones.
 */
/** What a change of rules or pauses needs of the publisher: every number recomputed before it answers. */
export type Republisher = Pick<Publisher, "recomputeAll">;

export class Publisher {
  private dirty = new Set<number>();
  private all = false;
  private ctx: AllocationContext | null = null;
  /** Bumped by every control change; a context loaded under an older generation is reloaded. */
  private gen = 0;
  private ctxGen = -1;
  private ctxAt = 0;
  private ctxLoading: Promise<AllocationContext> | null = null;
  /** Per dirty SKU, the earliest occurredAt (ms) of the events that moved it: end-to-end lag starts there. */
  private dirtyAt = new Map<number, number>();
  private allAt: number | null = null;
  private running: Promise<void> | null = null;
  private pauseTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Timings of the last pass that stored its numbers (logs, `npm run bench`). */
  lastPass: PassStats | null = null;
  /** Told of every pass, stored (its timings) or failed (null): GET /metrics. Set by the server. */
  onPass: ((pass: PassStats | null) => void) | null = null;

  constructor(
    private readonly pool: pg.Pool,
    /** SKUs whose rows may have changed: their stock moved, or their published numbers did. */
    private readonly onPublished: (skuIds: number[]) => void,
    private readonly log: (m: string) => void = (m) => publisherLog.error(m),
    /** "Now" for lag start times, the context's age and when a pause ends (a unit test moves it). */
    private readonly clock: Clock = systemClock,
  ) {}

  /** Their stock changed (a commit); `occurredAt` (ms per SKU) is when the events that moved it happened. */
  markDirty(skuIds: Iterable<number>, occurredAt?: ReadonlyMap<number, number>): void {
    const now = this.clock.now();
    for (const id of skuIds) {
      this.dirty.add(id);
      const at = occurredAt?.get(id) ?? now;
      const prev = this.dirtyAt.get(id);
      if (prev === undefined || at < prev) this.dirtyAt.set(id, at);
    }
    this.kick();
  }

  /** Rules, pauses, channels or the catalogue changed: reload them and recompute every SKU. */
  contextChanged(): void {
    this.gen++;
    this.all = true;
    this.allAt ??= this.clock.now();
    this.kick();
  }

  /**
   * Rules, pauses and channels as of at most a second ago (or since this process's last control
   * change): what reservations check a channel's number against, the same inputs a pass uses.
   */
  async context(): Promise<AllocationContext> {
    if (this.ctx && this.ctxGen === this.gen && this.clock.now() - this.ctxAt <= CONTEXT_MAX_AGE_MS) return this.ctx;
    if (!this.ctxLoading) {
      const gen = this.gen;
      const at = this.clock.now();
      this.ctxLoading = loadAllocationContext(this.pool)
        .then((ctx) => {
          if (gen >= this.ctxGen) {
            this.ctx = ctx;
            this.ctxGen = gen;
            this.ctxAt = at;
            this.schedulePauseEnd(ctx);
          }
          return ctx;
        })
        .finally(() => (this.ctxLoading = null));
    }
    return this.ctxLoading;
  }

  /** A control change: recompute everything and resolve once stored (the change's answer waits for it). */
  async recomputeAll(): Promise<void> {
    this.contextChanged();
    await this.settle();
  }

  /** Resolves once everything marked so far is stored (a rule change answers after its numbers are). */
  async settle(): Promise<void> {
    while (this.running || this.dirty.size || this.all) {
      this.kick();
      await this.running;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.pauseTimer) clearTimeout(this.pauseTimer);
    await this.running;
  }

  private kick(): void {
    if (this.running || this.closed) return;
    this.running = this.drain().finally(() => {
      this.running = null;
      if (!this.closed && (this.dirty.size || this.all)) this.kick();
    });
  }

  private async drain(): Promise<void> {
    // Let the commit that marked us finish its own work first; many commits coalesce into one pass.
    await new Promise((r) => setImmediate(r));
    let everything = false;
    let ids: number[] = [];
    const stockMoved = [...this.dirty];
    this.dirty.clear();
    const movedAt = this.dirtyAt;
    this.dirtyAt = new Map();
    let allAt: number | null = null;
    const gen = this.gen;
    try {
      const t0 = performance.now();
      // Reloaded at least every second: another instance may have changed a rule or a pause.
      const ctx = await this.context();
      everything = this.all;
      allAt = this.allAt;
      this.all = false;
      this.allAt = null;
      const t1 = performance.now();
      ids = everything ? await allSkuIds(this.pool) : stockMoved;
      const t2 = performance.now();
      const stats = emptyPublishStats();
      const now = this.clock.now();
      const occurredAt = (skuId: number) => Math.min(movedAt.get(skuId) ?? now, everything ? (allAt ?? now) : now);
      const changed = await publishSkus(this.pool, ctx, ids, stats, { write: true, occurredAt });
      this.lastPass = { ...stats, everything, contextMs: t1 - t0, idsMs: t2 - t1, totalMs: performance.now() - t0, changedSkus: changed.length };
      this.onPass?.(this.lastPass);
      const refresh = everything ? new Set([...changed, ...stockMoved]) : new Set(ids);
      if (refresh.size) this.onPublished([...refresh]);
      // A control change arrived while this pass ran on the rules as they were: one more pass.
      if (this.gen !== gen) this.all = true;
    } catch (err) {
      // Nothing is lost: the same SKUs are tried again after a pause (the database may be restarting).
      this.log(`[publish] recompute failed: ${err instanceof Error ? err.message : String(err)}`);
      this.onPass?.(null);
      this.ctxGen = -1;
      for (const id of stockMoved) this.dirty.add(id);
      for (const [id, at] of movedAt) if (!this.dirtyAt.has(id) || at < this.dirtyAt.get(id)!) this.dirtyAt.set(id, at);
      if (everything) {
        this.all = true;
        this.allAt = Math.min(this.allAt ?? Infinity, allAt ?? this.clock.now());
      }
      await new Promise((r) => setTimeout(r, 1000).unref());
    }
  }

  /** A pause with an `until` resumes by itself: recompute the moment it ends (docs/CHANNEL-RULES.md: within 2 s). */
  private schedulePauseEnd(ctx: AllocationContext): void {
    if (this.pauseTimer) clearTimeout(this.pauseTimer);
    this.pauseTimer = null;
    const next = ctx.pauseIndex.nextEnd();
    if (!next || this.closed) return;
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, Date.parse(next) - this.clock.now() + 20));
    this.pauseTimer = setTimeout(() => this.contextChanged(), wait);
    this.pauseTimer.unref();
  }
}
