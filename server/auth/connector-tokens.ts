import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type pg from "pg";
import { type Clock, systemClock } from "@/lib/time/clock";
import { TtlCache } from "@/lib/time/ttl-cache";
import { LastUsedMarker } from "@/server/db/last-used-marker";

import { TOKEN_SCOPES, type TokenScope } from "@/lib/contracts/tokens";

// The scopes are part of the request contract (lib/contracts/tokens.ts); re-exported for the server code that issues and checks tokens.
export { TOKEN_SCOPES, type TokenScope };

export interface ConnectorToken {
  id: string;
  name: string;
  scopes: TokenScope[];
  /** What its events may name (lib/auth/token-restrictions.ts); empty = any. */
  sources: string[];
  eventTypes: string[];
  locations: string[];
  /** The channels its reservations may hold for; empty = any. */
  channels: string[];
}

/** A token's limits as given when it is issued; each list empty (or left out) = any. */
export interface TokenLimits {
  sources?: string[];
  eventTypes?: string[];
  locations?: string[];
  channels?: string[];
}

export type TokenCheck = { ok: true; token: ConnectorToken } | { ok: false; status: 401 | 403; code: string; message: string };

// Tokens are 32 random bytes, so a plain SHA-256 is a sound hash for lookup (no dictionary to
// guess from); passwords, which people choose, get a slow hash in the people-and-permissions work.
export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");

export function newTokenValue(): string {
  return `op_${randomBytes(32).toString("base64url")}`;
}

/**
 * Ensure a token with this value exists (or create a new one). An existing token keeps its
 * revocation and expiry: a bootstrap token revoked or rotated by an admin must not come back to
 * life because the server restarted with the same environment.
 */
export async function createConnectorToken(
  db: Pick<pg.Pool, "query"> | pg.PoolClient,
  input: { name: string; scopes: TokenScope[]; expiresAt?: Date | null; value?: string } & TokenLimits,
): Promise<{ id: string; token: string }> {
  const token = input.value ?? newTokenValue();
  const id = randomUUID();
  await db.query(
    `INSERT INTO connector_token (id, name, token_hash, prefix, scopes, sources, event_types, locations, channels, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (token_hash) DO UPDATE SET scopes = EXCLUDED.scopes`,
    [id, input.name, hashToken(token), token.slice(0, 10), input.scopes, input.sources ?? [], input.eventTypes ?? [], input.locations ?? [], input.channels ?? [], input.expiresAt ?? null],
  );
  return { id, token };
}

export interface TokenRow {
  id: string;
  name: string;
  scopes: string[];
  sources: string[] | null;
  event_types: string[] | null;
  locations: string[] | null;
  channels: string[] | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

/**
 * Bearer tokens for machines. Lookups are cached for one second: at thousands of webhook
 * requests a second that saves a query each, and a revocation still bites within a second.
 */
export class TokenVerifier {
  private readonly cache: TtlCache<string, TokenRow | null>;
  /** Token hashes refused whatever their row says (the public demo token outside the demo, review #16). */
  private refused = new Map<string, { code: string; message: string }>();
  private readonly lastUsed: LastUsedMarker;
  constructor(
    private readonly pool: pg.Pool,
    ttlMs = 1000,
    private readonly clock: Clock = systemClock,
  ) {
    this.cache = new TtlCache(ttlMs, clock);
    this.lastUsed = new LastUsedMarker(pool, "UPDATE connector_token SET last_used_at = now() WHERE id = $1");
  }

  async check(authorization: string | undefined, scope: TokenScope): Promise<TokenCheck> {
    const r = await this.authenticate(authorization);
    if (r.ok && !r.token.scopes.includes(scope)) return { ok: false, status: 403, code: "forbidden", message: `this token lacks the "${scope}" scope` };
    return r;
  }

  /** The token a Bearer header names, if it is known, unrevoked and unexpired; scopes are the caller's to check. */
  async authenticate(authorization: string | undefined): Promise<TokenCheck> {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
    if (!m) return { ok: false, status: 401, code: "unauthenticated", message: "missing Authorization: Bearer <connector token>" };
    const hash = hashToken(m[1]);
    const refusal = this.refused.get(hash);
    if (refusal) return { ok: false, status: 401, ...refusal };
    // One read per token at a time (at 1,000 requests/s an expired entry drew dozens); null, an
    // unknown token, is cached too.
    const row = await this.cache.getOrLoad(hash, async () => {
      const r = await this.pool.query<TokenRow>("SELECT id, name, scopes, sources, event_types, locations, channels, expires_at, revoked_at FROM connector_token WHERE token_hash = $1", [hash]);
      return r.rows[0] ?? null;
    });
    if (!row) return { ok: false, status: 401, code: "invalid_token", message: "unknown connector token" };
    if (row.revoked_at) return { ok: false, status: 401, code: "token_revoked", message: "this connector token was revoked" };
    if (row.expires_at && row.expires_at.getTime() <= this.clock.now()) return { ok: false, status: 401, code: "token_expired", message: "this connector token has expired" };
    this.lastUsed.mark(row.id);
    return { ok: true, token: tokenFromRow(row) };
  }

  forget(): void {
    this.cache.clear();
  }

  refuse(token: string, why: { code: string; message: string }): void {
    this.refused.set(hashToken(token), why);
  }
}

export function tokenFromRow(row: TokenRow): ConnectorToken {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes as TokenScope[],
    sources: row.sources ?? [],
    eventTypes: row.event_types ?? [],
    locations: row.locations ?? [],
    channels: row.channels ?? [],
  };
}

/**
 * A token by id as it stands now (re-submission re-applies the limits of the token that sent an
 * event): null when it is gone, with why it can no longer act when it is revoked or expired.
 */
export async function loadConnectorToken(pool: pg.Pool, id: string): Promise<{ token: ConnectorToken; inactive: "revoked" | "expired" | null } | null> {
  const r = await pool.query<TokenRow>("SELECT id, name, scopes, sources, event_types, locations, channels, expires_at, revoked_at FROM connector_token WHERE id = $1", [id]);
  const row = r.rows[0];
  if (!row) return null;
  const inactive = row.revoked_at ? "revoked" : row.expires_at && row.expires_at.getTime() <= Date.now() ? "expired" : null;
  return { token: tokenFromRow(row), inactive };
}
