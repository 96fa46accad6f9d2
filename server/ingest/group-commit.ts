import "server-only";
import { performance } from "node:perf_hooks";
import type pg from "pg";
import type { EventRejection } from "@/lib/events/parse-canonical-event";
import { isDatabaseUnavailable } from "@/server/db/db-errors";
import type { TrustOf } from "@/server/projection/fold-into-projection";
import type { FollowUps, PendingEvent, WriteOutcome } from "./append-to-ledger";
import { writeBatch } from "./write-batch";
import type { CountFactsChange } from "@/server/reconciliation/sync-count-facts";
import { loggerFor } from "@/server/log/logger";

const ingestLog = loggerFor("ingest");

/** A written event, or one refused because a stored total would leave its column's range. */
export type CommitOutcome = WriteOutcome | { status: "rejected"; error: EventRejection };

interface Waiter {
  events: PendingEvent[];
  resolve(outcomes: CommitOutcome[]): void;
  reject(err: unknown): void;
  /** Already one event of a request split after an out-of-range failure. */
  single?: boolean;
}

/** Postgres "numeric value out of range": a stored total (a bucket, an hour's sales) would pass 2^31. */
const isOutOfRange = (err: unknown) => (err as { code?: unknown } | null)?.code === "22003";

const MAX_BATCH_EVENTS = 5000;

/**
 * Group commit (docs/ARCHITECTURE.md): events from concurrent requests are written in one transaction.
 * While a batch commits, new requests queue; the next batch takes all of them. An idle server
 * commits at once (no fixed window to wait out), a busy one amortises each commit over many
 * requests. Every request is answered only after the transaction holding its events commits.
 */
export class GroupCommitter {
  private queue: Waiter[] = [];
  private running = false;
  private stopped = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly trustOf: TrustOf,
    private readonly onCommit: (changedSkuIds: Set<number>, accepted: readonly PendingEvent[], facts: CountFactsChange) => void,
    private readonly followUps?: FollowUps,
    /** Each committed transaction: its events and BEGIN-to-COMMIT seconds (GET /metrics). */
    private readonly onCommitted?: (events: number, seconds: number) => void,
  ) {}

  submit(events: PendingEvent[]): Promise<CommitOutcome[]> {
    if (events.length === 0) return Promise.resolve([]);
    if (this.stopped) return Promise.reject(new Error("ingest is shutting down"));
    return new Promise((resolve, reject) => {
      this.queue.push({ events, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Let requests parsed in the same tick join this batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Resolves when everything queued so far has been committed. */
  async stop(): Promise<void> {
    this.stopped = true;
    while (this.running || this.queue.length > 0) await new Promise((r) => setTimeout(r, 10));
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch: Waiter[] = [];
      let count = 0;
      while (this.queue.length > 0 && (batch.length === 0 || count + this.queue[0].events.length <= MAX_BATCH_EVENTS)) {
        const w = this.queue.shift()!;
        batch.push(w);
        count += w.events.length;
      }
      await this.commit(batch);
    }
    this.running = false;
  }

  /**
   * `retried`: this request is re-run alone after its batch failed. If that failure was an
   * ambiguous COMMIT (connection lost after it was sent), its events may be in the ledger already
   * and come back as duplicates; their SKUs are marked dirty too, or published numbers and pushes
   * would stay stale until the next event for those SKUs (review finding 22).
   */
  private async commit(batch: Waiter[], retried = false): Promise<unknown> {
    const all = batch.flatMap((w) => w.events);
    let client: pg.PoolClient | null = null;
    let failure: unknown = null;
    let committing = false;
    let written: Awaited<ReturnType<typeof writeBatch>> | null = null;
    let seconds = 0;
    // A checked-out pg client has no 'error' listener of the pool's: a connection lost mid-batch
    // would be an uncaught 'error' event (a crash) instead of the rejected query handled below.
    const onLost = (err: Error) => ingestLog.error({ err }, "database connection lost during a batch");
    try {
      client = await this.pool.connect();
      client.on("error", onLost);
      const began = performance.now();
      await client.query("BEGIN");
      written = await writeBatch(client, all, this.trustOf, this.followUps);
      committing = true;
      await client.query("COMMIT");
      seconds = (performance.now() - began) / 1000;
    } catch (err) {
      if (client) await client.query("ROLLBACK").catch(() => {});
      failure = err;
    } finally {
      client?.removeListener("error", onLost);
      // A client whose connection failed is dropped from the pool, not reused.
      client?.release(failure instanceof Error && committing ? failure : undefined);
    }
    if (failure === null && written) {
      this.onCommitted?.(all.length, seconds);
      const { outcomes, changedSkuIds } = written;
      let at = 0;
      for (const w of batch) {
        w.resolve(outcomes.slice(at, at + w.events.length));
        at += w.events.length;
      }
      const dirty = new Set(changedSkuIds);
      if (retried) all.forEach((p, i) => outcomes[i].status === "duplicate" && dirty.add(p.skuId));
      this.notify(
        dirty,
        all.filter((_, i) => outcomes[i].status === "accepted"),
        written.facts,
      );
      return null;
    }
    // The COMMIT may have gone through: recomputing numbers that did not move changes nothing.
    if (committing) this.notify(new Set(all.map((p) => p.skuId)), [], { counts: true, drift: true });
    // One request's events cannot poison the others: retry each request on its own, so only the
    // one whose write fails sees the error. A lost COMMIT is retried even for a lone request: the
    // retry waits for that transaction's outcome (the unique key) and answers what is really stored.
    // Not while the database is away: each retry would wait out its own connect timeout in turn and
    // the last request would hang, so the rest get their 503 at once.
    const retryAlone = batch.length > 1 || (committing && !retried);
    if (retryAlone && (committing || !isDatabaseUnavailable(failure))) {
      for (let i = 0; i < batch.length; i++) {
        const again = await this.commit([batch[i]], true);
        if (again !== null && isDatabaseUnavailable(again)) {
          for (const w of batch.slice(i + 1)) w.reject(again);
          break;
        }
      }
    } else if (isOutOfRange(failure) && !batch[0].single) await this.commitOneByOne(batch[0]);
    else for (const w of batch) w.reject(failure);
    return failure;
  }

  /**
   * A request whose write would take a stored total out of range (review finding 10): its events are
   * written one at a time, and the ones that overflow are refused (422 quantity_out_of_range) instead
   * of failing the request with a 503 that its sender would retry forever. The ledger holds only what
   * was applied, so a replay gives the same numbers.
   */
  private async commitOneByOne(w: Waiter): Promise<void> {
    const outcomes: CommitOutcome[] = [];
    for (const event of w.events) {
      try {
        const [o] = await new Promise<CommitOutcome[]>((resolve, reject) => this.commit([{ events: [event], resolve, reject, single: true }], true));
        outcomes.push(o);
      } catch (err) {
        if (!isOutOfRange(err)) return w.reject(err);
        outcomes.push({
          status: "rejected",
          error: {
            code: "quantity_out_of_range",
            message: `quantity: applying ${event.canonical.quantity} would take a stored total (a stock bucket or an hour's sales) past 2,147,483,647`,
            field: "quantity",
          },
        });
      }
    }
    w.resolve(outcomes);
  }

  /** After the answers are out: a failing listener must not re-run (or fail) a committed batch. */
  private notify(changedSkuIds: Set<number>, accepted: readonly PendingEvent[], facts: CountFactsChange): void {
    try {
      this.onCommit(changedSkuIds, accepted, facts);
    } catch (err) {
      ingestLog.error({ err }, "after-commit hook failed");
    }
  }
}
