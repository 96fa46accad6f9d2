import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type pg from "pg";
import type { z } from "zod";
import { recordAudit } from "@/server/audit/record-audit";
import { AdminError } from "@/server/http/admin-error";
import { inTransaction } from "@/server/db/in-transaction";
import { createConnectorToken, type TokenRow } from "./connector-tokens";
import type { createTokenSchema, TOKEN_SCOPES } from "@/lib/contracts/tokens";
import { announceChange } from "@/server/realtime/announce-change";

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  sources: string[];
  eventTypes: string[];
  locations: string[];
  channels: string[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  active: boolean;
}

/** A token's limits as the API shows and takes them (none stored = none). */
const limitsOf = (t: Pick<TokenRow, "sources" | "event_types" | "locations" | "channels">) => ({
  sources: t.sources ?? [],
  eventTypes: t.event_types ?? [],
  locations: t.locations ?? [],
  channels: t.channels ?? [],
});

/** Connector tokens without their values (only a prefix is kept), newest first. */
export async function listTokens(pool: pg.Pool): Promise<TokenView[]> {
  const r = await pool.query(
    `SELECT id, name, prefix, scopes, sources, event_types, locations, channels, created_at, expires_at, revoked_at, last_used_at,
            revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) AS active
       FROM connector_token ORDER BY created_at DESC`,
  );
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return r.rows.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes,
    ...limitsOf(t),
    createdAt: t.created_at.toISOString(),
    expiresAt: iso(t.expires_at),
    revokedAt: iso(t.revoked_at),
    lastUsedAt: iso(t.last_used_at),
    active: t.active,
  }));
}

// Each change and its audit row commit together (review #23): a token is never issued, revoked or
// rotated without a record of who did it, and a failed audit write leaves the token as it was.

/** A new token; its value is returned once and only its hash is stored. */
export async function issueToken(pool: pg.Pool, input: z.infer<typeof createTokenSchema>, actor: Actor) {
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const { name, scopes, sources, eventTypes, locations, channels } = input;
  return inTransaction(pool, async (client) => {
    const { id, token } = await createConnectorToken(client, { name, scopes, sources, eventTypes, locations, channels, expiresAt });
    await recordAudit(client, { actor, action: "token.created", target: `token:${id}`, details: { name, scopes, sources, eventTypes, locations, channels, expiresAt } });
    return { id, token, expiresAt: expiresAt?.toISOString() ?? null };
  });
}

export async function revokeToken(pool: pg.Pool, id: string, actor: Actor) {
  return inTransaction(pool, async (client) => {
    const r = await client.query<{ revoked_at: Date }>("UPDATE connector_token SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING revoked_at", [id]);
    if (!r.rows[0]) throw new AdminError(404, "not_found", `no token "${id}"`);
    await recordAudit(client, { actor, action: "token.revoked", target: `token:${id}` });
    // Every instance drops its cached lookups: the token is refused everywhere from the next request.
    await announceChange(client, { kind: "tokens" });
    return { id, revokedAt: r.rows[0].revoked_at.toISOString() };
  });
}

type RotatedRow = Omit<TokenRow, "id" | "scopes"> & { scopes: (typeof TOKEN_SCOPES)[number][] };

/**
 * Rotate: a new token with the same name, scopes and limits; the old one keeps working until the
 * overlap ends (0 = revoked now), so the sender can switch without losing a request.
 */
export async function rotateToken(pool: pg.Pool, id: string, input: { overlapSeconds: number; expiresInDays?: number | null }, actor: Actor) {
  const { overlapSeconds } = input;
  return inTransaction(pool, async (client) => {
    // Locked: two rotations at once must not both mint a successor.
    const r = await client.query<RotatedRow>("SELECT name, scopes, sources, event_types, locations, channels, expires_at, revoked_at FROM connector_token WHERE id = $1 FOR UPDATE", [id]);
    const old = r.rows[0];
    if (!old) throw new AdminError(404, "not_found", `no token "${id}"`);
    if (old.revoked_at) throw new AdminError(409, "token_revoked", "a revoked token cannot be rotated: issue a new one");
    const expiresAt = input.expiresInDays === undefined ? old.expires_at : input.expiresInDays === null ? null : new Date(Date.now() + input.expiresInDays * 86_400_000);
    const next = await createConnectorToken(client, {
      name: old.name,
      scopes: old.scopes,
      ...limitsOf(old),
      expiresAt,
    });
    const endsAt = new Date(Date.now() + overlapSeconds * 1000);
    if (overlapSeconds === 0) await client.query("UPDATE connector_token SET revoked_at = now() WHERE id = $1", [id]);
    else await client.query("UPDATE connector_token SET expires_at = LEAST(COALESCE(expires_at, $2), $2) WHERE id = $1", [id, endsAt]);
    await recordAudit(client, { actor, action: "token.rotated", target: `token:${id}`, details: { next: next.id, overlapSeconds } });
    await announceChange(client, { kind: "tokens" });
    return { id: next.id, token: next.token, expiresAt: expiresAt?.toISOString() ?? null, previousExpiresAt: endsAt.toISOString() };
  });
}
