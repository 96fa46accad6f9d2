// Per-sender activity of the canonical endpoint (POST /api/events), kept in memory: webhook sources
// have a delivery log, but logging every canonical request would cost the hot path a write.
// One-minute buckets over the last hour: events taken, rejected and parked, and the last times.

/** What ingest did with one event (server/ingest/ingest-events.ts). */
export type SenderOutcome = "accepted" | "duplicate" | "unmapped" | "rejected";

export interface SenderHealth {
  source: string;
  /** Events taken per minute (applied, parked for an unmapped listing, or a repeat), averaged over the last 15 minutes. */
  eventsPerMinute: number;
  /** Share of the last hour's events that were rejected (0 when none arrived). */
  errorRate: number;
  /** Every event received in the last hour, rejected ones included. */
  eventsLastHour: number;
  rejectedLastHour: number;
  /** Parked because their listing is not mapped yet: taken, not errors (they replay once mapped). */
  parkedLastHour: number;
  /** The last event taken; rejected ones do not make a sender look alive. */
  lastEventAt: string | null;
  lastRejectedAt: string | null;
}

interface Sender {
  /** minute (epoch) → [taken, rejected, parked] (parked is a part of taken) */
  minutes: Map<number, [number, number, number]>;
  lastTakenAt: number | null;
  lastRejectedAt: number | null;
}

const HOUR_MINUTES = 60;
const MAX_SENDERS = 1000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export class SenderActivity {
  private senders = new Map<string, Sender>();

  record(source: string, outcome: SenderOutcome, atMs: number): void {
    let s = this.senders.get(source);
    if (!s) {
      // A flood of made-up source names cannot grow this without bound.
      if (this.senders.size >= MAX_SENDERS) return;
      this.senders.set(source, (s = { minutes: new Map(), lastTakenAt: null, lastRejectedAt: null }));
    }
    const minute = Math.floor(atMs / 60_000);
    let b = s.minutes.get(minute);
    if (!b) {
      s.minutes.set(minute, (b = [0, 0, 0]));
      for (const m of s.minutes.keys()) if (m <= minute - HOUR_MINUTES) s.minutes.delete(m);
    }
    if (outcome === "rejected") {
      b[1]++;
      if (s.lastRejectedAt === null || atMs > s.lastRejectedAt) s.lastRejectedAt = atMs;
      return;
    }
    b[0]++;
    if (outcome === "unmapped") b[2]++;
    if (s.lastTakenAt === null || atMs > s.lastTakenAt) s.lastTakenAt = atMs;
  }

  summary(nowMs: number): SenderHealth[] {
    const now = Math.floor(nowMs / 60_000);
    const out: SenderHealth[] = [];
    for (const [source, s] of this.senders) {
      let recent = 0;
      let taken = 0;
      let rejected = 0;
      let parked = 0;
      for (const [m, [t, r, p]] of s.minutes) {
        if (m <= now - HOUR_MINUTES) continue;
        taken += t;
        rejected += r;
        parked += p;
        if (m > now - 15) recent += t;
      }
      const total = taken + rejected;
      out.push({
        source,
        eventsPerMinute: Math.round((recent / 15) * 10) / 10,
        errorRate: total > 0 ? rejected / total : 0,
        eventsLastHour: total,
        rejectedLastHour: rejected,
        parkedLastHour: parked,
        lastEventAt: iso(s.lastTakenAt),
        lastRejectedAt: iso(s.lastRejectedAt),
      });
    }
    return out.sort((a, b) => a.source.localeCompare(b.source));
  }
}
