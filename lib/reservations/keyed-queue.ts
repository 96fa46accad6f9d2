// One at a time per key, in arrival order. Pure.

/**
 * Runs tasks one at a time per key; other keys run freely. Checkouts for one SKU serialise on a
 * database lock anyway: queueing them here first means a rush on one SKU waits in memory, holding
 * one pool connection per instance instead of all of them (which starved ingest and other SKUs).
 */
export class KeyedQueue {
  private readonly tails = new Map<string | number, Promise<unknown>>();

  run<T>(key: string | number, task: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const result = prev.then(task, task);
    const tail = result.catch(() => {});
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a task running or waiting (for tests). */
  get size(): number {
    return this.tails.size;
  }
}
