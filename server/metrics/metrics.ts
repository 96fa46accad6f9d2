import "server-only";
import type pg from "pg";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { KeyedHistogram, SERIES_KEY_SEPARATOR } from "@/lib/metrics/keyed-histogram";
import { LabelCap, lagSeconds, OTHER_LABEL } from "@/lib/metrics/label-cap";
import { loadAlertOutbox } from "./load-alert-outbox";
import { loadOutboxDepth, type OutboxDepth } from "./load-outbox-depth";
import { loadOpenAlerts } from "./load-open-alerts";
import { ALERT_KINDS } from "@/lib/alerts/kinds";
import { loggerFor } from "@/server/log/logger";

const metricsLog = loggerFor("metrics");

// GET /metrics (issue 17). One registry per server instance, never prom-client's global one: tests
// start several servers in one process, and each must count only its own traffic. Everything is a
// counter, a gauge or a histogram (no summaries), so sums and quantiles add up across instances.

/** What ingest made of one event; `failed`: the batch could not be stored (the sender got a 503). */
const INGEST_RESULTS = ["accepted", "duplicate", "unmapped", "rejected", "failed"] as const;
export type IngestResult = (typeof INGEST_RESULTS)[number];
const RESULT_INDEX = Object.fromEntries(INGEST_RESULTS.map((r, i) => [r, i])) as Record<IngestResult, number>;
export type PushResult = "ack" | "retry" | "reject";
/** An attempt to send an alert message: delivered (2xx), retry (anything else), failed (given up after a day). */
export type AlertDeliveryResult = "delivered" | "retry" | "failed";

/** Label values per kind beyond which names share `_other` (lib/metrics/label-cap.ts). */
const MAX_SOURCES = 200;
const MAX_CHANNELS = 200;
/** (source, channel) pairs of the ingest-lag histogram beyond which a pair's channel reads `_other`. */
const MAX_LAG_PAIRS = 400;
const MAX_DESTINATIONS = 200;

const LAG_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];
const SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const EVENTS_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

/** A scrape waits at most this for the outbox query; it then answers without the outbox figures. */
const OUTBOX_WAIT_MS = 2000;

/**
 * Process-wide figures (CPU, memory, event-loop delay, GC): collected once per process, whatever the
 * number of server instances in it, because the event-loop monitor and the GC observer it starts
 * cannot be stopped.
 */
const PROCESS_KEY = Symbol.for("onepool.processMetrics");
function processRegistry(): Registry {
  const holder = globalThis as { [PROCESS_KEY]?: Registry };
  if (!holder[PROCESS_KEY]) {
    const r = new Registry();
    collectDefaultMetrics({ register: r });
    holder[PROCESS_KEY] = r;
  }
  return holder[PROCESS_KEY];
}

export class Metrics {
  readonly registry = new Registry();
  private readonly sources = new LabelCap(MAX_SOURCES);
  private readonly channels = new LabelCap(MAX_CHANNELS);
  private readonly lagPairs = new LabelCap(MAX_LAG_PAIRS);
  private readonly destinations = new LabelCap(MAX_DESTINATIONS);

