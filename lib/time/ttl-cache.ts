import { type Clock, systemClock } from "./clock";

/**
 * A map whose entries count for `ttlMs` after they were set (age ≤ ttl is a hit). Bounded the blunt
 * way: past `maxEntries` it starts over, which costs one reload each and never grows without end.
 */
export class TtlCache<K, V> {
  private entries = new Map<K, { value: V; at: number }>();
  /** Loads under way, one per key. A load no longer listed here was overtaken by a delete or a clear. */
  private loading = new Map<K, Promise<V>>();
  constructor(
    private readonly ttlMs: number,
    private readonly clock: Clock = systemClock,
    private readonly maxEntries = 10_000,
  ) {}

  /** The value set for `key` at most `ttlMs` ago; undefined when there is none or it is older. */
  get(key: K): V | undefined {
    const hit = this.entries.get(key);
    return hit && this.clock.now() - hit.at <= this.ttlMs ? hit.value : undefined;
  }

  set(key: K, value: V): void {
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) this.entries.clear();
    this.entries.set(key, { value, at: this.clock.now() });
  }

  /**
   * The cached value, or the one `load` gives, cached. Callers that miss while a load of the key is
   * under way wait for that load instead of starting their own (when a hot entry expires, every
   * request arriving during the read would). A load that a `delete` or `clear` overtook answers
   * its callers but is not cached: what it read may be what the delete was about.
   */
  async getOrLoad(key: K, load: (key: K) => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && this.clock.now() - hit.at <= this.ttlMs) return hit.value;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const loaded = load(key)
      .then((value) => {
        if (this.loading.get(key) === loaded) this.set(key, value);
        return value;
      })
      .finally(() => {
        if (this.loading.get(key) === loaded) this.loading.delete(key);
      });
    this.loading.set(key, loaded);
    return loaded;
  }

  delete(key: K): void {
    this.entries.delete(key);
    this.loading.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.loading.clear();
  }
}
