import "server-only";
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createConnectorToken, hashToken, TOKEN_SCOPES, TokenVerifier } from "@/server/auth/connector-tokens";
import { connectDb } from "@/server/db/connect";
import { startEmbeddedPostgres, type EmbeddedDb } from "@/server/db/embedded-postgres";
import { applyMigrations, listMigrations } from "@/server/db/migrate";
import { refoldRequested } from "@/server/projection/refold-requested";
import type { Env } from "@/server/env";
import { CatalogCache } from "@/server/ingest/catalog-cache";
import { loadSecretKey, SecretBox } from "@/server/connectors/secret-box";
import { SourceRateLimiter } from "@/server/connectors/source-rate-limiter";
import { PgCounterStore, RedisCounterStore } from "@/server/connectors/rate-limit-store";
import { upgradeSealedSecrets } from "@/server/connectors/upgrade-sealed-secrets";
import { SenderActivity } from "@/lib/metrics/sender-activity";
import { SourceRegistry } from "@/server/connectors/source-registry";
import { pruneDeliveryLog } from "@/server/connectors/prune-delivery-log";
import { prunePublishedHistory } from "@/server/oversells/prune-published-history";
import { pruneScorecardDeliveries } from "@/server/scorecard-mail/prune-deliveries";
import { capBody, closeUnreadBody, nextBodyLimit } from "@/server/http/body-guard";
import { sendError } from "@/server/http/respond";
import { serveOwnRoute } from "@/server/http/serve-own-route";
import { listOwnRoutes } from "@/server/own-routes";
import { wireCommitPipeline } from "@/server/pipeline/wire-commit-pipeline";
import { RealtimeHub } from "@/server/realtime/hub";
import { createClusterAdapter } from "@/server/realtime/create-adapter";
import { CredentialBus } from "@/server/realtime/credential-bus";
import { ContextFollower } from "@/server/realtime/apply-context-change";
import { OwnBackends } from "@/server/db/own-backends";
import { ActivitySharer } from "@/server/realtime/share-activity";
import { clientAddress } from "@/lib/http/client-address";
import { securityHeaders, servedOverHttps } from "@/lib/http/security-headers";
import { setServices, type Services } from "@/server/services";
import { startAuth } from "@/server/auth/start-auth";
import { guardDemoCredentials } from "@/server/auth/demo-credentials";
import { OutboundDispatcher } from "@/server/outbound/outbound-dispatcher";
import { ReservationSweeper } from "@/server/reservations/expire-reservations";
import { KeyedQueue } from "@/lib/reservations/keyed-queue";
import { startScorecardMail } from "@/server/scorecard-mail/scorecard-mail-scheduler";
import { Metrics } from "@/server/metrics/metrics";
import { AlertEngine } from "@/server/alerts/alert-engine";
import { acceptableRequestId } from "@/lib/log/levels";
import { logAnswer } from "@/server/log/log-answer";
import { loggerFor, withRequestId } from "@/server/log/logger";
import { AlertDestinationDispatcher } from "@/server/alert-destinations/alert-destination-dispatcher";
import { pruneAlertHistory } from "@/server/alerts/prune-alert-history";
import { startSortKeyDrainer } from "@/server/projection/drain-sort-keys";
import { startScorecardDrainer } from "@/server/scorecard/drain-scorecard-rollups";
import { startScorecardWarmer } from "@/server/scorecard/scorecard-warmer";

const serverLog = loggerFor("server");

/** Low cover gathers the SKUs of 5 s of ingest (it looks at every SKU that moved); returns and counts are rare: 1 s. */
const ALERT_INGEST_DELAY_MS = { low_cover: 5_000, returns_spike: 1_000, variance: 1_000 };

/** What serves everything but ingest: Next, or in tests a stand-in that calls the route handlers. */
export type NextHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

export interface RunningServer {
  url: string;
  port: number;
  services: Services;
  stop(): Promise<void>;
}

/**
 * One HTTP server for everything (docs/ARCHITECTURE.md): the ingest path is answered here directly, Socket.IO
 * shares the port, and every other request goes to Next. `withNext: false` serves ingest and the
 * live layer only (integration tests and the benchmark's raw path need no pages).
 */
