// The simulator's connectors: each source posts its events the way it would in production.
// Sources with a provider format (Shopify, the Amazon and MercadoLibre relays, the Guadalajara WMS:
// see sim-formats.ts) post signed webhooks to /api/webhooks/<provider>/<source>; the others post
// canonical events to POST /api/events. Webhook-style sources post one delivery per happening shortly
// after it happens; batch sources (the 3PL, the dropship vendor's feed, FBA return reports) collect
// events and post an array every few tens of seconds, which is what makes their events arrive late.
// Transient failures are retried with the identical body (and, for Standard Webhooks, the same
// webhook-id with a fresh timestamp), so a retry of something that did land comes back "duplicate".
// Deliveries about one order go out one after another, as a provider's would: a fulfillment never
// overtakes the order it ships.

import { parseRetryAfter } from "@/lib/outbound/retry-schedule";
import { SHOPIFY_SHOP_DOMAIN } from "./demo-sources";
import { standardHeaders, shopifyHmac } from "./sim-signing";
import type { Encoded, Format, HttpStep, ProviderEncoder, SimEvent } from "./sim-formats";

export type { SimEvent } from "./sim-formats";

export interface OutboxStats {
  /** HTTP requests made (a MercadoLibre delivery is two: the notification and the relay's post). */
  requests: number;
  /** Simulated events answered for (or given up on). */
  events: number;
  /** Ledger results, counted from the answers of both POST /api/events and the webhooks. */
  accepted: number;
  duplicate: number;
  unmapped: number;
  rejected: number;
  /** Webhook deliveries answered "ignored" (nothing in them moves stock). */
  ignored: number;
  /** Events in requests refused as a whole (401, 403, 413, …): the token, signature or request is wrong. */
  refused: number;
  retries: number;
  failed: number;
  /** Simulated events answered for, by the format they travelled in. */
  formats: Record<Format, number>;
  /** MercadoLibre notifications the server recorded (they announce an order; the relay's post carries it). */
  notifications: number;
}

/**
 * How a source delivers: a webhook after a short lag, or a batch job flushing every few seconds. A
 * batch source's event that travels as a provider notification (FBA inventory) goes alone, after `lagMs`.
 */
export type Delivery = { kind: "webhook"; lagMs: number } | { kind: "batch"; lagMs?: number };

const BATCH_EVERY_MS: Record<string, [number, number]> = {
  "3pl-shipbob": [20_000, 45_000],
  // FBA inventory changes arrive as notifications; what is left here are Amazon's FBA return reports.
  "amazon-fba": [8_000, 20_000],
  "vendor-orthosupply": [30_000, 60_000],
};
export const BATCH_SOURCES = new Set(Object.keys(BATCH_EVERY_MS));

const MAX_IN_FLIGHT = 64;
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
const SHOPIFY_API_VERSION = "2026-07";

interface Job {
  events: SimEvent[];
  /** The provider delivery; null: canonical, POST /api/events. */
  encoded: Encoded | null;
  /** The next HTTP step of `encoded` (a retry resumes there: a recorded notification is not re-sent). */
  step: number;
  attempt: number;
  /** Resolves the job's place in its order's chain. */
  settle: () => void;
}

type Answer = {
  outcome?: string;
  note?: string;
  results?: { id: string | null; status: string; error?: { code: string; message: string } }[];
  error?: { code: string; message: string };
};

