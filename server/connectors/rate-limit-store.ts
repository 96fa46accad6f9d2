import "server-only";
import type pg from "pg";
import { RedisConnection } from "@/server/db/redis-connection";

/** Where instances add their request counts: each key's total in its current window, and when that ends. */
export interface CounterStore {
  add(batch: readonly { key: string; n: number }[], windowMs: number): Promise<{ total: number; resetAt: number }[]>;
  /** Drop windows that ended (housekeeping, once a minute). */
  prune(): Promise<void>;
  close(): Promise<void>;
}

/** Table rate_limit_hit: one upsert for the whole batch, keys in order so two instances' batches cannot deadlock. */
export class PgCounterStore implements CounterStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(batch: readonly { key: string; n: number }[], windowMs: number) {
    const sorted = batch.map((b, i) => ({ ...b, i })).sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    const r = await this.pool.query<{ key: string; hits: number; reset_ms: number }>({
      name: "rate-limit-add",
      text: `INSERT INTO rate_limit_hit AS r (key, hits, reset_at)
       SELECT u.key, u.n, clock_timestamp() + make_interval(secs => $3::float8 / 1000) FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS u(key, n, o) ORDER BY u.o
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN r.reset_at <= clock_timestamp() THEN EXCLUDED.hits ELSE r.hits + EXCLUDED.hits END,
         reset_at = CASE WHEN r.reset_at <= clock_timestamp() THEN EXCLUDED.reset_at ELSE r.reset_at END
       RETURNING r.key, r.hits, (extract(epoch FROM r.reset_at) * 1000)::float8 AS reset_ms`,
      values: [sorted.map((b) => b.key), sorted.map((b) => b.n), windowMs],
    });
    const byKey = new Map(r.rows.map((row) => [row.key, { total: row.hits, resetAt: row.reset_ms }]));
    return batch.map((b) => byKey.get(b.key) ?? { total: 0, resetAt: Date.now() + windowMs });
  }

  async prune() {
    await this.pool.query("DELETE FROM rate_limit_hit WHERE reset_at < now() - interval '1 minute'");
  }

  async close() {}
}

/**
 * Redis (REDIS_URL): INCRBY, then PEXPIRE NX so the window starts with the key's first count and
 * the key vanishes when it ends (nothing to prune), then PTTL for when; pipelined, one round trip a batch.
 */
export class RedisCounterStore implements CounterStore {
  private readonly redis: RedisConnection;
  constructor(
    url: string,
    private readonly prefix = "onepool:rl:",
  ) {
    this.redis = new RedisConnection(url);
  }

  async add(batch: readonly { key: string; n: number }[], windowMs: number) {
    const cmds = batch.flatMap((b) => {
      const k = this.prefix + b.key;
      return [
        ["INCRBY", k, b.n],
        ["PEXPIRE", k, windowMs, "NX"],
        ["PTTL", k],
      ];
    });
    const replies = await this.redis.pipeline(cmds);
    const now = Date.now();
    return batch.map((_, i) => {
      const total = Number(replies[i * 3]);
      const ttl = Number(replies[i * 3 + 2]);
      return { total, resetAt: now + (ttl > 0 ? ttl : windowMs) };
    });
  }

  async prune() {}

  close() {
    return this.redis.close();
  }
}
