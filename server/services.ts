import "server-only";
import type pg from "pg";
import type { PrismaClient } from "@/generated/prisma/client";
import type { TokenVerifier } from "@/server/auth/connector-tokens";
import type { Env } from "@/server/env";
import type { CatalogCache } from "@/server/ingest/catalog-cache";
import type { RealtimeHub } from "@/server/realtime/hub";
import type { SecretBox } from "@/server/connectors/secret-box";
import type { SourceRateLimiter } from "@/server/connectors/source-rate-limiter";
import type { SourceRegistry } from "@/server/connectors/source-registry";
import type { IngestDeps } from "@/server/ingest/ingest-events";
import type { SenderActivity } from "@/lib/metrics/sender-activity";
import type { Auth } from "@/server/auth/create-auth";
import type { LoginLimiter } from "@/server/auth/login-limiter";
import type { Publisher } from "@/server/publishing/publisher";
import type { OutboundDispatcher } from "@/server/outbound/outbound-dispatcher";
import type { ReservationDeps } from "@/server/reservations/reservation-deps";
import type { Metrics } from "@/server/metrics/metrics";
import type { AlertEngine } from "@/server/alerts/alert-engine";
import type { AlertDestinationDispatcher } from "@/server/alert-destinations/alert-destination-dispatcher";

/**
 * The process's shared services. The custom server creates them once; Next route handlers are
 * bundled separately by Next, so they reach the same instances through globalThis rather than by
 * importing modules that would create a second pool, cache or hub.
 */
export interface Services {
  env: Env;
  pool: pg.Pool;
  /** Expensive catalogue-wide reads go here: few connections, statement_timeout (server/db/connect.ts). */
  readPool: pg.Pool;
  prisma: PrismaClient;
  catalog: CatalogCache;
  tokens: TokenVerifier;
  hub: RealtimeHub | null;
  startedAt: Date;
  /** Migration names this build ships, for the readiness check. */
  migrations: string[];
  /** Seals connector secrets at rest. */
  box: SecretBox;
  sources: SourceRegistry;
  limiter: SourceRateLimiter;
  /** Canonical senders' activity (POST /api/events), for source health. */
  senders: SenderActivity;
  /** The ingest path, for re-submissions and replays of parked events from the admin routes. */
  ingest: IngestDeps;
  /** People's sign-in and sessions (better-auth). */
  auth: Auth;
  loginLimiter: LoginLimiter;
  /** The first-run code /api/setup asks for (printed at start while nobody exists). */
  setupCode: string;
  /** Keeps the stored published numbers current. */
  publisher: Publisher;
  /** Delivers the outbox of published numbers to channels. */
  outbound: OutboundDispatcher;
  /** Checkout holds: what the reservation routes write through. */
  reservations: ReservationDeps;
  /** This instance's Prometheus figures (GET /metrics). */
  metrics: Metrics;
  /** Evaluates alerts (null when ONEPOOL_ALERTS=false): routes ask it to re-sweep after a settings change. */
  alerts: AlertEngine | null;
  /** Groups alert turns and sends them to the alert destinations (every instance; claims keep each message to one sender). */
  alertDestinations: AlertDestinationDispatcher;
}

const KEY = Symbol.for("onepool.services");
type Holder = { [KEY]?: Services };

export function setServices(s: Services): void {
  (globalThis as Holder)[KEY] = s;
}

export function getServices(): Services {
  const s = (globalThis as Holder)[KEY];
  if (!s) throw new Error("Onepool services are not started: run the app through server/main.ts (npm start)");
  return s;
}
