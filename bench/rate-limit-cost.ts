// DATABASE_URL=<a scratch database> [REDIS_URL=redis://127.0.0.1:6379] npx tsx bench/rate-limit-cost.ts:
// what a rate-limit check costs a request (issue 18), in process,
// so a busy machine's scheduling noise stays out of it: the in-memory limiter it replaced, the
// shared limiter far from the limit (no store round trip), near it (one per request), and a flush.
import "../server/preload";
import pg from "pg";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { SourceRateLimiter } from "@/server/connectors/source-rate-limiter";
import { PgCounterStore, RedisCounterStore } from "@/server/connectors/rate-limit-store";

const N = 200_000;
const url = process.env.DATABASE_URL;

async function time(label: string, n: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn(i);
  const us = Number(process.hrtime.bigint() - t0) / 1000 / n;
  console.log(`${label.padEnd(58)} ${us.toFixed(2)} µs/request  (n=${n})`);
}

async function main() {
  if (!url) throw new Error("set DATABASE_URL to a scratch database (the table rate_limit_hit is created there if missing)");
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  await pool.query(`CREATE UNLOGGED TABLE IF NOT EXISTS rate_limit_hit (key text PRIMARY KEY, hits int NOT NULL DEFAULT 0, reset_at timestamptz(3) NOT NULL)`);
  const memory = new RateLimiterMemory({ points: 600_000, duration: 60 });
  await time("before: rate-limiter-flexible in memory (per instance)", N, () => memory.consume("token:bench", 1));
  const pgLimiter = new SourceRateLimiter(new PgCounterStore(pool));
  const key = `bench-${process.pid}`;
  await time("shared, Postgres, far from the limit (counted every 100 ms)", N, () => pgLimiter.take(key, 100_000_000));
  await time("shared, Postgres, near the limit (a round trip each)", 2000, (i) => pgLimiter.take(`${key}-near-${Math.floor(i / 50)}`, 50));
  await time("one flush of 1,000 keys (Postgres)", 20, async (i) => {
    for (let k = 0; k < 1000; k++) await pgLimiter.take(`${key}-flush-${i}-${k}`, 100_000_000);
    await pgLimiter.flush();
  });
  await pgLimiter.close();
  if (process.env.REDIS_URL) {
    const redis = new SourceRateLimiter(new RedisCounterStore(process.env.REDIS_URL));
    await time("shared, Redis, far from the limit", N, () => redis.take(key, 100_000_000));
    await time("shared, Redis, near the limit (a round trip each)", 2000, (i) => redis.take(`${key}-near-${Math.floor(i / 50)}`, 50));
    await redis.close();
  }
  await pool.query("DELETE FROM rate_limit_hit WHERE key LIKE $1", [`${key}%`]);
  await pool.end();
}

void main();
