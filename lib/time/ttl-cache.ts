import { type Clock, systemClock } from "./clock";

/**
 * A map whose entries count for `ttlMs` after they were set (age ≤ ttl is a hit). Bounded the blunt
 * way: past `maxEntries` it starts over, which costs one reload each and never grows without end.
 */
export class TtlCache<K, V> {
  private entries = new Map<K, { value: V; at: number }>();
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

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
