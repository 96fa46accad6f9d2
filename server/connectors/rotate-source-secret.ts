import "server-only";
import { inTransaction } from "@/server/db/in-transaction";
import type { Actor } from "@/lib/auth/actor";
import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { z } from "zod";
import type { rotateSourceSecretSchema } from "@/lib/contracts/sources";
import { recordAudit } from "@/server/audit/record-audit";
import type { SecretBox } from "./secret-box";
import { AdminError } from "@/server/http/admin-error";
import { insertSourceSecret } from "./upsert-source";
import { announceChange } from "@/server/realtime/announce-change";

/** A new secret in the form the provider expects: Standard Webhooks `whsec_<base64>` for signed relays. */
function generateSecret(provider: string): string {
  if (provider === "shopify") throw new AdminError(400, "secret_required", "Shopify issues the app's secret: paste it as `secret`", "secret");
  return provider === "woocommerce" ? randomBytes(32).toString("base64url") : `whsec_${randomBytes(32).toString("base64")}`;
}

/**
 * POST /api/sources/<code>/secrets: add a secret and let the ones held so far run out after the
 * overlap, so the sender can switch at any moment inside it. Returns the new secret once (it is
 * never shown again) when Onepool generated it.
 */
export async function rotateSourceSecret(pool: pg.Pool, box: SecretBox, code: string, input: z.output<typeof rotateSourceSecretSchema>, actor: Actor) {
  return inTransaction(pool, async (client) => {
    const src = await client.query<{ provider: string }>("SELECT provider FROM source WHERE code = $1 FOR UPDATE", [code]);
    if (!src.rows[0]) throw new AdminError(404, "not_found", `no source "${code}"`);
    const value = input.secret ?? generateSecret(src.rows[0].provider);
    const dup = await client.query("SELECT 1 FROM source_secret WHERE source_code = $1 AND fingerprint = ANY($2::text[]) AND revoked_at IS NULL", [code, box.fingerprints(value)]);
    if (dup.rowCount) throw new AdminError(409, "secret_exists", "this secret is already active for the source", "secret");
    const overlapEndsAt = new Date(Date.now() + input.overlapSeconds * 1000);
    const old = await client.query<{ id: string }>(
      input.overlapSeconds === 0
        ? "UPDATE source_secret SET revoked_at = now() WHERE source_code = $1 AND revoked_at IS NULL RETURNING id"
        : "UPDATE source_secret SET expires_at = LEAST(COALESCE(expires_at, $2), $2) WHERE source_code = $1 AND revoked_at IS NULL RETURNING id",
      input.overlapSeconds === 0 ? [code] : [code, overlapEndsAt],
    );
    const { id, hint } = await insertSourceSecret(client, box, code, value);
    await recordAudit(client, {
      actor,
      action: "source.secret_rotated",
      target: `source:${code}`,
      details: { added: id, hint, previous: old.rows.map((r) => r.id), overlapSeconds: input.overlapSeconds },
    });
    await announceChange(client, { kind: "sources", code });
    return { id, hint, secret: input.secret ? undefined : value, previousExpireAt: input.overlapSeconds === 0 ? new Date().toISOString() : overlapEndsAt.toISOString() };
  });
}

/** DELETE /api/sources/<code>/secrets/<id>: revoke at once. Revoking a revoked secret changes nothing. */
export async function revokeSourceSecret(pool: pg.Pool, code: string, id: string, actor: Actor) {
  const r = await pool.query<{ revoked_at: Date; hint: string }>("UPDATE source_secret SET revoked_at = COALESCE(revoked_at, now()) WHERE source_code = $1 AND id = $2 RETURNING revoked_at, hint", [
    code,
    id,
  ]);
  if (!r.rows[0]) throw new AdminError(404, "not_found", `source "${code}" has no secret "${id}"`);
  await recordAudit(pool, { actor, action: "source.secret_revoked", target: `source:${code}`, details: { secret: id, hint: r.rows[0].hint } });
  // After the commit (one statement, no transaction): every instance refuses the secret from its next delivery.
  await announceChange(pool, { kind: "sources", code });
  return { id, revokedAt: r.rows[0].revoked_at.toISOString() };
}
