import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { parseProviderJson } from "@/lib/connectors/provider-json";
import { recordAudit } from "@/server/audit/record-audit";
import { loadConnectorToken, type ConnectorToken } from "@/server/auth/connector-tokens";
import { ingestEvents, type EventResult } from "@/server/ingest/ingest-events";
import type { Services } from "@/server/services";
import { AdminError } from "@/server/http/admin-error";
import { processDelivery } from "./webhook-endpoint";

/**
 * Re-submit a rejected event or delivery after its cause was fixed (a mapping, a location, a
 * catalogue entry). A webhook delivery is translated again from its stored raw body and headers
 * (its signature was checked when it arrived); a canonical event goes through the ingest path again.
 * Already-applied parts come back as duplicates, so re-submitting twice cannot double-count. A
 * renewed failure updates this row's reason rather than adding a rejection. A canonical event is
 * held again to the limits of the token that sent it (review #8): an admin's click must not turn
 * a WMS token's forbidden event into an accepted one. Rows without a token are Onepool's own
 * writes (dashboard counts); webhook deliveries are held to their source.
 */
export async function resubmitRejection(services: Pick<Services, "pool" | "ingest" | "sources">, id: string, actor: Actor) {
  const r = await services.pool.query<{
    id: string;
    source: string | null;
    raw: string;
    provider: string | null;
    topic: string | null;
    headers: Record<string, string> | null;
    received_at: Date;
    token_id: string | null;
  }>("SELECT id, source, raw, provider, topic, headers, received_at, token_id FROM rejected_event WHERE id = $1", [id]);
  const row = r.rows[0];
  if (!row) throw new AdminError(404, "not_found", `no rejected event ${id}`);

  let outcome: string;
  let results: EventResult[] = [];
  let error: { code: string; message: string } | undefined;
  if (row.provider) {
    const source = row.source ? await services.sources.get(row.source) : null;
    if (!source) throw new AdminError(422, "unknown_source", `source "${row.source}" is no longer registered`);
    let body: unknown;
    try {
      body = parseProviderJson(row.raw);
    } catch {
      throw new AdminError(422, "invalid_json", "the stored body is not valid JSON: it cannot succeed on re-submission");
    }
    const p = await processDelivery(
      services,
      source,
      { headers: row.headers ?? {}, body, receivedAt: row.received_at },
      { provider: row.provider, topic: row.topic, headers: row.headers ?? {}, raw: row.raw },
      { recordRejected: false },
    );
    if (p.kind === "failed") throw new Error(p.message);
    outcome = p.outcome;
    results = p.results;
    error = p.error;
  } else {
    let body: unknown;
    try {
      body = JSON.parse(row.raw);
    } catch {
      throw new AdminError(422, "invalid_json", "the stored body is not valid JSON: it cannot succeed on re-submission");
    }
    const token = row.token_id === null ? null : await senderToken(services, row.token_id);
    results = await ingestEvents(services.ingest, [body], { token, receivedAt: new Date(), receivedAts: [row.received_at], recordRejected: false });
    outcome = results[0].status;
    if (results[0].status === "rejected") error = { code: results[0].error.code, message: results[0].error.message };
  }
  // A renewed failure stays this one row, with today's reason: re-submitting cannot pile up copies.
  await services.pool.query("UPDATE rejected_event SET resubmitted_at = now(), resubmit_result = $2, code = COALESCE($3, code), message = COALESCE($4, message) WHERE id = $1", [
    id,
    outcome,
    error?.code ?? null,
    error?.message ?? null,
  ]);
  await recordAudit(services.pool, { actor, action: "rejection.resubmitted", target: `rejected_event:${id}`, details: { outcome } });
  return { id, outcome, results, ...(error ? { error } : {}) };
}

/** The token that sent a rejected event, if it may still send it: a revoked or deleted one may not. */
async function senderToken(services: Pick<Services, "pool">, id: string): Promise<ConnectorToken> {
  const found = await loadConnectorToken(services.pool, id);
  if (!found) throw new AdminError(409, "token_gone", "the connector token that sent this event no longer exists: its sender must send the event again with a current token");
  if (found.inactive === "revoked") {
    throw new AdminError(
      409,
      "token_revoked",
      `the connector token that sent this event ("${found.token.name}") was revoked: its events are not re-submitted; the sender must send it again with a current token`,
    );
  }
  if (!found.token.scopes.includes("ingest")) {
    throw new AdminError(409, "token_cannot_ingest", `the connector token that sent this event ("${found.token.name}") no longer has the ingest scope`);
  }
  // An expired token (say, after a rotation's overlap) still names what its sender was allowed: hold the event to that.
  return found.token;
}