export async function startServer(env: Env, opts: { withNext: boolean; log?: (m: string) => void; nextHandler?: NextHandler; worker?: string }): Promise<RunningServer> {
  const log = opts.log ?? ((m: string) => serverLog.info(m));
  let embedded: EmbeddedDb | null = null;
  let url = env.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres(env.ONEPOOL_DATA_DIR, env.ONEPOOL_EMBEDDED_PG_PORT, log);
    url = embedded.url;
  }
  const db = connectDb(url, env.ONEPOOL_DB_POOL_SIZE, {
    ingestSize: env.ONEPOOL_INGEST_POOL_SIZE,
    readSize: env.ONEPOOL_READ_POOL_SIZE,
    readTimeoutMs: env.ONEPOOL_READ_TIMEOUT_MS,
    connectTimeoutMs: env.ONEPOOL_DB_CONNECT_TIMEOUT_MS,
  });
  // Which notifications are this instance's own echo (the context bus below).
  const own = new OwnBackends();
  for (const p of [db.pool, db.ingestPool, db.readPool]) own.watch(p);
  const ran = await applyMigrations(db.pool, undefined, log);
  if (ran.length) log(`Applied migrations: ${ran.join(", ")}`);
  // Before ingest opens, so no batch folds against a level that is still under the old rules.
  await refoldRequested(db.pool, log);
  if (env.ONEPOOL_BOOTSTRAP_TOKEN) {
    await createConnectorToken(db.pool, { name: "bootstrap", scopes: [...TOKEN_SCOPES], value: env.ONEPOOL_BOOTSTRAP_TOKEN });
    const state = await db.pool.query<{ revoked_at: Date | null; expires_at: Date | null }>("SELECT revoked_at, expires_at FROM connector_token WHERE token_hash = $1", [
      hashToken(env.ONEPOOL_BOOTSTRAP_TOKEN),
    ]);
    const b = state.rows[0];
    if (b?.revoked_at || (b?.expires_at && b.expires_at.getTime() <= Date.now())) {
      log(`Warning: ONEPOOL_BOOTSTRAP_TOKEN was ${b.revoked_at ? "revoked" : "expired"} by an admin and stays so; set a new value to get a working bootstrap token.`);
    }
  }

  // This instance's figures for GET /metrics (a registry of its own: see server/metrics/metrics.ts).
  const metrics = new Metrics();
  metrics.watchPools({ main: db.pool, ingest: db.ingestPool, read: db.readPool });
  // The read pool: its statement_timeout bounds the query if the database is slow.
  metrics.watchOutbox(db.readPool, log);
  metrics.watchAlerts(db.readPool, log);
  metrics.watchAlertOutbox(db.readPool, log);

  const catalog = new CatalogCache(db.pool);
  await catalog.reload();
  // Ingest (token checks, group commit, rejections) on its own connections: busy reads cannot starve it.
  const tokens = new TokenVerifier(db.ingestPool);
  await guardDemoCredentials(env, db.pool, tokens, log);
  const secretKey = await loadSecretKey(env.ONEPOOL_SECRET_KEY, env.ONEPOOL_DATA_DIR);
  const box = new SecretBox(secretKey.key);
  const upgradedSecrets = await upgradeSealedSecrets(db.pool, box);
  if (upgradedSecrets) log(`Upgraded ${upgradedSecrets} stored connector secret(s): bound to their row, keyed fingerprint.`);
  const sources = new SourceRegistry(db.pool, box);
  // Token and source limits hold across instances: Redis when configured, else Postgres (nothing to install).
  const limiter = new SourceRateLimiter(env.REDIS_URL ? new RedisCounterStore(env.REDIS_URL) : new PgCounterStore(db.pool));
  const senders = new SenderActivity();
  // The header's lag and the senders' health count every instance's traffic (hub set below).
  const activity = new ActivitySharer(db.pool, senders, (samples) => hub?.recordIngestLags(samples));
  const people = await startAuth(env, { pool: db.pool, prisma: db.prisma, secretKey: secretKey.key, tokens, log });

  let nextHandler: NextHandler | null = opts.nextHandler ?? null;
  if (opts.withNext && !nextHandler) {
    const { default: next } = await import("next");
    const app = next({ dev: env.NODE_ENV === "development", dir: process.cwd() });
    await app.prepare();
    nextHandler = app.getRequestHandler();
  }

  let hub: RealtimeHub | null = null;
  // Alerts (docs/ALERTS.md): a sweep, plus the SKUs each ingest commit touched; changes reach every
  // instance's hub through Postgres (the bus below), this one's included.
  const alerts = env.ONEPOOL_ALERTS
    ? new AlertEngine(db.pool, {
        sweepMs: env.ONEPOOL_ALERT_SWEEP_SECONDS * 1000,
        fullSweepMs: env.ONEPOOL_ALERT_FULL_SWEEP_SECONDS * 1000,
        ingestDelayMs: ALERT_INGEST_DELAY_MS,
        safetyDays: env.ONEPOOL_SAFETY_DAYS,
      })
    : null;
  // Alert destinations (docs/ALERTS.md): on every instance, whether or not it evaluates alerts.
  const alertDestinations = new AlertDestinationDispatcher(db.pool, box, {
    windowMs: env.ONEPOOL_ALERT_GROUP_SECONDS * 1000,
    pollMs: env.ONEPOOL_ALERT_DELIVERY_POLL_MS,
    allow: env.ONEPOOL_OUTBOUND_ALLOW_HOSTS,
    onAttempt: (destination, result) => metrics.recordAlertDelivery(destination, result),
  });
  const outbound = new OutboundDispatcher(db.pool, box, {
    allow: env.ONEPOOL_OUTBOUND_ALLOW_HOSTS,
    onAnswer: (a) => metrics.recordPush(a.channel, a.result, a.endToEndLagMs),
  });
  const trustOf = (locationId: number) => catalog.locationsById.get(locationId)?.trustedSources ?? [];
  // Stock changes → published numbers stored (and queued for the channels) → live frames and pushes.
  const { committer, publisher } = wireCommitPipeline({ ingestPool: db.ingestPool, pool: db.pool, catalog, trustOf, hub: () => hub, activity, metrics, alerts, outbound });
  const reservations = { pool: db.pool, catalog, trustOf, publisher, skuQueue: new KeyedQueue() };
  const sweeper = new ReservationSweeper(reservations);
  const ingestDeps = {
    pool: db.ingestPool,
    catalog,
    committer,
    tokens,
    limiter,
    senders,
    tokenRatePerMinute: env.ONEPOOL_TOKEN_RATE_PER_MINUTE,
    futureToleranceMs: env.ONEPOOL_FUTURE_TOLERANCE_SECONDS * 1000,
    metrics,
  };
  const webhookDeps = { ingest: ingestDeps, sources, limiter, pool: db.ingestPool, unverifiedPerMinute: env.ONEPOOL_WEBHOOK_UNVERIFIED_PER_MINUTE };

  const plainHeaders = securityHeaders({ https: false, dev: env.NODE_ENV === "development" });
  const httpsHeaders = securityHeaders({ https: true, dev: env.NODE_ENV === "development" });
  const server = http.createServer((req, res) => {
    // Every log line written while handling it names the request; the client gets the id to quote.
    const requestId = acceptableRequestId(req.headers["x-request-id"]) ?? randomUUID();
    res.setHeader("x-request-id", requestId);
    // Which worker of `npm start` answered (docs/OPERATIONS.md): its process id.
    if (opts.worker) res.setHeader("x-onepool-worker", opts.worker);
    logAnswer(req, res, requestId);
    withRequestId(requestId, () => handle(req, res));
  });
  function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    // On every answer, the ingest path's and Next's alike (review #20).
    // Browsers ignore HSTS on plain http, so a public https URL can always send it.
    const https =
      env.ONEPOOL_PUBLIC_URL?.startsWith("https:") || servedOverHttps("encrypted" in req.socket && req.socket.encrypted === true, req.headers["x-forwarded-proto"], env.ONEPOOL_TRUST_PROXY);
    for (const [k, v] of Object.entries(https ? httpsHeaders : plainHeaders)) res.setHeader(k, v);
    // Sign-in limits and session records key on the client's address: never on one a client made up
    // (behind a trusted proxy, the hop it appended, not the left-most entry the client wrote).
    req.headers["x-forwarded-for"] = clientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, env.ONEPOOL_TRUST_PROXY, env.ONEPOOL_TRUST_PROXY_HOPS);
    const [path, search = ""] = (req.url ?? "/").split("?", 2);
    closeUnreadBody(req, res);
    if (serveOwnRoute(routes, req, res, path, search)) return;
    if (nextHandler) {
      if (!capBody(req, res, nextBodyLimit(path))) return;
      nextHandler(req, res).catch((err) => {
        serverLog.error({ err, component: "next" }, "unexpected failure");
        if (!res.headersSent) sendError(res, 500, "internal", "unexpected error");
      });
      return;
    }
    sendError(res, 404, "not_found", `no route for ${req.method} ${path}`);
  }
  server.keepAliveTimeout = 65_000;
  // Sockets of every instance (Postgres adapter, or Redis streams with REDIS_URL); frames keep their
  // one order through the hub's frame bus (docs/SCALING.md).
  const cluster = await createClusterAdapter(url, env.REDIS_URL);
  hub = new RealtimeHub(server, db.pool, catalog, env.ONEPOOL_SAFETY_DAYS, people.authenticateSocket, {
    publicUrl: env.ONEPOOL_PUBLIC_URL,
    recheckMs: env.ONEPOOL_SOCKET_RECHECK_SECONDS * 1000,
    adapter: cluster.adapter,
    databaseUrl: url,
  });
  await hub.start();
  // Revocations reach the sockets of every instance on this database (no Redis needed).
  const liveHub = hub;
  metrics.watchSockets(() => liveHub.clientCounts());
  // Catalogue, rules, pauses, tokens and sources changed on another instance: reload them here.
  const follower = new ContextFollower({ pool: db.pool, catalog, tokens, sources, publisher, ingest: ingestDeps, markAllDirty: () => liveHub.markAllDirty() });
  const bus = new CredentialBus(
    url,
    db.pool,
    (r) => {
      if (r.kind === "token") tokens.forget();
      liveHub.applyRevocation(r);
    },
    () => {
      void liveHub.recheckAll();
      void follower.reloadEverything();
    },
    (c) => liveHub.countChanged(c),
    (a) => liveHub.alertChanged(a),
    (c, pid) => {
      if (!own.has(pid)) void follower.apply(c);
    },
    (payload, pid) => {
      if (!own.has(pid)) activity.receive(payload);
    },
  );
  await bus.start();
  hub.announce = (r) => bus.publish(r);

  const services: Services = {
    env,
    pool: db.pool,
    readPool: db.readPool,
    prisma: db.prisma,
    catalog,
    tokens,
    hub,
    startedAt: new Date(),
    migrations: await listMigrations(),
    box,
    sources,
    limiter,
    senders,
    ingest: ingestDeps,
    metrics,
    auth: people.auth,
    loginLimiter: people.loginLimiter,
    setupCode: people.setupCode,
    publisher,
    outbound,
    reservations,
    alerts,
    alertDestinations,
  };
  // Ingest, webhooks, reservations and /metrics: answered here, before Next (server/own-routes.ts).
  const routes = listOwnRoutes(services, webhookDeps, ingestDeps);
  // Complete the stored numbers at start (a new channel, or a database from before they were stored).
  publisher.contextChanged();
  setServices(services);
  sweeper.start();
  outbound.start();
  alerts?.start();
  alertDestinations.start();
  // The weekly scorecard e-mail (Monday 08:00 local); off without ONEPOOL_SMTP_URL.
  const scorecardMail = startScorecardMail(env, db.pool, log);
  // The scorecard's rollups folded from the queue every second, and every SKU's weeks prepared and
  // kept current in the background (scorecard-warmer.ts: a backfill after an upgrade or on a fresh
  // start, in bounded steps; start-up does not wait for it). Not under tests, whose servers share one
  // database: each read drains for itself, and tests call the warmer's tick.
  const quiet = { stop: async () => {} };
  const scorecardDrainer = env.NODE_ENV === "test" ? quiet : startScorecardDrainer(db.pool);
  const scorecardWarmer = env.NODE_ENV === "test" ? quiet : startScorecardWarmer(db.pool, env.ONEPOOL_TIMEZONE);
  // The stock list's sort keys of the SKUs ingest queued, recomputed every second (drain-sort-keys.ts;
  // a numeric sort's page drains for itself too, which is all tests rely on).
  const sortKeyDrainer = env.NODE_ENV === "test" ? quiet : startSortKeyDrainer(db.pool);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, env.HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  let pruning: Promise<unknown> = Promise.resolve();
  const prune = () => {
    pruning = Promise.all([
      pruneDeliveryLog(db.pool, env.ONEPOOL_DELIVERY_LOG_DAYS, env.ONEPOOL_REJECTED_RETENTION_DAYS, env.ONEPOOL_HISTORY_RETENTION_DAYS).catch((err) =>
        serverLog.error({ err }, "pruning the delivery log failed"),
      ),
      prunePublishedHistory(db.pool, env.ONEPOOL_HISTORY_RETENTION_DAYS).catch((err) => serverLog.error({ err }, "pruning the published history failed")),
      pruneAlertHistory(db.pool, env.ONEPOOL_HISTORY_RETENTION_DAYS).catch((err) => serverLog.error({ err }, "pruning the alert history failed")),
      pruneScorecardDeliveries(db.pool, env.ONEPOOL_HISTORY_RETENTION_DAYS).catch((err) => serverLog.error({ err }, "pruning the scorecard e-mail send history failed")),
    ]);
  };
  const pruneTimer = setInterval(prune, 60 * 60 * 1000);
  pruneTimer.unref();
  prune();

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      clearInterval(pruneTimer);
      server.close();
      await pruning;
      server.closeAllConnections?.();
      await sweeper.stop();
      await committer.stop();
      await activity.close();
      await alerts?.stop();
      await alertDestinations.stop();
      await publisher.close();
      await outbound.stop();
      await scorecardMail.stop();
      await scorecardWarmer.stop();
      await scorecardDrainer.stop();
      await sortKeyDrainer.stop();
      await hub?.close();
      await cluster.close();
      await bus.close();
      await follower.idle();
      await limiter.close().catch(() => {});
      await db.close();
      await embedded?.stop();
    })());

  return { url: `http://localhost:${port}`, port, services, stop };
}
