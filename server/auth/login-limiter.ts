import "server-only";
import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";

const ADDRESS_WINDOW_SECONDS = 15 * 60;
/** Failures an account remembers; the backoff grows with them and starts over a day after the last burst. */
const ACCOUNT_WINDOW_SECONDS = 24 * 60 * 60;
const MAX_BACKOFF_SECONDS = 60 * 60;
/** An address that signed in to an account stays exempt from that account's backoff this long. */
const KNOWN_ADDRESS_SECONDS = 30 * 24 * 60 * 60;

export type Attempt = { ok: true; ticket: Ticket } | { ok: false; retryAfter: number };
interface Ticket {
  email: string;
  address: string;
  accountPoint: boolean;
  knownAddress: boolean;
}

/** The delay after the n-th failure beyond the free ones: base, 2×base, 4×base… capped at an hour. */
export function backoffSeconds(beyond: number, base: number): number {
  return Math.min(MAX_BACKOFF_SECONDS, base * 2 ** Math.max(0, Math.min(beyond, 20)));
}

const rejected = (err: unknown): RateLimiterRes | null => (err instanceof RateLimiterRes ? err : null);

/**
 * Sign-in guessing limits, in Postgres so every instance shares them (rate-limiter-flexible; table
 * login_limit). An attempt is taken from the limits *before* the password is checked and given
 * back when it succeeds, so concurrent guesses cannot slip past the count.
 * - Per address: `perAddress` attempts that fail per 15 minutes.
 * - Per account: `perAccount` free failures, then exponential backoff (one attempt per slot,
 *   `baseDelay` doubling up to an hour) instead of a fixed lockout, and addresses that signed in
 *   to the account before are exempt: guessing at a known admin's email cannot lock them out.
 *   An admin can clear an account's failures (unlock).
 */
export class LoginLimiter {
  private readonly perAccount: RateLimiterPostgres;
  private readonly perAddress: RateLimiterPostgres;
  /** One attempt per backoff slot once the free failures are spent. */
  private readonly slot: RateLimiterPostgres;
  private readonly known: RateLimiterPostgres;

  constructor(
    pool: pg.Pool,
    private readonly limits: { perAccount: number; perAddress: number; baseDelaySeconds: number },
  ) {
    const base = { storeClient: pool, storeType: "pool", tableName: "login_limit", tableCreated: true };
    this.perAccount = new RateLimiterPostgres({ ...base, keyPrefix: "account", points: limits.perAccount, duration: ACCOUNT_WINDOW_SECONDS });
    this.perAddress = new RateLimiterPostgres({ ...base, keyPrefix: "address", points: limits.perAddress, duration: ADDRESS_WINDOW_SECONDS });
    this.slot = new RateLimiterPostgres({ ...base, keyPrefix: "account-slot", points: 1, duration: limits.baseDelaySeconds });
    this.known = new RateLimiterPostgres({ ...base, keyPrefix: "known", points: 1_000_000, duration: KNOWN_ADDRESS_SECONDS });
  }

  /** Take an attempt for this account from this address, or the seconds to wait. */
  async begin(email: string, address: string): Promise<Attempt> {
    try {
      await this.perAddress.consume(address);
    } catch (err) {
      const r = rejected(err);
      if (!r) throw err;
      return { ok: false, retryAfter: Math.max(1, Math.ceil(r.msBeforeNext / 1000)) };
    }
    const knownAddress = (await this.known.get(knownKey(email, address))) !== null;
    if (knownAddress) return { ok: true, ticket: { email, address, accountPoint: false, knownAddress } };
    try {
      const r = await this.perAccount.consume(email);
      // The last free attempt: from now on the next one waits for a slot, even while this one is checked.
      if (r.consumedPoints === this.limits.perAccount) await this.slot.block(email, backoffSeconds(0, this.limits.baseDelaySeconds));
      return { ok: true, ticket: { email, address, accountPoint: true, knownAddress } };
    } catch (err) {
      const r = rejected(err);
      if (!r) throw err;
      await this.perAccount.reward(email, 1); // a refused attempt is not a failure
      const beyond = r.consumedPoints - 1 - this.limits.perAccount;
      try {
        await this.slot.consume(email, 1, { customDuration: backoffSeconds(beyond + 1, this.limits.baseDelaySeconds) });
      } catch (slotErr) {
        const s = rejected(slotErr);
        if (!s) throw slotErr;
        await this.perAddress.reward(address, 1);
        return { ok: false, retryAfter: Math.max(1, Math.ceil(s.msBeforeNext / 1000)) };
      }
      return { ok: true, ticket: { email, address, accountPoint: false, knownAddress } };
    }
  }

  /** The password was wrong: the attempt stays taken (and counts toward the account's backoff). */
  async failed(t: Ticket): Promise<void> {
    if (!t.accountPoint && !t.knownAddress) await this.perAccount.penalty(t.email, 1);
  }

  /** Signed in: the account's failures are cleared and this address is known for it. */
  async succeeded(t: Ticket): Promise<void> {
    await Promise.all([this.perAddress.reward(t.address, 1), this.unlock(t.email), this.known.set(knownKey(t.email, t.address), 1, KNOWN_ADDRESS_SECONDS)]);
  }

  /** Neither success nor a wrong password (deactivated, malformed): give the attempt back. */
  async abandoned(t: Ticket): Promise<void> {
    await Promise.all([this.perAddress.reward(t.address, 1), t.accountPoint ? this.perAccount.reward(t.email, 1) : Promise.resolve()]);
  }

  /** An admin clears an account's failures and backoff. Whether it was held back before. */
  async unlock(email: string): Promise<boolean> {
    const [a, b] = await Promise.all([this.perAccount.delete(email), this.slot.delete(email)]);
    return a || b;
  }

  /** Seconds before this account may try again from an unknown address (0 = now), for the People page. */
  async lockedFor(email: string): Promise<number> {
    const [a, s] = await Promise.all([this.perAccount.get(email), this.slot.get(email)]);
    if (!a || a.consumedPoints < this.limits.perAccount || !s || s.consumedPoints < 1) return 0;
    return Math.ceil(s.msBeforeNext / 1000);
  }
}

const knownKey = (email: string, address: string) => `${email}|${address}`;