  private readonly ingestEvents = this.registerCounter(
    "onepool_ingest_events_total",
    "Events ingest answered, by the source they name and what became of them (accepted, duplicate, unmapped, rejected; failed = not stored, answered 503).",
    ["source", "result"],
  );
  private readonly requestEvents = this.registerHistogram("onepool_ingest_request_events", "Events per ingest call: one POST /api/events, one webhook delivery, one replay.", EVENTS_BUCKETS);
  private readonly commitEvents = this.registerHistogram("onepool_ingest_commit_events", "Events per group-commit transaction (several requests' events are written together).", EVENTS_BUCKETS);
  private readonly commitSeconds = this.registerHistogram("onepool_ingest_commit_seconds", "Time of one group-commit transaction that committed, BEGIN to COMMIT.", SECONDS_BUCKETS);
  // Observed once per event or per push: kept outside prom-client, whose labelled observe costs ~1 µs
  // (lib/metrics/keyed-histogram.ts); written into the same exposition.
  private readonly ingestLag = new KeyedHistogram(
    "onepool_ingest_lag_seconds",
    "Ingest lag of accepted events (receivedAt - occurredAt), by source and by the channel the event names (orders, returns; empty for stock events); Onepool's own onepool-* writes are left out.",
    ["source", "channel"],
    LAG_BUCKETS,
  );
  private readonly endToEndLag = new KeyedHistogram(
    "onepool_end_to_end_lag_seconds",
    "End-to-end lag per channel: occurredAt of the change a push carried to the channel's 2xx acknowledgement. Re-told numbers carry no change and are not measured.",
    "channel",
    LAG_BUCKETS,
  );
  private readonly pushes = this.registerCounter(
    "onepool_outbound_pushes_total",
    "Answers to pushes of published numbers, per channel: ack (2xx), retry (429, 5xx, no answer), reject (other 4xx: the channel is marked failing).",
    ["channel", "result"],
  );
  private readonly alertDeliveries = this.registerCounter(
    "onepool_alert_deliveries_total",
    "Attempts to send an alert message, per destination: delivered (2xx), retry (any other answer, or none), failed (given up a day after the message was made).",
    ["destination", "result"],
  );
  private readonly passSeconds = this.registerHistogram(
    "onepool_publisher_pass_seconds",
    "Time of one publisher pass that stored its numbers; scope=all after a rule, pause or catalogue change, skus after stock moved.",
    SECONDS_BUCKETS,
    ["scope"],
  );
  private readonly passFailures = this.registerCounter("onepool_publisher_failed_passes_total", "Publisher passes that failed (retried after a second; nothing is lost).");
  private readonly collectFailures = this.registerCounter(
    "onepool_metrics_collect_failures_total",
    "Scrapes that answered without a figure read from the database (collector=outbox), because the query failed or took over 2 s (collector=alerts: the open alerts).",
    ["collector"],
  );

  /** This scrape's outbox figures, shared by its two gauges; cleared when a scrape begins. */
  private outboxRead: { rows: Promise<OutboxDepth[] | null> } | null = null;

  /** What ingest made of one call's events (one call = one request or delivery). */
  recordIngest(sources: readonly string[], results: readonly IngestResult[]): void {
    this.requestEvents.observe(results.length);
    // Tallied first: one counter update per (source, result), not per event.
    const tally = new Map<string, number[]>();
    let last: string | null = null;
    let counts: number[] = [];
    for (let i = 0; i < results.length; i++) {
      if (sources[i] !== last) {
        last = sources[i];
        const label = this.sources.label(last);
        let c = tally.get(label);
        if (!c) tally.set(label, (c = INGEST_RESULTS.map(() => 0)));
        counts = c;
      }
      counts[RESULT_INDEX[results[i]]]++;
    }
    for (const [source, c] of tally) c.forEach((n, i) => n > 0 && this.ingestEvents.inc({ source, result: INGEST_RESULTS[i] }, n));
  }

  recordCommit(events: number, seconds: number): void {
    this.commitEvents.observe(events);
    this.commitSeconds.observe(seconds);
  }

  /**
   * `channel`: the channel an order or return event names, null for stock events (written as an
   * empty label value, which Prometheus reads as no channel). Sources and channels are each capped;
   * their pairs too, past which a new pair's channel reads `_other`.
   */
  recordIngestLag(source: string, channel: string | null, receivedAtMs: number, occurredAtMs: number): void {
    const s = this.sources.label(source);
    const c = channel === null ? "" : this.channels.label(channel);
    let key = s + SERIES_KEY_SEPARATOR + c;
    if (c !== "" && this.lagPairs.label(key) === OTHER_LABEL) key = s + SERIES_KEY_SEPARATOR + OTHER_LABEL;
    this.ingestLag.observe(key, lagSeconds(occurredAtMs, receivedAtMs));
  }

  recordAlertDelivery(destination: string, result: AlertDeliveryResult): void {
    this.alertDeliveries.inc({ destination: this.destinations.label(destination), result });
  }

  recordPush(channel: string, result: PushResult, endToEndLagMs: number | null): void {
    const label = this.channels.label(channel);
    this.pushes.inc({ channel: label, result });
    if (endToEndLagMs !== null) this.endToEndLag.observe(label, Math.max(0, endToEndLagMs) / 1000);
  }

