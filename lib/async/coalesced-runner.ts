/**
 * Runs one async pass at a time: a kick while a pass runs asks for exactly one more pass after it
 * (kicks coalesce, none is lost), and `every(ms)` kicks on a timer so a missed kick costs at most a
 * poll. The outbox and alert-destination dispatchers are built on it.
 */
export class CoalescedRunner {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopped = false;

  /** `onBusy`: a kick arrived while a pass runs (e.g. wake a pass waiting for free slots). */
  constructor(
    private readonly pass: () => Promise<void>,
    private readonly onBusy: () => void = () => {},
  ) {}

  /** True once `stop` was called: a long pass checks it to end early. */
  get closed(): boolean {
    return this.stopped;
  }

  /** Kick now and every `ms` after (the timer does not keep the process alive). */
  every(ms: number): void {
    this.timer = setInterval(() => this.kick(), ms);
    (this.timer as { unref?: () => void }).unref?.();
    this.kick();
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      this.onBusy();
      return;
    }
    this.running = this.pass().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** No pass starts after this; resolves when the one running has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
