import "server-only";
import type pg from "pg";
import { type Clock, systemClock } from "@/lib/time/clock";
import { ALERT_KINDS, SKU_KINDS, type AlertKind, type SkuKind } from "@/lib/alerts/kinds";
import { sweepIntervalMs, type AlertSettings } from "@/lib/alerts/settings";
import { loadAlertSettings } from "./alert-settings";
import type { AlertChange } from "./announce-alert-change";
import { evaluateKind, type Evaluation } from "./apply-alert-hits";
import { loggerFor } from "@/server/log/logger";

const alertLog = loggerFor("alerts");

export interface AlertEngineOptions {
  /** How often every kind is evaluated (ONEPOOL_ALERT_SWEEP_SECONDS). */
  sweepMs: number;
  /** How often the SKU kinds are evaluated over every SKU rather than the ones ingest touched (ONEPOOL_ALERT_FULL_SWEEP_SECONDS). */
  fullSweepMs: number;
  /**
   * How long ingest's SKUs gather before they are evaluated, per kind: one evaluation per burst,
   * not per batch. Low cover touches every SKU that moved, so it gathers longest (a reorder alert
   * is days-scale; this bounds its cost per second by the SKUs, not the events).
   */
  ingestDelayMs: Record<SkuKind, number>;
  /** ONEPOOL_SAFETY_DAYS: low cover's default safety days, as the dashboard's. */
  safetyDays: number;
  /** Told of every change this instance made (every instance hears them all through Postgres). */
  onChanges?: (changes: AlertChange[]) => void;
  /** What the sweep reads "now" from to decide which kinds are due (a unit test moves it). */
  clock?: Clock;
}

const TIME_KINDS = ALERT_KINDS.filter((k) => !(SKU_KINDS as readonly string[]).includes(k));

/**
 * Evaluates the alerts of docs/ALERTS.md (docs/ALERTS.md). Two triggers:
 * - the sweep, every `sweepMs`: the time-based kinds over every subject, and the SKU kinds for the
 *   SKUs that have an alert open or a condition pending (so they resolve as windows slide); every
 *   `fullSweepMs` (and at start) the SKU kinds over every SKU too.
 * - ingest: after a commit, the SKUs it touched (low cover), that had returns (returns spike) or
 *   counts (variance), gathered for `ingestDelayMs[kind]` and evaluated off the ingest path.
 * One evaluation at a time per instance; instances share the work safely (apply-alert-hits.ts).
 */
