import "server-only";
import type pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import type { OutboundInput } from "@/lib/contracts/outbound";
import { recordAudit } from "@/server/audit/record-audit";
import { outboundSecretContext, type SecretBox } from "@/server/connectors/secret-box";
import { inTransaction } from "@/server/db/in-transaction";
import { AdminError } from "@/server/http/admin-error";
import type { Services } from "@/server/services";
import { enqueueCurrentNumbers } from "./enqueue-current";
import { redactUrl } from "@/lib/net/redact-url";
import { outboundUrlRefusal } from "@/server/net/outbound-http";
import { announceChange } from "@/server/realtime/announce-change";

export interface OutboundConfig {
  channel: string;
  provider: "standard" | "shopify";
  url: string;
  locationId: string | null;
  latencyMinutes: number | null;
}

async function channelId(db: pg.Pool | pg.PoolClient, code: string): Promise<{ id: number; latency_minutes: number | null }> {
  const r = await db.query<{ id: number; latency_minutes: number | null }>("SELECT id, latency_minutes FROM channel WHERE code = $1", [code]);
  if (!r.rows[0]) throw new AdminError(404, "not_found", `no channel "${code}"`);
  return r.rows[0];
}

const forAudit = (c: OutboundConfig | null) => (c ? { ...c, url: redactUrl(c.url) } : null);

async function readConfig(db: pg.Pool | pg.PoolClient, code: string): Promise<OutboundConfig | null> {
  const r = await db.query<{ provider: "standard" | "shopify"; url: string; location_id: string | null; latency_minutes: number | null }>(
    "SELECT o.provider, o.url, o.location_id, c.latency_minutes FROM channel_outbound o JOIN channel c ON c.id = o.channel_id WHERE c.code = $1",
    [code],
  );
  const x = r.rows[0];
  return x ? { channel: code, provider: x.provider, url: x.url, locationId: x.location_id, latencyMinutes: x.latency_minutes } : null;
}

/**
 * Store where the channel's published numbers go: clears the failing mark (the fix is to be tried
 * at once) and makes waiting retries due now. The secret is sealed at rest and never shown.
 * registerOutbound then queues every listed SKU's number.
 */
export async function saveOutbound(pool: pg.Pool, box: SecretBox, code: string, input: OutboundInput, actor: Actor): Promise<OutboundConfig & { channelId: number }> {
  return inTransaction(pool, async (client) => {
    const channel = await channelId(client, code);
    const before = await readConfig(client, code);
    await client.query(
      `INSERT INTO channel_outbound (channel_id, provider, url, secret_sealed, location_id, updated_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (channel_id) DO UPDATE SET provider = EXCLUDED.provider, url = EXCLUDED.url, secret_sealed = EXCLUDED.secret_sealed,
         location_id = EXCLUDED.location_id, failing_since = NULL, failing_reason = NULL, updated_at = now()`,
      [channel.id, input.provider, input.url, box.seal(input.secret, outboundSecretContext(channel.id)), input.locationId ?? null],
    );
    if (input.latencyMinutes !== undefined) {
      await client.query("UPDATE channel SET latency_minutes = $2, updated_at = now() WHERE id = $1", [channel.id, input.latencyMinutes]);
      // A channel's latency feeds its dynamic buffers: every instance reloads it and recomputes.
      await announceChange(client, { kind: "catalog", trustChanged: [], listings: [] });
    }
    await client.query("UPDATE outbound_push SET next_attempt_at = now() WHERE channel_id = $1 AND state = 'pending'", [channel.id]);
    const after = (await readConfig(client, code))!;
    // Managers read the audit log: a URL's credentials (user:pass@, ?token=) stay out of it.
    await recordAudit(client, {
      actor,
      action: before ? "outbound.update" : "outbound.create",
      target: `channel:${code}`,
      before: forAudit(before),
      after: forAudit(after),
      details: { secretChanged: true },
    });
    return { ...after, channelId: channel.id };
  });
}

/**
 * PUT /api/channels/<code>/outbound end to end: save, let this process's publisher store what it
 * is computing (a pass that started before the connector existed queued nothing for it), then
 * queue every listed SKU's current number and deliver.
 */
export async function registerOutbound(
  services: Pick<Services, "env" | "pool" | "box" | "publisher" | "outbound">,
  code: string,
  input: OutboundInput,
  actor: Actor,
): Promise<OutboundConfig & { queued: number }> {
  // Only public addresses, unless the operator allowed the host (docs/SECURITY.md); checked again at every connect.
  const refusal = await outboundUrlRefusal(input.url, services.env.ONEPOOL_OUTBOUND_ALLOW_HOSTS);
  if (refusal) throw new AdminError(400, "address_not_allowed", refusal, "url");
  const { channelId, ...saved } = await saveOutbound(services.pool, services.box, code, input, actor);
  // A configured latency feeds the dynamic buffers until acks measure one.
  if (input.latencyMinutes !== undefined) await services.publisher.recomputeAll();
  else await services.publisher.settle();
  const queued = await enqueueCurrentNumbers(services.pool, { channelId });
  services.outbound.kick();
  return { ...saved, queued };
}

/** DELETE: stop pushing to the channel; what was still queued for it is dropped. */
export async function deleteOutbound(pool: pg.Pool, code: string, actor: Actor): Promise<{ dropped: number }> {
  return inTransaction(pool, async (client) => {
    const channel = await channelId(client, code);
    const before = await readConfig(client, code);
    if (!before) throw new AdminError(404, "not_found", `channel "${code}" has no outbound connector`);
    const dropped = await client.query("DELETE FROM outbound_push WHERE channel_id = $1 AND state = 'pending'", [channel.id]);
    await client.query("DELETE FROM outbound_push WHERE channel_id = $1", [channel.id]);
    await client.query("DELETE FROM channel_outbound WHERE channel_id = $1", [channel.id]);
    await recordAudit(client, { actor, action: "outbound.delete", target: `channel:${code}`, before: forAudit(before), after: null, details: { dropped: dropped.rowCount ?? 0 } });
    return { dropped: dropped.rowCount ?? 0 };
  });
}

export async function getOutbound(pool: pg.Pool, code: string): Promise<OutboundConfig> {
  await channelId(pool, code);
  const c = await readConfig(pool, code);
  if (!c) throw new AdminError(404, "not_found", `channel "${code}" has no outbound connector`);
  return c;
}

/** Make every waiting push of the channel due now (after fixing the cause), instead of at its next backoff. */
export async function retryOutboundNow(pool: pg.Pool, code: string, actor: Actor): Promise<{ due: number }> {
  return inTransaction(pool, async (client) => {
    const channel = await channelId(client, code);
    if (!(await readConfig(client, code))) throw new AdminError(404, "not_found", `channel "${code}" has no outbound connector`);
    const r = await client.query("UPDATE outbound_push SET next_attempt_at = now() WHERE channel_id = $1 AND state = 'pending'", [channel.id]);
    await recordAudit(client, { actor, action: "outbound.retry_now", target: `channel:${code}`, details: { due: r.rowCount ?? 0 } });
    return { due: r.rowCount ?? 0 };
  });
}
