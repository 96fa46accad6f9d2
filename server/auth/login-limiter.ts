import "server-only";
import type pg from "pg";
import { RateLimiterPostgres, type RateLimiterRes } from "rate-limiter-flexible";

const WINDOW_SECONDS = 15 * 60;

/**
 * Failed sign-ins, counted per account and per client address in Postgres, so every instance
 * shares the count (rate-limiter-flexible; table login_limit). Only failures count: a person who
 * signs in correctly is never slowed down, and a success clears their account's count.
 */
export class LoginLimiter {
  private readonly perAccount: RateLimiterPostgres;
  private readonly perAddress: RateLimiterPostgres;

  constructor(pool: pg.Pool, limits: { perAccount: number; perAddress: number }) {
    const base = { storeClient: pool, storeType: "pool", tableName: "login_limit", tableCreated: true, duration: WINDOW_SECONDS };
    this.perAccount = new RateLimiterPostgres({ ...base, keyPrefix: "account", points: limits.perAccount });
    this.perAddress = new RateLimiterPostgres({ ...base, keyPrefix: "address", points: limits.perAddress });
  }

  /** Seconds to wait when this account or address has used up its failures, else 0. */
  async blockedFor(email: string, address: string): Promise<number> {
    const [a, b] = await Promise.all([this.perAccount.get(email), this.perAddress.get(address)]);
    const wait = (r: RateLimiterRes | null, points: number) => (r && r.consumedPoints >= points ? Math.ceil(r.msBeforeNext / 1000) : 0);
    return Math.max(wait(a, this.perAccount.points), wait(b, this.perAddress.points));
  }

  async failed(email: string, address: string): Promise<void> {
    // consume() rejects once the points are spent; the count is what matters here.
    await Promise.all([this.perAccount.penalty(email, 1), this.perAddress.penalty(address, 1)]);
  }

  async succeeded(email: string): Promise<void> {
    await this.perAccount.delete(email);
  }
}
