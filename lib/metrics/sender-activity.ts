// Per-sender activity of the canonical endpoint (POST /api/events), kept in memory: webhook sources
// have a delivery log, but logging every canonical request would cost the hot path a write.
// One-minute buckets over the last hour: accepted and rejected events, and the last accepted time.

export interface SenderHealth {
  source: string;
  /** Accepted events per minute, averaged over the last 15 minutes. */
  eventsPerMinute: number;
  /** Share of rejected events over the last hour (0 when none arrived). */
  errorRate: number;
  eventsLastHour: number;
  lastEventAt: string | null;
}

interface Sender {
  /** minute (epoch) → [accepted, rejected] */
  minutes: Map<number, [number, number]>;
  lastAcceptedAt: number | null;
}

const HOUR_MINUTES = 60;
const MAX_SENDERS = 1000;

export class SenderActivity {
  private senders = new Map<string, Sender>();

  record(source: string, accepted: boolean, atMs: number): void {
    let s = this.senders.get(source);
    if (!s) {
      // A flood of made-up source names cannot grow this without bound.
      if (this.senders.size >= MAX_SENDERS) return;
      this.senders.set(source, (s = { minutes: new Map(), lastAcceptedAt: null }));
    }
    const minute = Math.floor(atMs / 60_000);
    let b = s.minutes.get(minute);
    if (!b) {
      s.minutes.set(minute, (b = [0, 0]));
      for (const m of s.minutes.keys()) if (m <= minute - HOUR_MINUTES) s.minutes.delete(m);
    }
    b[accepted ? 0 : 1]++;
    if (accepted && (s.lastAcceptedAt === null || atMs > s.lastAcceptedAt)) s.lastAcceptedAt = atMs;
  }

  summary(nowMs: number): SenderHealth[] {
    const now = Math.floor(nowMs / 60_000);
    const out: SenderHealth[] = [];
    for (const [source, s] of this.senders) {
      let recent = 0;
      let hourAccepted = 0;
      let hourRejected = 0;
      for (const [m, [a, r]] of s.minutes) {
        if (m <= now - HOUR_MINUTES) continue;
        hourAccepted += a;
        hourRejected += r;
        if (m > now - 15) recent += a;
      }
      const total = hourAccepted + hourRejected;
      out.push({
        source,
        eventsPerMinute: Math.round((recent / 15) * 10) / 10,
        errorRate: total > 0 ? hourRejected / total : 0,
        eventsLastHour: total,
        lastEventAt: s.lastAcceptedAt === null ? null : new Date(s.lastAcceptedAt).toISOString(),
      });
    }
    return out.sort((a, b) => a.source.localeCompare(b.source));
  }
}
