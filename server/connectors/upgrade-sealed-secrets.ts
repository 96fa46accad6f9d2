import "server-only";
import type pg from "pg";
import { outboundSecretContext, sourceSecretContext, type SecretBox } from "./secret-box";

/**
 * Rows written before secrets were bound to their row and fingerprinted with a key (review
 * finding 21): re-seal v1 values as v2 (with the row as AES-GCM additional data) and replace the
 * unkeyed SHA-256 fingerprint with the keyed one. Runs at every start; finds nothing once done.
 * Each row is updated only if nobody changed it meanwhile (another instance upgrading too).
 * Values that cannot be opened with this key are left alone (the registry says so when used).
 */
export async function upgradeSealedSecrets(pool: pg.Pool, box: SecretBox): Promise<number> {
  let upgraded = 0;
  const secrets = await pool.query<{ id: string; source_code: string; sealed: string; fingerprint: string }>(
    "SELECT id, source_code, sealed, fingerprint FROM source_secret WHERE sealed LIKE 'v1.%' OR fingerprint NOT LIKE 'h1:%'",
  );
  for (const row of secrets.rows) {
    const context = sourceSecretContext(row.source_code, row.id);
    let value: string;
    try {
      value = row.sealed.startsWith("v1.") ? box.openLegacy(row.sealed) : box.open(row.sealed, context);
    } catch {
      continue;
    }
    const r = await pool.query("UPDATE source_secret SET sealed = $2, fingerprint = $3 WHERE id = $1 AND sealed = $4", [
      row.id,
      row.sealed.startsWith("v1.") ? box.seal(value, context) : row.sealed,
      box.fingerprint(value),
      row.sealed,
    ]);
    upgraded += r.rowCount ?? 0;
  }
  const outbound = await pool.query<{ channel_id: number; secret_sealed: string }>("SELECT channel_id, secret_sealed FROM channel_outbound WHERE secret_sealed LIKE 'v1.%'");
  for (const row of outbound.rows) {
    let value: string;
    try {
      value = box.openLegacy(row.secret_sealed);
    } catch {
      continue;
    }
    const r = await pool.query("UPDATE channel_outbound SET secret_sealed = $2 WHERE channel_id = $1 AND secret_sealed = $3", [
      row.channel_id,
      box.seal(value, outboundSecretContext(row.channel_id)),
      row.secret_sealed,
    ]);
    upgraded += r.rowCount ?? 0;
  }
  return upgraded;
}
