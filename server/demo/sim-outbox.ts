// The simulator's connectors: each source posts its events to POST /api/events the way it would in
// production. Webhook-style sources post one event per request shortly after it happens; batch
// sources (the 3PL, FBA reports, the dropship vendor's feed) collect events and post an array every
// few tens of seconds, which is what makes their events arrive late. Transient failures are retried
// with the same event id, so a retry of something that did land comes back "duplicate".

export type SimEvent = Record<string, unknown> & { id: string; source: string };

export interface OutboxStats {
  requests: number;
  events: number;
  accepted: number;
  duplicate: number;
  unmapped: number;
  rejected: number;
  /** Events in requests refused as a whole (401, 403, 413, …): the token or the request is wrong. */
  refused: number;
  retries: number;
  failed: number;
}

/** How a source delivers: a webhook after a short lag, or a batch job flushing every few seconds. */
export type Delivery = { kind: "webhook"; lagMs: number } | { kind: "batch" };

const BATCH_EVERY_MS: Record<string, [number, number]> = {
  "3pl-shipbob": [20_000, 45_000],
  "amazon-fba": [8_000, 20_000],
  "vendor-orthosupply": [30_000, 60_000],
};
export const BATCH_SOURCES = new Set(Object.keys(BATCH_EVERY_MS));

const MAX_IN_FLIGHT = 64;
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export class Outbox {
  readonly stats: OutboxStats = { requests: 0, events: 0, accepted: 0, duplicate: 0, unmapped: 0, rejected: 0, refused: 0, retries: 0, failed: 0 };
  private batches = new Map<string, SimEvent[]>();
  private timers = new Set<NodeJS.Timeout>();
  private waiting: { events: SimEvent[]; attempt: number }[] = [];
  private inFlight = 0;
  private retrying = 0;
  private idle: (() => void)[] = [];
  private lastErrorLog = 0;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly log: (m: string) => void,
    /** Called once per event when the server has answered for it (or it was given up on). */
    private readonly onSettled: (e: SimEvent) => void,
  ) {
    for (const [source, [min, max]] of Object.entries(BATCH_EVERY_MS)) this.scheduleFlush(source, min, max);
  }

  get pending(): number {
    return this.inFlight + this.retrying + this.waiting.length + [...this.batches.values()].reduce((s, b) => s + b.length, 0);
  }

  send(e: SimEvent, delivery: Delivery): void {
    if (this.closed) return;
    if (delivery.kind === "batch") {
      const list = this.batches.get(e.source) ?? [];
      list.push(e);
      this.batches.set(e.source, list);
      return;
    }
    this.later(delivery.lagMs, () => this.enqueue([e], 0));
  }

  /** Stop timers, post whatever the batch sources still hold, and wait (bounded) for answers. */
  async close(timeoutMs = 5_000): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const source of [...this.batches.keys()]) this.flush(source);
    const drained = new Promise<void>((resolve) => (this.inFlight === 0 && this.waiting.length === 0 ? resolve() : this.idle.push(resolve)));
    await Promise.race([drained, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private scheduleFlush(source: string, min: number, max: number): void {
    this.later(min + Math.random() * (max - min), () => {
      this.flush(source);
      this.scheduleFlush(source, min, max);
    });
  }

  private flush(source: string): void {
    const list = this.batches.get(source);
    if (!list?.length) return;
    this.batches.set(source, []);
    for (let i = 0; i < list.length; i += 1000) this.enqueue(list.slice(i, i + 1000), 0);
  }

  private enqueue(events: SimEvent[], attempt: number): void {
    this.waiting.push({ events, attempt });
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.inFlight++;
      void this.post(job.events, job.attempt).finally(() => {
        this.inFlight--;
        this.pump();
        if (this.inFlight === 0 && this.waiting.length === 0) this.idle.splice(0).forEach((r) => r());
      });
    }
  }

  private async post(events: SimEvent[], attempt: number): Promise<void> {
    this.stats.requests++;
    let status = 0;
    let body: { results?: { id: string | null; status: string; error?: { code: string; message: string } }[]; error?: { code: string; message: string } } = {};
    let retryAfterMs = 0;
    try {
      const res = await fetch(`${this.url}/api/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${this.token}`, "content-type": "application/json" },
        body: JSON.stringify(events.length === 1 ? events[0] : events),
        signal: AbortSignal.timeout(15_000),
      });
      status = res.status;
      retryAfterMs = Number(res.headers.get("retry-after") ?? 0) * 1000;
      body = (await res.json().catch(() => ({}))) as typeof body;
    } catch (err) {
      return this.retry(events, attempt, `network: ${err instanceof Error ? err.message : String(err)}`, 0);
    }
    if (status === 429 || status >= 500) return this.retry(events, attempt, `HTTP ${status} ${body.error?.code ?? ""}`, retryAfterMs);
    if (Array.isArray(body.results)) {
      for (const r of body.results) {
        if (r.status === "accepted" || r.status === "duplicate" || r.status === "unmapped" || r.status === "rejected") this.stats[r.status]++;
        if (r.status === "rejected") this.logError(`rejected ${r.id}: ${r.error?.code} ${r.error?.message}`);
      }
    } else {
      // 400/401/403/413/415: the whole request was refused; retrying the same request will not help.
      this.stats.refused += events.length;
      this.logError(`HTTP ${status} ${body.error?.code ?? ""}: ${body.error?.message ?? "refused"}`);
    }
    this.stats.events += events.length;
    events.forEach(this.onSettled);
  }

  private retry(events: SimEvent[], attempt: number, why: string, retryAfterMs: number): void {
    if (attempt >= RETRY_MS.length || this.closed) {
      this.stats.failed += events.length;
      this.logError(`gave up on ${events.length} event(s) after ${attempt + 1} attempts (${why})`);
      events.forEach(this.onSettled);
      return;
    }
    this.stats.retries++;
    this.retrying += events.length;
    this.logError(`${why}; retrying ${events.length} event(s)`);
    this.later(Math.max(retryAfterMs, RETRY_MS[attempt]), () => {
      this.retrying -= events.length;
      this.enqueue(events, attempt + 1);
    });
  }

  /** At most one error line every 5 s: a server that is down should not flood the terminal. */
  private logError(m: string): void {
    if (Date.now() - this.lastErrorLog < 5_000) return;
    this.lastErrorLog = Date.now();
    this.log(`[simulate] ${m}`);
  }
}
