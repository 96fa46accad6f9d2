import "server-only";
import { z } from "zod";

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
  /** Days of webhook delivery log (source health, security events) and of acknowledged pushes (at least 8) kept; the ledger is kept forever. */
  ONEPOOL_DELIVERY_LOG_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Days rejected events, and parked events once mapped, are kept (review #13: they were kept forever). */
  ONEPOOL_REJECTED_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Requests per minute one connector token may make to POST /api/events before 429 (DESIGN §8). */
  ONEPOOL_TOKEN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000_000).default(600_000),
  /** 32 bytes (base64 or hex) that encrypt connector secrets at rest; unset → a key file in the data dir. */
  ONEPOOL_SECRET_KEY: z
    .string()
    .refine((v) => /^[0-9a-f]{64}$/i.test(v) || Buffer.from(v, "base64").length === 32, "ONEPOOL_SECRET_KEY must be 32 bytes, as 64 hex digits or base64")
    .optional(),
  /** Where people reach Onepool (https://onepool.example.com). Unset: the request's own host. Set it behind a proxy. */
  ONEPOOL_PUBLIC_URL: z.url().optional(),
  /** "true" behind a reverse proxy that sets X-Forwarded-For: sign-in limits then key on the client it names. */
  ONEPOOL_TRUST_PROXY: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  /** Unattended installs: this admin is created at start-up when nobody signs in with that email. */
  ONEPOOL_ADMIN_EMAIL: z.email().optional(),
  ONEPOOL_ADMIN_PASSWORD: z.string().min(10, "ONEPOOL_ADMIN_PASSWORD must be at least 10 characters").max(128).optional(),
  ONEPOOL_ADMIN_NAME: z.string().min(1).max(100).default("Admin"),
  /** Failed sign-ins allowed per account, and per client address, in 15 minutes before 429. */
  ONEPOOL_LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(10_000).default(5),
  ONEPOOL_LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(30),
  /** "true" accepts the demo's public token and people's password outside `npm run demo` (review #16). */
  ONEPOOL_ALLOW_DEMO_CREDENTIALS: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
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
