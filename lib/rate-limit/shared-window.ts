// Per-key request limits shared by several instances through a counter store (Postgres or Redis),
// without a store round trip per request. A key's window starts at its first request after the last
// window ended (the store decides, so every instance agrees) and lasts `windowMs`. Each instance
// counts locally and adds its counts to the store in batches, reading the shared total back. Far
// from the limit a request is admitted on what is known (the total at the last flush plus what this
// instance took since); near it (within `exactWithin`), each request waits for its own increment, so
// the limit holds exactly there. What can slip through: requests other instances took since this
// one's last flush while it still believed the key far from the limit (one flush interval of traffic).

interface KeyState {
  /** The shared total at this instance's last add for the key (its own counts included). */
  known: number;
  /** Taken here since, not yet in the store. */
  pending: number;
  /** When the store's window ends (epoch ms); null until the store has answered for it. */
  resetAt: number | null;
}

export type Decision =
  | { kind: "refuse"; retryAfterSeconds: number }
  /** Admitted: the count is added at the next flush. */
  | { kind: "local" }
  /** Near the limit: add this request's count now and admit it only if the total stays within. */
  | { kind: "exact" };

/** Within this many requests of the limit, every request is counted in the store before it is admitted. */
export function exactWithin(limit: number): number {
  return Math.max(100, Math.ceil(limit * 0.1));
}

export class SharedWindows {
  private keys = new Map<string, KeyState>();

  constructor(
    private readonly windowMs = 60_000,
    private readonly maxKeys = 100_000,
  ) {}

  private state(key: string, nowMs: number): KeyState {
    let s = this.keys.get(key);
    if (!s) {
      // A flood of made-up keys (addresses, tokens) cannot grow this without bound: start over.
      if (this.keys.size >= this.maxKeys) this.keys.clear();
      this.keys.set(key, (s = { known: 0, pending: 0, resetAt: null }));
    } else if (s.resetAt !== null && nowMs >= s.resetAt) {
      s.known = 0;
      s.resetAt = null;
    }
    return s;
  }

  /** Decide one request; a `local` one is already counted as pending. */
  decide(key: string, limit: number, nowMs: number): Decision {
    const s = this.state(key, nowMs);
    const used = s.known + s.pending;
    if (used >= limit) return { kind: "refuse", retryAfterSeconds: this.retryAfter(s, nowMs) };
    if (limit - used > exactWithin(limit)) {
      s.pending++;
      return { kind: "local" };
    }
    return { kind: "exact" };
  }

  /** Seconds until the key's window ends (at least 1). */
  retryAfterSeconds(key: string, nowMs: number): number {
    return this.retryAfter(this.state(key, nowMs), nowMs);
  }

  private retryAfter(s: KeyState, nowMs: number): number {
    return Math.max(1, Math.ceil(((s.resetAt ?? nowMs + this.windowMs) - nowMs) / 1000));
  }

  /** What to add to the store now (pending counts are moved out; give them back with `failed`). */
  drain(): { key: string; n: number }[] {
    const out: { key: string; n: number }[] = [];
    for (const [key, s] of this.keys) {
      if (s.pending > 0) {
        out.push({ key, n: s.pending });
        s.known += s.pending;
        s.pending = 0;
      }
    }
    return out;
  }

  /** The store's total and window end for a key after an add: it is the truth (a window may have restarted). */
  learned(key: string, total: number, resetAt: number): void {
    const s = this.keys.get(key);
    if (!s) return;
    s.known = total;
    s.resetAt = resetAt;
  }

  /** The store could not be reached: keep the counts to add at the next flush. */
  failed(batch: readonly { key: string; n: number }[]): void {
    for (const b of batch) {
      const s = this.keys.get(b.key);
      if (!s) continue;
      s.known = Math.max(0, s.known - b.n);
      s.pending += b.n;
    }
  }

  /** Forget keys whose window ended with nothing left to add. */
  prune(nowMs: number): void {
    for (const [k, s] of this.keys) if (s.pending === 0 && (s.resetAt === null || nowMs >= s.resetAt)) this.keys.delete(k);
  }
}
