import "server-only";
import { requireCatalogId } from "@/server/catalog/find-catalog-id";
import { INTERNAL_SOURCE_PREFIX, isInternalSource } from "@/lib/auth/token-restrictions";
import { inTransaction } from "@/server/db/in-transaction";
import type { Actor } from "@/lib/auth/actor";
import { createHash, randomUUID } from "node:crypto";
import type pg from "pg";
import { recordAudit } from "@/server/audit/record-audit";
import { AdminError } from "@/server/http/admin-error";
import { sourceSecretContext, type SecretBox } from "./secret-box";
import { announceChange } from "@/server/realtime/announce-change";

import { SOURCE_CODE, type SourceInput } from "@/lib/contracts/sources";

export type { SourceInput } from "@/lib/contracts/sources";

export const hashNotificationKey = (key: string) => createHash("sha256").update(key).digest("hex");

/**
 * PUT /api/sources/<code> (docs/API.md): register or update a connector source. `secrets`, when
 * given, is the full set of secrets to keep: new ones are sealed and added, ones already held keep
 * their id (and take a new expiry if one is given), and held ones left out are revoked at once —
 * so a rotation is "add the new one", then later "send only the new one".
 */
export async function upsertSource(pool: pg.Pool, box: SecretBox, code: string, input: SourceInput, actor: Actor): Promise<{ created: boolean }> {
  if (!SOURCE_CODE.test(code)) throw new AdminError(400, "invalid_source", "a source code is 1–63 lower-case letters, digits, - or _, starting with a letter or digit", "code");
  // Locations trust onepool-counts for dashboard counts: a provider's deliveries must never land under it.
  if (isInternalSource(code)) throw new AdminError(400, "invalid_source", `"${INTERNAL_SOURCE_PREFIX}*" sources are Onepool's own; pick another code`, "code");
  return inTransaction(pool, async (client) => {
    const channelId = input.channel ? await requireCatalogId(client, "channel", input.channel, { status: 422, message: `unknown channel "${input.channel}"` }) : null;
    if (input.locations) {
      const codes = [...new Set(Object.values(input.locations))];
      const found = await client.query<{ code: string }>("SELECT code FROM location WHERE code = ANY($1)", [codes]);
      const missing = codes.filter((c) => !found.rows.some((r) => r.code === c));
      if (missing.length) throw new AdminError(422, "unknown_location", `unknown location(s): ${missing.join(", ")}`, "locations");
    }
    const existing = await client.query<{ provider: string }>("SELECT provider FROM source WHERE code = $1 FOR UPDATE", [code]);
    const before = existing.rows[0];
    if (before && before.provider !== input.provider) {
      throw new AdminError(409, "provider_mismatch", `source "${code}" is a ${before.provider} source; register a new source for ${input.provider}`, "provider");
    }
    // Fields left out keep their value on update (a PUT that only rotates secrets should not wipe the mapping).
    await client.query(
      `INSERT INTO source (code, provider, channel_id, locations, application_id, user_id, notification_key_hash, rate_limit_per_minute, shop_domain, updated_at)
       VALUES ($1, $2, $3, COALESCE($4::jsonb, '{}'), $5, $6, $7, COALESCE($8, 6000), $14, now())
       ON CONFLICT (code) DO UPDATE SET
         channel_id = CASE WHEN $9 THEN EXCLUDED.channel_id ELSE source.channel_id END,
         locations = COALESCE($4::jsonb, source.locations),
         application_id = CASE WHEN $10 THEN EXCLUDED.application_id ELSE source.application_id END,
         user_id = CASE WHEN $11 THEN EXCLUDED.user_id ELSE source.user_id END,
         notification_key_hash = CASE WHEN $12 THEN EXCLUDED.notification_key_hash ELSE source.notification_key_hash END,
         rate_limit_per_minute = COALESCE($8, source.rate_limit_per_minute),
         shop_domain = CASE WHEN $13 THEN EXCLUDED.shop_domain ELSE source.shop_domain END,
         updated_at = now()`,
      [
        code,
        input.provider,
        channelId,
        input.locations ? JSON.stringify(input.locations) : null,
        input.applicationId ?? null,
        input.userId ?? null,
        input.notificationKey ? hashNotificationKey(input.notificationKey) : null,
        input.rateLimitPerMinute ?? null,
        input.channel !== undefined,
        input.applicationId !== undefined,
        input.userId !== undefined,
        input.notificationKey !== undefined,
        input.shopDomain !== undefined,
        input.shopDomain?.trim().toLowerCase() ?? null,
      ],
    );
    const secretChanges = input.secrets ? await replaceSecrets(client, box, code, input.secrets) : null;
    await recordAudit(client, {
      actor,
      action: before ? "source.updated" : "source.created",
      target: `source:${code}`,
      details: {
        provider: input.provider,
        fields: Object.keys(input).filter((k) => k !== "secrets" && k !== "notificationKey"),
        notificationKeyChanged: input.notificationKey !== undefined,
        secrets: secretChanges,
      },
    });
    // Every instance drops its cached copy (secrets, locations, limit) of this source.
    await announceChange(client, { kind: "sources", code });
    return { created: !before };
  });
}

type SecretSpec = string | { secret: string; expiresAt?: string | null };

async function replaceSecrets(client: pg.PoolClient, box: SecretBox, code: string, specs: readonly SecretSpec[]) {
  const held = await client.query<{ id: string; fingerprint: string; hint: string }>("SELECT id, fingerprint, hint FROM source_secret WHERE source_code = $1 AND revoked_at IS NULL", [code]);
  const keep = new Set<string>();
  // Ids with their hints (the last 4 characters), so the audit log can say which secret without revealing it.
  const added: { id: string; hint: string }[] = [];
  for (const spec of specs) {
    const value = typeof spec === "string" ? spec : spec.secret;
    const expiresAt = typeof spec === "string" ? undefined : spec.expiresAt;
    const fps: string[] = box.fingerprints(value);
    const same = held.rows.find((h) => fps.includes(h.fingerprint));
    if (same) {
      keep.add(same.id);
      if (expiresAt !== undefined) await client.query("UPDATE source_secret SET expires_at = $2 WHERE id = $1", [same.id, expiresAt]);
      continue;
    }
    const secret = await insertSourceSecret(client, box, code, value, expiresAt);
    keep.add(secret.id);
    added.push(secret);
  }
  const revoked = held.rows.filter((h) => !keep.has(h.id)).map((h) => ({ id: h.id, hint: h.hint }));
  if (revoked.length) await client.query("UPDATE source_secret SET revoked_at = now() WHERE id = ANY($1)", [revoked.map((r) => r.id)]);
  return { added, revoked };
}

/** The last 4 characters, so an admin can tell secrets apart without seeing them. */
const secretHint = (value: string) => `…${value.slice(-4)}`;

/** Store a new secret of the source, sealed to its row (here and when it is rotated: rotate-source-secret.ts). */
export async function insertSourceSecret(client: pg.PoolClient, box: SecretBox, code: string, value: string, expiresAt?: string | null): Promise<{ id: string; hint: string }> {
  const id = randomUUID();
  const hint = secretHint(value);
  await client.query("INSERT INTO source_secret (id, source_code, sealed, fingerprint, hint, expires_at) VALUES ($1, $2, $3, $4, $5, $6)", [
    id,
    code,
    box.seal(value, sourceSecretContext(code, id)),
    box.fingerprint(value),
    hint,
    expiresAt ?? null,
  ]);
  return { id, hint };
}
