// At most `perKey` tasks at a time per key, the rest waiting in arrival order. Pure.

/**
 * Checkouts for one SKU serialise on a database lock anyway: queueing them here first means a rush
 * on one SKU waits in memory, holding a few pool connections per instance instead of all of them
 * (which starved ingest and other SKUs). A few rather than one, so the next checkout's work before
 * the lock (begin, its idempotency key) overlaps the current holder's.
 */
export class KeyedQueue {
  private readonly lanes = new Map<string | number, { running: number; waiting: (() => void)[] }>();

  constructor(private readonly perKey = 3) {}

  async run<T>(key: string | number, task: () => Promise<T>): Promise<T> {
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { running: 0, waiting: [] }));
    if (lane.running >= this.perKey) await new Promise<void>((r) => lane!.waiting.push(r));
    else lane.running++;
    try {
      return await task();
    } finally {
      const next = lane.waiting.shift();
      if (next)
        next(); // the slot passes straight on
      else if (--lane.running === 0) this.lanes.delete(key);
    }
  }

  /** Keys with a task running or waiting (for tests). */
  get size(): number {
    return this.lanes.size;
  }
}