  recordPass(seconds: number, everything: boolean): void {
    this.passSeconds.observe({ scope: everything ? "all" : "skus" }, seconds);
  }

  recordFailedPass(): void {
    this.passFailures.inc();
  }

  /** Connections in use, idle and waited for, per pool (read at scrape time). */
  watchPools(pools: Readonly<Record<string, pg.Pool>>): void {
    const entries = Object.entries(pools);
    const gauge = (name: string, help: string, read: (p: pg.Pool) => number) =>
      this.registerGauge(name, help, ["pool"], function () {
        for (const [pool, p] of entries) this.set({ pool }, read(p));
      });
    gauge("onepool_db_pool_in_use", "Database connections checked out of the pool (the outbox's claimant session holds one of main's for good).", (p) => p.totalCount - p.idleCount);
    gauge("onepool_db_pool_idle", "Open database connections waiting in the pool.", (p) => p.idleCount);
    gauge("onepool_db_pool_waiting", "Requests waiting for a connection of the pool (each waits at most ONEPOOL_DB_CONNECT_TIMEOUT_MS, then 503).", (p) => p.waitingCount);
    gauge("onepool_db_pool_max", "The pool's size (ONEPOOL_DB_POOL_SIZE, ONEPOOL_INGEST_POOL_SIZE, ONEPOOL_READ_POOL_SIZE).", (p) => p.options.max ?? 10);
  }

  /** Live (Socket.IO) connections of this instance, by who holds them (read at scrape time). */
  watchSockets(count: () => { user: number; token: number }): void {
    this.registerGauge("onepool_socket_clients", "Open live-update connections on this instance: kind=user (signed-in people) or token (machines).", ["kind"], function () {
      const c = count();
      this.set({ kind: "user" }, c.user);
      this.set({ kind: "token" }, c.token);
    });
  }

  /**
   * Outbox depth and oldest age per channel: they live in the database, so one cheap query at
   * scrape time (shared by both gauges). The figures are the whole database's, the same on every
   * instance: aggregate them with max, not sum.
   */
  watchOutbox(pool: pg.Pool, log: (m: string) => void = (m) => metricsLog.error(m)): void {
    // A query still running (a slow database) is waited for again, never doubled up by the next scrape.
    let inFlight: Promise<OutboxDepth[]> | null = null;
    const read = () => {
      // Both gauges of one scrape share the query (prom-client collects them one after the other).
      if (this.outboxRead) return this.outboxRead.rows;
      inFlight ??= loadOutboxDepth(pool).finally(() => (inFlight = null));
      const rows = withDeadline(inFlight, OUTBOX_WAIT_MS).catch((err: unknown) => {
        log(`[metrics] outbox figures unavailable: ${err instanceof Error ? err.message : String(err)}`);
        return null;
      });
      this.outboxRead = { rows };
      void rows.then((r) => r === null && this.collectFailures.inc({ collector: "outbox" }));
      return rows;
    };
    // A removed connector's channel disappears instead of showing its last figure for ever.
    this.outboxGauges(read, "channel", (d) => this.channels.label(d.channel), {
      pending: { name: "onepool_outbox_pending", help: "Published numbers waiting for the channel's acknowledgement (whole database)." },
      oldestAge: {
        name: "onepool_outbox_oldest_age_seconds",
        help: "Age of the oldest waiting number (whole database): since the change it carries happened, or since it was queued for a re-told number; 0 when none waits.",
      },
    });
  }

  /**
   * Open alerts per kind (every kind listed, 0 when none), muted ones also counted apart: read from
   * the database at scrape time, the same on every instance (aggregate with max).
   */
  watchAlerts(pool: pg.Pool, log: (m: string) => void = (m) => metricsLog.error(m)): void {
    const rows = this.scrapeRead("alerts", "alert", () => loadOpenAlerts(pool), log);
    const gauge = (name: string, help: string, value: (r: { open: number; muted: number }) => number) =>
      this.registerGauge(name, help, ["kind"], async function () {
        const got = await rows();
        if (got === null) return;
        for (const kind of ALERT_KINDS) this.set({ kind }, value(got.find((r) => r.kind === kind) ?? { open: 0, muted: 0 }));
      });
    gauge("onepool_alerts_open", "Open alerts by kind, muted ones included (whole database).", (r) => r.open);
    gauge("onepool_alerts_open_muted", "Open alerts by kind that are muted now (whole database): destinations skip them.", (r) => r.muted);
  }