export class Outbox {
  readonly stats: OutboxStats = {
    requests: 0,
    events: 0,
    accepted: 0,
    duplicate: 0,
    unmapped: 0,
    rejected: 0,
    ignored: 0,
    refused: 0,
    retries: 0,
    failed: 0,
    formats: { canonical: 0, shopify: 0, amazon: 0, mercadolibre: 0, standard: 0 },
    notifications: 0,
  };
  private batches = new Map<string, SimEvent[]>();
  private timers = new Set<NodeJS.Timeout>();
  private waiting: Job[] = [];
  private chains = new Map<string, Promise<void>>();
  private inFlight = 0;
  private retrying = 0;
  private idle: (() => void)[] = [];
  private lastLog = new Map<string, number>();
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly log: (m: string) => void,
    /** Called once per event when the server has answered for it (or it was given up on). */
    private readonly onSettled: (e: SimEvent) => void,
    private readonly encoder: ProviderEncoder,
    timeScale = 1,
  ) {
    for (const [source, [min, max]] of Object.entries(BATCH_EVERY_MS)) this.scheduleFlush(source, min * timeScale, max * timeScale);
  }

  get pending(): number {
    return this.inFlight + this.retrying + this.waiting.length + [...this.batches.values()].reduce((s, b) => s + b.length, 0);
  }

  /**
   * Send one event, or a group that a provider reports in one delivery (a Shopify refund that
   * restocks is the return received and inspected at once). The body is built now, once: every
   * retry re-sends it unchanged.
   */
  send(group: SimEvent | SimEvent[], delivery: Delivery): void {
    if (this.closed) return;
    const events = Array.isArray(group) ? group : [group];
    const encoded = this.encoder.encode(events);
    if (!encoded && delivery.kind === "batch") {
      const list = this.batches.get(events[0].source) ?? [];
      list.push(...events);
      this.batches.set(events[0].source, list);
      return;
    }
    let settle!: () => void;
    const settled = new Promise<void>((r) => (settle = r));
    const job: Job = { events, encoded, step: 0, attempt: 0, settle };
    const orderId = events[0].orderId;
    const key = typeof orderId === "string" ? `order|${orderId}` : null;
    const before = key ? this.chains.get(key) : undefined;
    if (key) {
      this.chains.set(key, settled);
      void settled.then(() => {
        if (this.chains.get(key) === settled) this.chains.delete(key);
      });
    }
    const lagMs = delivery.lagMs ?? 0;
    this.later(lagMs, () => (before ? void before.then(() => this.enqueue(job)) : this.enqueue(job)));
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
    for (let i = 0; i < list.length; i += 1000) this.push({ events: list.slice(i, i + 1000), encoded: null, step: 0, attempt: 0, settle: () => {} });
  }

  /** A job whose lag (and order chain) is over. After close, only batches still flushed go out. */
  private enqueue(job: Job): void {
    if (this.closed) return job.settle();
    this.push(job);
  }

  private push(job: Job): void {
    this.waiting.push(job);
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.inFlight++;
      void (job.encoded ? this.postWebhook(job) : this.postCanonical(job)).finally(() => {
        this.inFlight--;
        this.pump();
        if (this.inFlight === 0 && this.waiting.length === 0) this.idle.splice(0).forEach((r) => r());
      });
    }
  }

  private async postCanonical(job: Job): Promise<void> {
    const { events } = job;
    this.stats.requests++;
    let status = 0;
    let body: Answer = {};
    let retryAfterMs = 0;
    try {
      const res = await fetch(`${this.url}/api/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${this.token}`, "content-type": "application/json" },
        body: JSON.stringify(events.length === 1 ? events[0] : events),
        signal: AbortSignal.timeout(15_000),
      });
      status = res.status;
      retryAfterMs = parseRetryAfter(res.headers.get("retry-after"), Date.now()) ?? 0;
      body = (await res.json().catch(() => ({}))) as Answer;
    } catch (err) {
      return this.retry(job, `POST /api/events: network: ${err instanceof Error ? err.message : String(err)}`, 0);
    }
    if (status === 429 || status >= 500) return this.retry(job, `POST /api/events: HTTP ${status} ${body.error?.code ?? ""}`, retryAfterMs);
    if (Array.isArray(body.results)) {
      this.countResults(body.results, "POST /api/events");
    } else {
      // 400/401/403/413/415: the whole request was refused; retrying the same request will not help.
      this.stats.refused += events.length;
      this.logError("canonical-refused", `POST /api/events refused: HTTP ${status} ${body.error?.code ?? ""}: ${body.error?.message ?? "refused"}`);
    }
    this.finish(job, "canonical");
  }

  /** Post the delivery's HTTP steps in order; a retry resumes at the step that did not get through. */
  private async postWebhook(job: Job): Promise<void> {
    const enc = job.encoded!;
    while (job.step < enc.steps.length) {
      const step = enc.steps[job.step];
      const what = `${enc.source} ${describe(step)}`;
      this.stats.requests++;
      let status = 0;
      let body: Answer = {};
      let retryAfterMs = 0;
      try {
        const res = await fetch(this.url + step.path, {
          method: "POST",
          headers: { "content-type": "application/json", ...signedHeaders(step) },
          body: step.body,
          signal: AbortSignal.timeout(15_000),
        });
        status = res.status;
        retryAfterMs = parseRetryAfter(res.headers.get("retry-after"), Date.now()) ?? 0;
        body = (await res.json().catch(() => ({}))) as Answer;
      } catch (err) {
        return this.retry(job, `${what}: network: ${err instanceof Error ? err.message : String(err)}`, 0);
      }
      if (status === 429 || status >= 500) return this.retry(job, `${what}: HTTP ${status} ${body.error?.code ?? ""}`, retryAfterMs);
      if (status === 401 && body.error?.code === "unauthorized") {
        // The server answers an unknown source and a wrong secret alike (so codes cannot be
        // enumerated): the source is not registered as the demo seeds it (seeded before sources
        // existed, or another install). Say so once, then send this source's events canonically.
        // Decided per source, so an order's events all travel the same way and its ids keep matching.
        if (this.encoder.fallBack(enc.source))
          this.log(
            `[simulate] ${enc.source} is not a registered ${enc.format} source with the demo's secret on the server; posting its events to /api/events instead (run the demo seed to register it)`,
          );
        job.encoded = null;
        job.step = 0;
        return this.postCanonical(job);
      }
      if (status === 401) {
        this.stats.refused += job.events.length;
        this.logError(`401:${enc.source}`, `${what} refused (HTTP 401 ${body.error?.code ?? ""}): ${body.error?.message ?? ""}`);
        return this.finish(job, enc.format);
      }
      if (status === 422 || (step.role === "delivery" && status === 200)) {
        if (Array.isArray(body.results) && body.results.length > 0) this.countResults(body.results, what);
        else if (body.outcome === "ignored") this.stats.ignored++;
        else if (status === 422 || body.outcome === "rejected") {
          this.stats.rejected += job.events.length;
          this.logError(`422:${enc.source}`, `${what} rejected (HTTP ${status} ${body.error?.code ?? ""}): ${body.error?.message ?? body.note ?? ""}`);
        }
        if (status === 422 && step.role === "notification") return this.finish(job, enc.format);
        job.step++;
        continue;
      }
      if (status === 200 && step.role === "notification") {
        this.stats.notifications++;
        job.step++;
        continue;
      }
      // 400, 403, 404, 413, …: refused as a whole; the same request would be refused again.
      this.stats.refused += job.events.length;
      this.logError(`refused:${enc.source}`, `${what} refused: HTTP ${status} ${body.error?.code ?? ""}: ${body.error?.message ?? ""}`);
      return this.finish(job, enc.format);
    }
    this.finish(job, enc.format);
  }

  private countResults(results: NonNullable<Answer["results"]>, what: string): void {
    for (const r of results) {
      if (r.status === "accepted" || r.status === "duplicate" || r.status === "unmapped" || r.status === "rejected") this.stats[r.status]++;
      if (r.status === "rejected") this.logError(`rejected:${what.split(" ")[0]}`, `${what}: rejected ${r.id}: ${r.error?.code} ${r.error?.message}`);
    }
  }

  private finish(job: Job, format: Format): void {
    this.stats.events += job.events.length;
    this.stats.formats[format] += job.events.length;
    job.events.forEach(this.onSettled);
    job.settle();
  }

  private retry(job: Job, why: string, retryAfterMs: number): void {
    const n = job.events.length;
    if (job.attempt >= RETRY_MS.length || this.closed) {
      this.stats.failed += n;
      this.logError("failed", `gave up on ${n} event(s) after ${job.attempt + 1} attempts (${why})`);
      job.events.forEach(this.onSettled);
      job.settle();
      return;
    }
    this.stats.retries++;
    this.retrying += n;
    this.logError("retry", `${why}; retrying ${n} event(s)`);
    this.later(Math.max(retryAfterMs, RETRY_MS[job.attempt]), () => {
      this.retrying -= n;
      job.attempt++;
      this.push(job);
    });
  }

  /** At most one line per kind of trouble every 5 s: a server that is down should not flood the terminal. */
  private logError(kind: string, m: string): void {
    const now = Date.now();
    if (now - (this.lastLog.get(kind) ?? 0) < 5_000) return;
    this.lastLog.set(kind, now);
    this.log(`[simulate] ${m}`);
  }
}

function describe(step: HttpStep): string {
  if (step.signing.kind === "shopify") return step.signing.topic;
  if (step.role === "notification") return "notification";
  const path = step.path.split("?")[0];
  return path.slice(path.lastIndexOf("/webhooks/") + "/webhooks/".length);
}

/** The headers of one attempt: Shopify's HMAC is of the body alone; a Standard Webhooks signature covers the attempt's time. */
function signedHeaders(step: HttpStep): Record<string, string> {
  const s = step.signing;
  if (s.kind === "shopify") {
    return {
      "x-shopify-topic": s.topic,
      "x-shopify-hmac-sha256": shopifyHmac(s.secret, step.body),
      "x-shopify-shop-domain": SHOPIFY_SHOP_DOMAIN,
      "x-shopify-api-version": SHOPIFY_API_VERSION,
      "x-shopify-webhook-id": s.webhookId,
      "x-shopify-triggered-at": s.triggeredAt,
      "x-shopify-event-id": s.eventId,
    };
  }
  if (s.kind === "standard") return standardHeaders(s.secret, s.msgId, step.body);
  return {};
}
