import "server-only";
import { parseRetryAfter } from "@/lib/outbound/retry-schedule";

// A sender like a real connector, for the fault tests and `npm run chaos`: posts batches of
// canonical events, remembers every answer, and can resend everything afterwards (a sender that
// retries must get `duplicate` for what was already stored, never a second copy).

export interface SenderEvent {
  id: string;
  source: string;
  type: string;
  sku: string;
  location: string;
  quantity: number;
  occurredAt: string;
  reason?: string;
}

export interface Answer {
  /** HTTP status, or 0 when no answer came (connection refused or reset, killed server, timeout). */
  status: number;
  retryAfter: string | null;
  ms: number;
  results: { id: string; status: string }[];
  error?: string;
}

export interface SentBatch {
  events: SenderEvent[];
  answers: Answer[];
}

export class EventSender {
  readonly batches: SentBatch[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  private n = 0;
  private resent = false;

  constructor(
    /** Where to post; a test or the chaos script points it at a restarted server. */
    public url: string,
    private readonly token: string,
    private readonly makeEvent: (n: number) => SenderEvent,
    private readonly opts: { batchSize: number; concurrency: number; timeoutMs: number; maxBatches: number; pauseMs?: number },
  ) {}

  /** Post batches from `concurrency` loops until stop() or maxBatches. */
  start(): void {
    this.running = true;
    for (let i = 0; i < this.opts.concurrency; i++) this.loops.push(this.loop());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    this.loops = [];
  }

  private async loop(): Promise<void> {
    while (this.running && this.batches.length < this.opts.maxBatches) {
      const events = Array.from({ length: this.opts.batchSize }, () => this.makeEvent(this.n++));
      const batch: SentBatch = { events, answers: [] };
      this.batches.push(batch);
      // Like a real sender: the same batch again until it is answered (or the run ends), waiting
      // as told by Retry-After (bounded) while the server is away or busy.
      for (;;) {
        const answer = await this.post(events);
        batch.answers.push(answer);
        const retry = answer.status === 0 || answer.status >= 500;
        if (!retry || !this.running) break;
        await new Promise((r) => setTimeout(r, Math.min(2000, parseRetryAfter(answer.retryAfter, Date.now()) || 200)));
      }
      if (this.opts.pauseMs) await new Promise((r) => setTimeout(r, this.opts.pauseMs));
    }
  }

  async post(events: SenderEvent[]): Promise<Answer> {
    const t0 = Date.now();
    try {
      const res = await fetch(`${this.url}/api/events`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${this.token}` },
        body: JSON.stringify(events),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      const text = await res.text();
      let results: Answer["results"] = [];
      try {
        const body = JSON.parse(text) as { results?: Answer["results"] };
        results = body.results ?? [];
      } catch {
        // Not JSON: recorded by status alone.
      }
      return { status: res.status, retryAfter: res.headers.get("retry-after"), ms: Date.now() - t0, results };
    } catch (err) {
      return { status: 0, retryAfter: null, ms: Date.now() - t0, results: [], error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    }
  }

  /** Events whose request was answered 2xx: the server promised each is stored. */
  acknowledged(): SenderEvent[] {
    return this.batches.filter((b) => b.answers.some((a) => a.status >= 200 && a.status < 300)).flatMap((b) => b.events);
  }

  /** The same, counting only the answers before resendAll(): what the server had promised before the retry. */
  acknowledgedBeforeResend(): SenderEvent[] {
    return this.batches.filter((b) => b.answers.slice(0, this.resent ? -1 : undefined).some((a) => a.status >= 200 && a.status < 300)).flatMap((b) => b.events);
  }

  all(): SenderEvent[] {
    return this.batches.flatMap((b) => b.events);
  }

  answers(): Answer[] {
    return this.batches.flatMap((b) => b.answers);
  }

  /** Resend every batch once more, one at a time; each answer is added to its batch. */
  async resendAll(): Promise<void> {
    for (const b of this.batches) b.answers.push(await this.post(b.events));
    this.resent = true;
  }

  /** How many answers per status ("0" = no answer). */
  statusCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const a of this.answers()) counts[String(a.status)] = (counts[String(a.status)] ?? 0) + 1;
    return counts;
  }
}