  /**
   * Alert destinations' outbox: messages waiting to be delivered and the age of the oldest, per
   * destination, read at scrape time (whole database: aggregate with max, as the channel outbox).
   */
  watchAlertOutbox(pool: pg.Pool, log: (m: string) => void = (m) => metricsLog.error(m)): void {
    const rows = this.scrapeRead("alert_outbox", "alert outbox", () => loadAlertOutbox(pool), log);
    // A deleted destination disappears instead of showing its last figure for ever.
    this.outboxGauges(rows, "destination", (d) => this.destinations.label(d.destination), {
      pending: { name: "onepool_alert_outbox_pending", help: "Alert messages made and not yet delivered, per destination (whole database)." },
      oldestAge: {
        name: "onepool_alert_outbox_oldest_age_seconds",
        help: "Age of the oldest alert message not yet delivered, since it was made, per destination (whole database); 0 when none waits.",
      },
    });
  }

  /** An outbox's two gauges, one series per row: how many wait (`pending`) and the age of the oldest. */
  private outboxGauges<R extends { pending: number; oldestAgeSeconds: number }>(
    rows: () => Promise<R[] | null>,
    labelName: string,
    labelOf: (r: R) => string,
    gauges: Record<"pending" | "oldestAge", { name: string; help: string }>,
  ): void {
    this.rowGauge(gauges.pending.name, gauges.pending.help, labelName, rows, labelOf, (r) => r.pending);
    this.rowGauge(gauges.oldestAge.name, gauges.oldestAge.help, labelName, rows, labelOf, (r) => r.oldestAgeSeconds);
  }

  /** A gauge of a scrape-time read, one series per row (labelled by `labelOf`); a row no longer read loses its series. */
  private rowGauge<R>(name: string, help: string, labelName: string, rows: () => Promise<R[] | null>, labelOf: (r: R) => string, value: (r: R) => number): void {
    this.registerGauge(name, help, [labelName], async function () {
      const got = await rows();
      this.reset();
      for (const r of got ?? []) this.set({ [labelName]: labelOf(r) }, value(r));
    });
  }

  // Every metric is made by these three so that it lands in this instance's registry, never in
  // prom-client's global one (which a metric made without `registers` would join).

  private registerCounter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private registerHistogram<L extends string>(name: string, help: string, buckets: number[], labelNames: readonly L[] = []): Histogram<L> {
    return new Histogram({ name, help, buckets, labelNames, registers: [this.registry] });
  }

  /** `collect` runs at scrape time with the gauge as `this`. */
  private registerGauge<L extends string>(name: string, help: string, labelNames: readonly L[], collect: (this: Gauge<L>) => void | Promise<void>): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry], collect });
  }

  /**
   * One database read per scrape, shared by the gauges that show it (started by the first, forgotten
   * once the scrape's collects have it); null, logged and counted, when it fails or runs late.
   */
  private scrapeRead<T>(collector: string, what: string, load: () => Promise<T>, log: (m: string) => void): () => Promise<T | null> {
    let read: Promise<T | null> | null = null;
    return () => {
      read ??= withDeadline(load(), OUTBOX_WAIT_MS)
        .catch((err: unknown) => {
          log(`[metrics] ${what} figures unavailable: ${err instanceof Error ? err.message : String(err)}`);
          this.collectFailures.inc({ collector });
          return null;
        })
        .finally(() => setTimeout(() => (read = null), 0));
      return read;
    };
  }

  readonly contentType = this.registry.contentType;

  /** The exposition: this instance's figures, then the process's. */
  async render(): Promise<string> {
    this.outboxRead = null;
    const own = await this.registry.metrics();
    const lags = `${this.ingestLag.exposition()}\n${this.endToEndLag.exposition()}`;
    return `${own}${own.endsWith("\n") ? "" : "\n"}\n${lags}\n${await processRegistry().metrics()}`;
  }
}

function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e)),
    );
  });
}