export class AlertEngine {
  private timer: NodeJS.Timeout | null = null;
  private ingestTimers: Partial<Record<SkuKind, NodeJS.Timeout>> = {};
  private running: Promise<void> = Promise.resolve();
  private pending: Record<SkuKind, Set<number>> = { low_cover: new Set(), returns_spike: new Set(), variance: new Set() };
  private lastFull = 0;
  /** When the sweep last evaluated each kind (some kinds are evaluated less often: sweepIntervalMs). */
  private lastSwept: Partial<Record<AlertKind, number>> = {};
  private stopped = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly opts: AlertEngineOptions,
  ) {}

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const t of Object.values(this.ingestTimers)) clearTimeout(t);
    await this.running;
  }

  /** After an ingest commit: which SKUs moved, and the event types that moved them. Cheap: sets only. */
  ingested(events: readonly { skuId: number; type: string }[]): void {
    if (this.stopped || events.length === 0) return;
    for (const e of events) {
      this.pending.low_cover.add(e.skuId);
      if (e.type === "return.received") this.pending.returns_spike.add(e.skuId);
      if (e.type === "cycle_count") this.pending.variance.add(e.skuId);
    }
    for (const kind of SKU_KINDS) {
      if (this.pending[kind].size === 0 || this.ingestTimers[kind]) continue;
      const t = setTimeout(() => {
        delete this.ingestTimers[kind];
        void this.enqueue(() => this.evaluateIngested([kind]));
      }, this.opts.ingestDelayMs[kind]);
      t.unref();
      this.ingestTimers[kind] = t;
    }
  }

  /** Settings changed on this instance: evaluate every kind over every subject now (others pick the settings up at their next sweep). */
  settingsChanged(): Promise<void> {
    return this.evaluateEverything();
  }

  /**
   * Every kind over every subject now, as at start: after a bulk load whose commits did not pass
   * through the after-commit hook (the demo's seed writes through a committer of its own).
   */
  evaluateEverything(): Promise<void> {
    this.lastFull = 0;
    return this.sweepNow();
  }

  /** One sweep now, after whatever is running (full when one is due); tests and the settings route wait on it. */
  sweepNow(): Promise<void> {
    return this.enqueue(() => this.sweep());
  }

  /** Resolves once what ingest handed over so far has been evaluated. */
  async settle(): Promise<void> {
    const kinds = SKU_KINDS.filter((k) => this.ingestTimers[k]);
    for (const k of kinds) {
      clearTimeout(this.ingestTimers[k]);
      delete this.ingestTimers[k];
    }
    if (kinds.length) await this.enqueue(() => this.evaluateIngested(kinds));
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.enqueue(() => this.sweep()).finally(() => this.schedule(this.opts.sweepMs));
    }, ms);
    this.timer.unref();
  }

  private enqueue(fn: () => Promise<void>): Promise<void> {
    const next = this.running
      .then(() => (this.stopped ? undefined : fn()))
      .catch((err) => {
        alertLog.error({ err }, "evaluation failed");
      });
    this.running = next;
    return next;
  }

  private async run(settings: AlertSettings, evaluations: Evaluation[]): Promise<void> {
    for (const e of evaluations) {
      if (this.stopped) return;
      try {
        const changes = await evaluateKind(this.pool, settings, e);
        if (changes.length) this.opts.onChanges?.(changes);
      } catch (err) {
        // One kind's failure (a query timing out) must not stop the others.
        alertLog.error({ err, kind: e.kind }, "evaluating a kind failed");
      }
    }
  }

  private async sweep(): Promise<void> {
    const settings = await loadAlertSettings(this.pool, this.opts.safetyDays);
    const now = (this.opts.clock ?? systemClock).now();
    const full = now - this.lastFull >= this.opts.fullSweepMs;
    if (full) this.lastFull = now;
    // A full sweep (start, settings change) evaluates every kind; otherwise each at its own cadence.
    const due = TIME_KINDS.filter((kind) => full || now - (this.lastSwept[kind] ?? 0) >= sweepIntervalMs(kind, settings, this.opts.sweepMs) - 10);
    for (const kind of due) this.lastSwept[kind] = now;
    const evaluations: Evaluation[] = due.map((kind) => ({ kind, skus: null }));
    for (const kind of SKU_KINDS) {
      if (full) evaluations.push({ kind, skus: null });
      else {
        const skus = await this.trackedSkus(kind);
        if (skus.length) evaluations.push({ kind, skus });
      }
    }
    await this.run(settings, evaluations);
  }

  private async evaluateIngested(kinds: readonly SkuKind[]): Promise<void> {
    const evaluations: Evaluation[] = [];
    for (const kind of kinds) {
      if (this.pending[kind].size) evaluations.push({ kind, skus: [...this.pending[kind]] });
      this.pending[kind] = new Set();
    }
    if (evaluations.length === 0) return;
    await this.run(await loadAlertSettings(this.pool, this.opts.safetyDays), evaluations);
  }

  /** SKUs with an open alert or a pending condition of this kind: they must be looked at as time passes. */
  private async trackedSkus(kind: AlertKind): Promise<number[]> {
    const r = await this.pool.query<{ sku_id: number }>(
      `SELECT sku_id FROM alert WHERE kind = $1 AND state = 'open' AND sku_id IS NOT NULL
       UNION SELECT substring(split_part(subject_key, '/', 1) FROM 5)::int FROM alert_condition WHERE kind = $1`,
      [kind],
    );
    return r.rows.map((x) => x.sku_id);
  }
}
