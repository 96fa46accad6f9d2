import "server-only";
import type pg from "pg";
import { isDatabaseUnavailable } from "@/server/db/db-errors";
import { writeBatch, type FollowUps, type PendingEvent, type TrustOf, type WriteOutcome } from "./write-batch";

interface Waiter {
  events: PendingEvent[];
  resolve(outcomes: WriteOutcome[]): void;
  reject(err: unknown): void;
}

const MAX_BATCH_EVENTS = 5000;

/**
 * Group commit (DESIGN §9): events from concurrent requests are written in one transaction.
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
    private readonly onCommit: (changedSkuIds: Set<number>, accepted: readonly PendingEvent[]) => void,
    private readonly followUps?: FollowUps,
  ) {}

  submit(events: PendingEvent[]): Promise<WriteOutcome[]> {
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

  private async commit(batch: Waiter[]): Promise<void> {
    const all = batch.flatMap((w) => w.events);
    let client: pg.PoolClient | null = null;
    let failure: unknown = null;
    try {
      client = await this.pool.connect();
      await client.query("BEGIN");
      const { outcomes, changedSkuIds } = await writeBatch(client, all, this.trustOf, this.followUps);
      await client.query("COMMIT");
      let at = 0;
      for (const w of batch) {
        w.resolve(outcomes.slice(at, at + w.events.length));
        at += w.events.length;
      }
      this.onCommit(changedSkuIds, all.filter((_, i) => outcomes[i].status === "accepted"));
    } catch (err) {
      if (client) await client.query("ROLLBACK").catch(() => {});
      failure = err;
    } finally {
      client?.release();
    }
    if (failure === null) return;
    // One request's events cannot poison the others: retry each request on its own, so only the
    // one whose write fails sees the error. Not when the database is away: each retry would wait
    // out its own connect timeout, one after another, and the last request would hang (503s now).
    if (batch.length > 1 && !isDatabaseUnavailable(failure)) for (const w of batch) await this.commit([w]);
    else for (const w of batch) w.reject(failure);
  }
}
