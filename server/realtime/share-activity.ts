import "server-only";
import type pg from "pg";
import { ActivityOutbox, parseActivity } from "@/lib/metrics/activity-share";
import { bucketFloorMs } from "@/lib/metrics/lag-window";
import type { SenderActivity } from "@/lib/metrics/sender-activity";
import { loggerFor } from "@/server/log/logger";

/** The Postgres channel instances' activity travels on (server/realtime/credential-bus.ts listens). */
export const ACTIVITY_CHANNEL = "onepool_activity";

const shareLog = loggerFor("realtime");

/**
 * The header's ingest lag and the senders' health, shared: once a second this instance sends what
 * it committed and received since the last send (a histogram and per-minute counts, a few hundred
 * bytes at any rate), and adds what the others send to its own window. Cheaper than reading them
 * from the ledger (five minutes of events at every tick); an instance started later knows the
 * others' traffic from its start on, as a restarted one knows its own.
 */
export class ActivitySharer {
  private readonly outbox = new ActivityOutbox();
  private readonly timer: NodeJS.Timeout;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: pg.Pool,
    private readonly senders: SenderActivity,
    private readonly addLags: (samples: Iterable<[number, number]>) => void,
    everyMs = 1000,
  ) {
    senders.onRecord = (source, outcome, atMs) => this.outbox.addSender(source, outcome, atMs);
    this.timer = setInterval(() => void this.send(), everyMs);
    this.timer.unref();
  }

  /** [receivedAt ms, lag ms] of events this instance just committed. */
  committed(samples: Iterable<[number, number]>): void {
    for (const [at, lag] of samples) this.outbox.addLag(at, lag);
  }

  /** Another instance's message. */
  receive(payload: string | undefined): void {
    const m = parseActivity(payload);
    if (!m) return;
    if (m.l.length) this.addLags(expand(m.l));
    for (const e of m.s) this.senders.merge(...e);
  }

  send(): Promise<void> {
    const payloads = this.outbox.drain();
    if (payloads.length === 0) return this.sending;
    this.sending = this.sending
      .then(async () => {
        for (const p of payloads) await this.pool.query("SELECT pg_notify($1, $2)", [ACTIVITY_CHANNEL, p]);
      })
      .catch((err: unknown) => shareLog.warn({ err }, "sharing this instance's lag and sender activity failed"));
    return this.sending;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.senders.onRecord = null;
    await this.send();
  }
}

function* expand(entries: Iterable<[number, number, number]>): Generator<[number, number]> {
  for (const [second, bucket, n] of entries) {
    const sample: [number, number] = [second * 1000, bucketFloorMs(bucket)];
    for (let i = 0; i < n; i++) yield sample;
  }
}
