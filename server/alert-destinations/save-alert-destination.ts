import "server-only";
import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import { DESTINATION_NAME, DESTINATION_NAME_RULE, type AlertDestinationInput } from "@/lib/contracts/alert-destinations";
import type { AllowList } from "@/lib/net/address-policy";
import { redactUrl } from "@/lib/net/redact-url";
import { recordAudit } from "@/server/audit/record-audit";
import type { SecretBox } from "@/server/connectors/secret-box";
import { inTransaction } from "@/server/db/in-transaction";
import { AdminError } from "@/server/http/admin-error";
import { outboundUrlRefusal } from "@/server/net/outbound-http";

// PUT/GET/DELETE /api/alert-destinations (docs/ALERTS.md "Destinations"). The signing secret is
// sealed at rest and shown once, when Onepool generated it; never again.

// The body's schema is lib/alerts/destination-input.ts, shared with the Destinations screen's form.

export interface AlertDestinationView {
  name: string;
  format: "standard" | "slack";
  /** Slack: the path (its credential) is masked; query values always are. */
  url: string;
  kinds: string[];
  enabled: boolean;
  failingSince: string | null;
  lastError: string | null;
  /** Messages waiting to be sent (or retried). */
  pending: number;
  lastDeliveredAt: string | null;
  /** The latest attempt to send it a message, whatever its outcome (failingSince/lastError say if it failed). */
  lastAttemptAt: string | null;
  createdBy: string;
  updatedBy: string;
  createdAt: string;
  updatedAt: string;
}

/** The context a destination's secret is sealed under (a sealed value copied to another row does not open). */
export const destinationSecretContext = (id: number) => `alert_destination:${id}`;

/** A Slack webhook URL's path is its key (hooks.slack.com/services/T…/B…/<key>): only the host is shown. */
export function shownUrl(format: string, url: string): string {
  const redacted = redactUrl(url);
  if (format !== "slack") return redacted;
  try {
    const u = new URL(redacted);
    return `${u.protocol}//${u.host}/***`;
  } catch {
    return "***";
  }
}

type Row = {
  id: number;
  name: string;
  format: "standard" | "slack";
  url: string;
  kinds: string[] | null;
  enabled: boolean;
  failing_since: Date | null;
  last_error: string | null;
  created_by: string;
  updated_by: string;
  created_at: Date;
  updated_at: Date;
  pending: number;
  last_delivered_at: Date | null;
  last_attempt_at: Date | null;
};

