import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type pg from "pg";
import { z } from "zod";
import { recordAudit } from "@/server/audit/record-audit";
import { AdminError } from "@/server/http/admin-error";
import { createConnectorToken, TOKEN_SCOPES } from "./connector-tokens";

export const createTokenSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length),
    sources: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
    expiresInDays: z.number().int().min(1).max(3650).nullish(),
  })
  .strict();

export const rotateTokenSchema = z
  .object({
    overlapSeconds: z.number().int().min(0).max(30 * 86_400).default(86_400),
    /** The new token's lifetime; left out, it keeps the old token's expiry as it was before the rotation. */
    expiresInDays: z.number().int().min(1).max(3650).nullish(),
  })
  .strict();

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  sources: string[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  active: boolean;
}

/** Connector tokens without their values (only a prefix is kept), newest first. */
export async function listTokens(pool: pg.Pool): Promise<TokenView[]> {
  const r = await pool.query(
    `SELECT id, name, prefix, scopes, sources, created_at, expires_at, revoked_at, last_used_at,
            revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) AS active
       FROM connector_token ORDER BY created_at DESC`,
  );
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return r.rows.map((t) => ({
    id: t.id, name: t.name, prefix: t.prefix, scopes: t.scopes, sources: t.sources, createdAt: t.created_at.toISOString(),
    expiresAt: iso(t.expires_at), revokedAt: iso(t.revoked_at), lastUsedAt: iso(t.last_used_at), active: t.active,
  }));
}

/** A new token; its value is returned once and only its hash is stored. */
export async function issueToken(pool: pg.Pool, input: z.infer<typeof createTokenSchema>, actor: Actor) {
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const { id, token } = await createConnectorToken(pool, { name: input.name, scopes: input.scopes, sources: input.sources, expiresAt });
  await recordAudit(pool, { actor, action: "token.created", target: `token:${id}`, details: { name: input.name, scopes: input.scopes, sources: input.sources, expiresAt } });
  return { id, token, expiresAt: expiresAt?.toISOString() ?? null };
}

export async function revokeToken(pool: pg.Pool, id: string, actor: Actor) {
  const r = await pool.query<{ revoked_at: Date }>("UPDATE connector_token SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING revoked_at", [id]);
  if (!r.rows[0]) throw new AdminError(404, "not_found", `no token "${id}"`);
  await recordAudit(pool, { actor, action: "token.revoked", target: `token:${id}` });
  return { id, revokedAt: r.rows[0].revoked_at.toISOString() };
}

/**
 * Rotate: a new token with the same name, scopes and sources; the old one keeps working until the
 * overlap ends (0 = revoked now), so the sender can switch without losing a request.
 */
export async function rotateToken(pool: pg.Pool, id: string, input: { overlapSeconds: number; expiresInDays?: number | null }, actor: Actor) {
  const { overlapSeconds } = input;
  const r = await pool.query<{ name: string; scopes: (typeof TOKEN_SCOPES)[number][]; sources: string[]; expires_at: Date | null; revoked_at: Date | null }>(
    "SELECT name, scopes, sources, expires_at, revoked_at FROM connector_token WHERE id = $1",
    [id],
  );
  const old = r.rows[0];
  if (!old) throw new AdminError(404, "not_found", `no token "${id}"`);
  if (old.revoked_at) throw new AdminError(409, "token_revoked", "a revoked token cannot be rotated: issue a new one");
  const expiresAt = input.expiresInDays === undefined ? old.expires_at : input.expiresInDays === null ? null : new Date(Date.now() + input.expiresInDays * 86_400_000);
  const next = await createConnectorToken(pool, { name: old.name, scopes: old.scopes, sources: old.sources, expiresAt });
  const endsAt = new Date(Date.now() + overlapSeconds * 1000);
  if (overlapSeconds === 0) await pool.query("UPDATE connector_token SET revoked_at = now() WHERE id = $1", [id]);
  else await pool.query("UPDATE connector_token SET expires_at = LEAST(COALESCE(expires_at, $2), $2) WHERE id = $1", [id, endsAt]);
  await recordAudit(pool, { actor, action: "token.rotated", target: `token:${id}`, details: { next: next.id, overlapSeconds } });
  return { id: next.id, token: next.token, expiresAt: expiresAt?.toISOString() ?? null, previousExpiresAt: endsAt.toISOString() };
}
