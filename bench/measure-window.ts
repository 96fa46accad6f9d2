import { performance } from "node:perf_hooks";
import { pace, rampedSchedule } from "./pace";

// The measured window of the load generators (load-worker.ts, checkout-worker.ts): a warm-up, then
// `seconds` whose answers and own CPU time count (docs/PERFORMANCE.md).

/** This process's CPU time (user + system), ms. */
export const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * A closed loop's window: users send while it is `open`; an answer counts when it arrives inside
 * [from, to). The first such answer starts the CPU count, the first user to stop ends it.
 */
export class ClosedWindow {
  readonly from: number;
  readonly to: number;
  /** Per second of the window, for the caller to count its answers in. */
  readonly perSecond: number[];
  private cpuAtStart: number | null = null;
  private cpuAtEnd: number | null = null;

  constructor(
    warmupSeconds: number,
    private readonly seconds: number,
  ) {
    this.from = performance.now() + warmupSeconds * 1000;
    this.to = this.from + seconds * 1000;
    this.perSecond = new Array<number>(Math.ceil(seconds)).fill(0);
  }

  get open(): boolean {
    return performance.now() < this.to;
  }

  /** Whether an answer at `t` counts. */
  counts(t: number): boolean {
    if (this.cpuAtStart === null && t >= this.from) this.cpuAtStart = cpuNow();
    return t >= this.from && t < this.to;
  }

  /** The second of the window `t` falls in. */
  second(t: number): number {
    return Math.floor((t - this.from) / 1000);
  }

  /** A user has stopped sending. */
  userDone(): void {
    this.cpuAtEnd ??= cpuNow();
  }

  get cpuPercent(): number {
    return this.cpuAtStart !== null && this.cpuAtEnd !== null ? ((this.cpuAtEnd - this.cpuAtStart) / (this.seconds * 1000)) * 100 : 0;
  }
}

/**
 * An open loop: `send(i, sentAt, measured)`, the rate ramping up to `rate` a second over
 * `warmupSeconds` (rampedSchedule), then `seconds` measured at `rate`. The window runs from the first measured send to the last; its CPU time, sends and the
 * worst lateness of a send against its schedule are what the bench reports.
 */
export async function paceWindow(
  cmd: { rate: number; warmupSeconds: number; seconds: number },
  send: (i: number, sentAt: number, measured: boolean) => void,
): Promise<{ sent: number; maxSlipMs: number; windowSeconds: number; achievedRate: number; cpuPercent: number }> {
  const { dueOf, rampCount: warmupCount } = rampedSchedule(cmd.rate, cmd.warmupSeconds);
  const total = warmupCount + Math.round(cmd.rate * cmd.seconds);
  let sent = 0;
  let maxSlipMs = 0;
  let cpuAtStart = 0;
  let windowStartedAt = 0;
  let lastSentAt = 0;
  await pace(total, dueOf, (i, due) => {
    const sentAt = performance.now();
    if (i === warmupCount) {
      cpuAtStart = cpuNow();
      windowStartedAt = sentAt;
    }
    lastSentAt = sentAt;
    const measured = i >= warmupCount;
    if (measured) {
      sent++;
      maxSlipMs = Math.max(maxSlipMs, sentAt - due);
    }
    send(i, sentAt, measured);
  });
  const cpuAtEnd = cpuNow();
  const windowSeconds = (lastSentAt - windowStartedAt) / 1000;
  return {
    sent,
    maxSlipMs,
    windowSeconds,
    achievedRate: windowSeconds > 0 ? sent / windowSeconds : 0,
    cpuPercent: windowSeconds > 0 ? ((cpuAtEnd - cpuAtStart) / (windowSeconds * 1000)) * 100 : 0,
  };
}
