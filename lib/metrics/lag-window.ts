// Ingest lag percentiles over a sliding window, kept in memory from committed events, so the live
// header costs O(buckets) every tick instead of sorting every event of the last five minutes.
// Lags are bucketed: 1 ms wide below 1 s, 10 ms below 60 s, 1 s above (capped at one hour), and a
// percentile is reported as the lower edge of the bucket holding the nearest-rank sample.

export interface LagSummaryValues {
  windowSeconds: number;
  events: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

const MAX_LAG_MS = 3_600_000;

export function bucketOf(lagMs: number): number {
  const lag = Math.min(Math.max(0, Math.floor(lagMs)), MAX_LAG_MS);
  if (lag < 1000) return lag;
  if (lag < 60_000) return 1000 + Math.floor((lag - 1000) / 10);
  return 6900 + Math.floor((lag - 60_000) / 1000);
}

export function bucketFloorMs(bucket: number): number {
  if (bucket < 1000) return bucket;
  if (bucket < 6900) return 1000 + (bucket - 1000) * 10;
  return 60_000 + (bucket - 6900) * 1000;
}

export class LagWindow {
  /** second (epoch) → bucket → count */
  private slots = new Map<number, Map<number, number>>();

  constructor(readonly windowSeconds: number) {}

  /** Record one event by the time it was received (like `received_at` in the ledger). */
  add(receivedAtMs: number, lagMs: number): void {
    const second = Math.floor(receivedAtMs / 1000);
    let slot = this.slots.get(second);
    if (!slot) this.slots.set(second, (slot = new Map()));
    const b = bucketOf(lagMs);
    slot.set(b, (slot.get(b) ?? 0) + 1);
  }

  /** p50/p95 of the events received in the last `windowSeconds` before `nowMs`. */
  summary(nowMs: number): LagSummaryValues {
    const oldest = Math.floor(nowMs / 1000) - this.windowSeconds;
    const merged = new Map<number, number>();
    let events = 0;
    for (const [second, slot] of this.slots) {
      if (second <= oldest) {
        this.slots.delete(second);
        continue;
      }
      for (const [b, n] of slot) {
        merged.set(b, (merged.get(b) ?? 0) + n);
        events += n;
      }
    }
    if (events === 0) return { windowSeconds: this.windowSeconds, events: 0, p50Ms: null, p95Ms: null };
    const buckets = [...merged.keys()].sort((a, b) => a - b);
    const at = (p: number): number => {
      const rank = Math.max(1, Math.ceil((p * events) / 100));
      let seen = 0;
      for (const b of buckets) {
        seen += merged.get(b)!;
        if (seen >= rank) return bucketFloorMs(b);
      }
      return bucketFloorMs(buckets[buckets.length - 1]);
    };
    return { windowSeconds: this.windowSeconds, events, p50Ms: at(50), p95Ms: at(95) };
  }
}