const view = (r: Row): AlertDestinationView => ({
  name: r.name,
  format: r.format,
  url: shownUrl(r.format, r.url),
  kinds: r.kinds ?? [],
  enabled: r.enabled,
  failingSince: r.failing_since?.toISOString() ?? null,
  lastError: r.last_error,
  pending: r.pending,
  lastDeliveredAt: r.last_delivered_at?.toISOString() ?? null,
  lastAttemptAt: r.last_attempt_at?.toISOString() ?? null,
  createdBy: r.created_by,
  updatedBy: r.updated_by,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

async function readRows(db: pg.Pool | pg.PoolClient, name: string | null): Promise<Row[]> {
  const r = await db.query<Row>(
    `SELECT d.id, d.name, d.format, d.url, d.kinds, d.enabled, d.failing_since, d.last_error, d.created_by, d.updated_by, d.created_at, d.updated_at,
            (SELECT count(*)::int FROM alert_delivery x WHERE x.destination_id = d.id AND x.state = 'pending') AS pending,
            (SELECT max(x.delivered_at) FROM alert_delivery x WHERE x.destination_id = d.id AND x.state = 'delivered') AS last_delivered_at,
            (SELECT max(x.last_attempt_at) FROM alert_delivery x WHERE x.destination_id = d.id) AS last_attempt_at
       FROM alert_destination d WHERE ($1::text IS NULL OR d.name = $1) ORDER BY d.name`,
    [name],
  );
  return r.rows;
}

export async function listAlertDestinations(db: pg.Pool): Promise<AlertDestinationView[]> {
  return (await readRows(db, null)).map(view);
}

export async function getAlertDestination(db: pg.Pool, name: string): Promise<AlertDestinationView> {
  const [row] = await readRows(db, name);
  if (!row) throw new AdminError(404, "not_found", `no alert destination "${name}"`);
  return view(row);
}

const forAudit = (v: AlertDestinationView | null) => (v ? { format: v.format, url: v.url, kinds: v.kinds, enabled: v.enabled } : null);

/** A new Standard Webhooks secret: `whsec_` + 24 random bytes in base64. */
const newSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

/**
 * Create or replace a destination. The URL must be a public address unless the operator allowed
 * its host (docs/SECURITY.md), as for channel pushes; it is checked again at every connect. A standard
 * destination without a secret keeps its secret, or gets a generated one, answered once.
 */
export async function saveAlertDestination(
  deps: { pool: pg.Pool; box: SecretBox; allow: AllowList },
  name: string,
  input: AlertDestinationInput,
  actor: Actor,
): Promise<AlertDestinationView & { secret?: string }> {
  if (!DESTINATION_NAME.test(name)) throw new AdminError(400, "invalid_name", DESTINATION_NAME_RULE, "name");
  const refusal = await outboundUrlRefusal(input.url, deps.allow);
  if (refusal) throw new AdminError(400, "address_not_allowed", refusal, "url");
  return inTransaction(deps.pool, async (client) => {
    // Locked: two PUTs of one new name race to the unique index otherwise.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('alert_destination'), hashtext($1))", [name]);
    const [beforeRow] = await readRows(client, name);
    const before = beforeRow ? view(beforeRow) : null;
    const prior = await client.query<{ id: number; format: string; secret_sealed: string | null }>("SELECT id, format, secret_sealed FROM alert_destination WHERE name = $1", [name]);
    let generated: string | undefined;
    let secret = input.secret;
    if (input.format === "standard" && secret === undefined && !(prior.rows[0]?.format === "standard" && prior.rows[0].secret_sealed)) secret = generated = newSecret();
    const saved = await client.query<{ id: number }>(
      `INSERT INTO alert_destination (name, format, url, kinds, enabled, created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (name) DO UPDATE SET format = EXCLUDED.format, url = EXCLUDED.url, kinds = EXCLUDED.kinds, enabled = EXCLUDED.enabled,
         failing_since = NULL, last_error = NULL, updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING id`,
      [name, input.format, input.url, input.kinds ?? [], input.enabled ?? before?.enabled ?? true, actor.label],
    );
    const id = saved.rows[0].id;
    if (input.format === "slack") await client.query("UPDATE alert_destination SET secret_sealed = NULL WHERE id = $1", [id]);
    else if (secret !== undefined) await client.query("UPDATE alert_destination SET secret_sealed = $2 WHERE id = $1", [id, deps.box.seal(secret, destinationSecretContext(id))]);
    // A fixed URL is tried at once rather than at its next backoff.
    await client.query("UPDATE alert_delivery SET next_attempt_at = now() WHERE destination_id = $1 AND state = 'pending'", [id]);
    const [afterRow] = await readRows(client, name);
    const after = view(afterRow);
    await recordAudit(client, {
      actor,
      action: before ? "alert_destination.update" : "alert_destination.create",
      target: `alert_destination:${name}`,
      before: forAudit(before),
      after: forAudit(after),
      details: { secretChanged: secret !== undefined, secretGenerated: generated !== undefined },
    });
    return generated ? { ...after, secret: generated } : after;
  });
}

/** DELETE: stop sending; what was waiting for it (turns, messages) is dropped. */
export async function deleteAlertDestination(pool: pg.Pool, name: string, actor: Actor): Promise<{ dropped: number }> {
  return inTransaction(pool, async (client) => {
    const r = await client.query<{ id: number }>("SELECT id FROM alert_destination WHERE name = $1 FOR UPDATE", [name]);
    if (!r.rows[0]) throw new AdminError(404, "not_found", `no alert destination "${name}"`);
    const id = r.rows[0].id;
    const [beforeRow] = await readRows(client, name);
    const dropped = await client.query("DELETE FROM alert_delivery WHERE destination_id = $1 AND state = 'pending'", [id]);
    await client.query("DELETE FROM alert_delivery WHERE destination_id = $1", [id]);
    await client.query("DELETE FROM alert_destination_item WHERE destination_id = $1", [id]);
    await client.query("DELETE FROM alert_destination_group WHERE destination_id = $1", [id]);
    await client.query("DELETE FROM alert_destination WHERE id = $1", [id]);
    await recordAudit(client, {
      actor,
      action: "alert_destination.delete",
      target: `alert_destination:${name}`,
      before: forAudit(view(beforeRow)),
      after: null,
      details: { dropped: dropped.rowCount ?? 0 },
    });
    return { dropped: dropped.rowCount ?? 0 };
  });
}
