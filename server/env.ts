import "server-only";
import { availableParallelism } from "node:os";
import { z } from "zod";
import { isTimeZone } from "@/lib/time/iso-week";
import { parseAllowList } from "@/lib/net/address-policy";
import { LOG_FORMATS, LOG_LEVELS } from "@/lib/log/levels";

// Environment, parsed once. Everything the server reads from process.env is named here.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.url().optional(),
  ONEPOOL_DATA_DIR: z.string().default(".data"),
  ONEPOOL_EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  ONEPOOL_BOOTSTRAP_TOKEN: z.string().min(24, "ONEPOOL_BOOTSTRAP_TOKEN must be at least 24 characters").optional(),
  ONEPOOL_FUTURE_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(120),
  ONEPOOL_SAFETY_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  ONEPOOL_DB_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(10),
  /** Ingest's own connections, and the expensive reads' (SKU lists, lag percentiles, previews): reads cannot starve ingest. */
  ONEPOOL_INGEST_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(3),
  ONEPOOL_READ_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(3),
  /** statement_timeout of an expensive read, ms: past it the read answers 503, not a hang. */
  ONEPOOL_READ_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** How long a request waits for a database connection (database away, or all busy) before a 503, ms. */
  ONEPOOL_DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  REDIS_URL: z.url().optional(),
  /**
   * Processes `npm start` serves with (node:cluster, one port): one per CPU by default; 1 = a single
   * process, as before. Pool sizes not set above are then shared out under Postgres's
   * max_connections (lib/cluster/worker-pools.ts, docs/SCALING.md).
   */
  ONEPOOL_WORKERS: z.coerce
    .number()
    .int()
    .min(1)
    .max(256)
    .default(() => availableParallelism()),
  /** Days of webhook delivery log (source health, security events) and of acknowledged pushes (at least 8) kept; the ledger is kept forever. */
  ONEPOOL_DELIVERY_LOG_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Days rejected events, and parked events once mapped, are kept (review #13: they were kept forever). */
  ONEPOOL_REJECTED_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Requests per minute one connector token may make to POST /api/events before 429 (docs/SECURITY.md). */
  ONEPOOL_TOKEN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000_000).default(600_000),
  /**
   * Exceptions to "Onepool only calls public addresses" (channel pushes, alert destinations):
   * comma-separated host names, IPs or CIDRs, e.g. "erp.lan,10.0.5.0/24". Unset: none.
   */
  ONEPOOL_OUTBOUND_ALLOW_HOSTS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return parseAllowList(v);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: `ONEPOOL_OUTBOUND_ALLOW_HOSTS: ${e instanceof Error ? e.message : String(e)}` });
        return z.NEVER;
      }
    }),
  /** Unverified webhook requests (bad or no signature, unknown source) one client address may make per minute before 429; verified deliveries never count. */
  ONEPOOL_WEBHOOK_UNVERIFIED_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(60),
  /** 32 bytes (base64 or hex) that encrypt connector secrets at rest; unset → a key file in the data dir. */
  ONEPOOL_SECRET_KEY: z
    .string()
    .refine((v) => /^[0-9a-f]{64}$/i.test(v) || Buffer.from(v, "base64").length === 32, "ONEPOOL_SECRET_KEY must be 32 bytes, as 64 hex digits or base64")
    .optional(),
  /** Where people reach Onepool (https://onepool.example.com). Unset: the request's own host. Set it behind a proxy. */
  ONEPOOL_PUBLIC_URL: z.url().optional(),
  /** "true" behind a reverse proxy that sets X-Forwarded-For: sign-in limits then key on the client it names. */
  ONEPOOL_TRUST_PROXY: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** With ONEPOOL_TRUST_PROXY: how many proxies of yours append to X-Forwarded-For; the client is that many entries from the right. */
  ONEPOOL_TRUST_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  /** Seconds between re-checks of every open live connection's credential (expiry, revocation, role). */
  ONEPOOL_SOCKET_RECHECK_SECONDS: z.coerce.number().min(0.1).max(60).default(60),
  /** Unattended installs: this admin is created at start-up when nobody signs in with that email. */
  ONEPOOL_ADMIN_EMAIL: z.email().optional(),
  ONEPOOL_ADMIN_PASSWORD: z.string().min(10, "ONEPOOL_ADMIN_PASSWORD must be at least 10 characters").max(128).optional(),
  ONEPOOL_ADMIN_NAME: z.string().min(1).max(100).default("Admin"),
  /** Failed sign-ins per account before exponential backoff (addresses that signed in to it are exempt), and per client address in 15 minutes before 429. */
  ONEPOOL_LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(10_000).default(5),
  ONEPOOL_LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(30),
  /** First wait once an account's free failures are spent; it doubles with each further failure, up to an hour. */
  ONEPOOL_LOGIN_BACKOFF_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** "true" accepts the demo's public token and people's password outside `npm run demo` (review #16). */
  ONEPOOL_ALLOW_DEMO_CREDENTIALS: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** IANA zone of the business: scorecard weeks (Monday 00:00 local, docs/SCORECARD.md#figures) and the Monday 08:00 e-mail. */
  /** Structured logs (server/log/logger.ts reads these at import; here they are refused when wrong). */
  ONEPOOL_LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  /** json: one object a line; pretty: readable lines; auto: pretty on a terminal, JSON otherwise. */
  ONEPOOL_LOG_FORMAT: z.enum(LOG_FORMATS).default("auto"),
  ONEPOOL_TIMEZONE: z.string().default("UTC").refine(isTimeZone, "ONEPOOL_TIMEZONE must be an IANA time zone, e.g. America/Mexico_City"),
  /** smtp://user:pass@host:587 or smtps://…; unset = the weekly scorecard e-mail is off. */
  ONEPOOL_SMTP_URL: z.url().optional(),
  ONEPOOL_MAIL_FROM: z.string().min(3).max(200).default("Onepool <onepool@localhost>"),
  /** How long the published-number history (oversell root cause, docs/OVERSELLS.md) is kept. */
  ONEPOOL_HISTORY_RETENTION_DAYS: z.coerce.number().int().min(7).max(3650).default(400),
  /** "false" stops this instance evaluating alerts (another instance, or none, does); docs/ALERTS.md. */
  ONEPOOL_ALERTS: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /** Seconds between alert sweeps (every kind); fractions allowed for tests and drills. */
  ONEPOOL_ALERT_SWEEP_SECONDS: z.coerce.number().min(0.05).max(3600).default(15),
  /** Seconds between sweeps of the SKU kinds (low cover, returns spike, variance) over every SKU; ingest evaluates the SKUs it touches in between. */
  ONEPOOL_ALERT_FULL_SWEEP_SECONDS: z.coerce.number().min(0.05).max(86_400).default(600),
  /** At most one message per (alert destination, kind) per this many seconds (docs/ALERTS.md: 5 min); fractions for tests. */
  ONEPOOL_ALERT_GROUP_SECONDS: z.coerce.number().min(0.05).max(86_400).default(300),
  /** Milliseconds between looks for alert turns to group and destination messages due. */
  ONEPOOL_ALERT_DELIVERY_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
});

export type Env = z.infer<typeof schema>;

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const r = schema.safeParse(source);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`invalid environment:\n${lines}`);
  }
  if (!!r.data.ONEPOOL_ADMIN_EMAIL !== !!r.data.ONEPOOL_ADMIN_PASSWORD) throw new Error("invalid environment:\n  set both ONEPOOL_ADMIN_EMAIL and ONEPOOL_ADMIN_PASSWORD, or neither");
  return r.data;
}
