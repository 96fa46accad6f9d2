// Per-sender activity of the canonical endpoint (POST /api/events), kept in memory: webhook sources
// have a delivery log, but logging every canonical request would cost the hot path a write. Every
// instance tells the others its counts once a second (lib/metrics/activity-share.ts), so each holds
// the whole picture from its start on.
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

  /** Told of every event recorded here (so other instances can be told: lib/metrics/activity-share.ts). */
  onRecord: ((source: string, outcome: SenderOutcome, atMs: number) => void) | null = null;

  record(source: string, outcome: SenderOutcome, atMs: number): void {
    this.onRecord?.(source, outcome, atMs);
    const s = this.sender(source);
    if (!s) return;
    const b = this.bucket(s, Math.floor(atMs / 60_000));
    if (outcome === "rejected") {
      b[1]++;
      if (s.lastRejectedAt === null || atMs > s.lastRejectedAt) s.lastRejectedAt = atMs;
      return;
    }
    b[0]++;
    if (outcome === "unmapped") b[2]++;
    if (s.lastTakenAt === null || atMs > s.lastTakenAt) s.lastTakenAt = atMs;
  }

  /** Another instance's counts for one sender and minute (last times as epoch ms, 0 = none). */
  merge(source: string, minute: number, taken: number, rejected: number, parked: number, lastTakenAt: number, lastRejectedAt: number): void {
    const s = this.sender(source);
    if (!s) return;
    const b = this.bucket(s, minute);
    b[0] += taken;
    b[1] += rejected;
    b[2] += parked;
    if (lastTakenAt > 0 && (s.lastTakenAt === null || lastTakenAt > s.lastTakenAt)) s.lastTakenAt = lastTakenAt;
    if (lastRejectedAt > 0 && (s.lastRejectedAt === null || lastRejectedAt > s.lastRejectedAt)) s.lastRejectedAt = lastRejectedAt;
  }

  private sender(source: string): Sender | null {
    let s = this.senders.get(source);
    if (!s) {
      // A flood of made-up source names cannot grow this without bound.
      if (this.senders.size >= MAX_SENDERS) return null;
      this.senders.set(source, (s = { minutes: new Map(), lastTakenAt: null, lastRejectedAt: null }));
    }
    return s;
  }

  private bucket(s: Sender, minute: number): [number, number, number] {
    let b = s.minutes.get(minute);
    if (!b) {
      s.minutes.set(minute, (b = [0, 0, 0]));
      for (const m of s.minutes.keys()) if (m <= minute - HOUR_MINUTES) s.minutes.delete(m);
    }
    return b;
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
