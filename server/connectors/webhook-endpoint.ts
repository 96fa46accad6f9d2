import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";
import { parseMercadoLibreNotification } from "@/lib/connectors/mercadolibre";
import { parseProviderJson } from "@/lib/connectors/provider-json";
import { verifyShopify, verifyStandard, verifyWooCommerce, type SignatureCheck } from "@/lib/connectors/signatures";
import { LookupFailed, translateDelivery } from "@/lib/connectors/translate-delivery";
import { PROVIDERS, type Provider } from "@/lib/connectors/types";
import { parseJsonBody, readNodeBody, refusedMethod, sendUnreadBody } from "@/server/http/read-node-body";
import { sendError, sendJson, sendRateLimited } from "@/server/http/respond";
import { ingestEvents, recordRejections, type EventResult, type IngestDeps } from "@/server/ingest/ingest-events";
import { findSourceEvents } from "./find-source-events";
import { recordDelivery, type DeliveryRecord } from "./record-delivery";
import type { SourceRateLimiter } from "./source-rate-limiter";
import type { RegisteredSource, SourceRegistry } from "./source-registry";
import { loggerFor } from "@/server/log/logger";

const webhookLog = loggerFor("webhooks");

/** docs/CONNECTORS.md: provider bodies up to 1 MiB (Shopify orders with many lines reach hundreds of KiB). */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export interface WebhookDeps {
  ingest: IngestDeps;
  sources: SourceRegistry;
  limiter: SourceRateLimiter;
  pool: pg.Pool;
  /** Unverified requests (bad or no signature, unknown source, WooCommerce pings) one client address may make per minute before 429. */
  unverifiedPerMinute: number;
}

/** One answer for every request that cannot be verified, so a registered code looks like an unknown one. */
export const UNVERIFIED_ANSWER = {
  code: "unauthorized",
  message: "this delivery could not be verified for this URL: check the source code, the provider and the signing secret (an admin sees the reason in the source's health)",
} as const;

/**
 * The client's address: the socket's, or with ONEPOOL_TRUST_PROXY the right-most X-Forwarded-For
 * entry (the one the trusted proxy added; entries to its left are whatever the client sent).
 */
function clientAddress(req: IncomingMessage): string {
  const forwarded = req.headers["x-forwarded-for"];
  const last = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? "")).split(",").pop()?.trim();
  return last || req.socket.remoteAddress || "unknown";
}

const takeUnverified = (req: IncomingMessage, deps: WebhookDeps) => deps.limiter.take(`unverified:${clientAddress(req)}`, deps.unverifiedPerMinute);

function sendUnverifiedLimited(res: ServerResponse, retryAfterSeconds: number): void {
  sendRateLimited(res, "too many unverified webhook requests from this address", retryAfterSeconds);
}

/** A request that failed verification: 429 once its address is over budget (and then not logged), else the one 401. */
async function refuseUnverified(
  req: IncomingMessage,
  res: ServerResponse,
  deps: WebhookDeps,
  provider: string,
  source: RegisteredSource | null,
  reason: string,
  log: () => Promise<void>,
): Promise<void> {
  const allowed = await takeUnverified(req, deps);
  if (!allowed.ok) return sendUnverifiedLimited(res, allowed.retryAfterSeconds);
  if (source) {
    webhookLog.warn({ security: true, provider, source: source.code, reason }, "webhook refused");
    await log();
  }
  sendError(res, 401, UNVERIFIED_ANSWER.code, UNVERIFIED_ANSWER.message);
}

type Headers = Record<string, string>;

function flatHeaders(req: IncomingMessage): Headers {
  const out: Headers = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

/** Headers worth keeping with a rejection (to re-translate it later): never signatures or credentials. */
function keptHeaders(h: Headers): Headers {
  const out: Headers = {};
  for (const [k, v] of Object.entries(h)) {
    if (/^(x-shopify-|x-wc-webhook-|webhook-id$|webhook-timestamp$)/.test(k) && !/signature|hmac/.test(k)) out[k] = v;
  }
  return out;
}

/**
 * POST /api/webhooks/<provider>/<source> (docs/SECURITY.md, docs/API.md, docs/CONNECTORS.md), served before Next. Order matters:
 * size → signature on the raw bytes → the source's rate limit → parse → translate → ingest. The
 * source's budget is spent only by verified deliveries: junk sent to a known code must not 429 the
 * provider (WooCommerce disables a webhook after 5 failures). Unverified requests are limited per
 * client address instead. Every delivery to a registered source, refused or not, is logged for its
 * health (until the address is over its limit); signature failures are security events.
 */
export async function handleWebhookRequest(req: IncomingMessage, res: ServerResponse, deps: WebhookDeps, provider: string, code: string, query: URLSearchParams): Promise<void> {
  const receivedAt = new Date();
  const headers = flatHeaders(req);
  if (refusedMethod(req, res, ["POST"], "webhooks are delivered with POST")) return;
  if (!(PROVIDERS as readonly string[]).includes(provider)) {
    req.resume();
    return sendError(res, 404, "unknown_provider", `unknown provider "${provider}" (use ${PROVIDERS.join(", ")})`);
  }
  // Unknown codes, other providers' sources and unverifiable deliveries all get the same answer,
  // so codes cannot be enumerated; only a verified delivery is counted against the source (§8).
  const registered = await deps.sources.get(code);
  const source = registered && registered.provider === provider ? registered : null;
  const log = (r: Omit<DeliveryRecord, "source" | "provider" | "receivedAt">) =>
    source ? recordDelivery(deps.pool, { source: code, provider, receivedAt, ...r }).catch((err) => webhookLog.error({ err }, "delivery log failed")) : Promise.resolve();
  const unverified = (topic: string | null, reason: string) =>
    refuseUnverified(req, res, deps, provider, source, reason, () => log({ topic, deliveryId: null, outcome: "unauthorized", httpStatus: 401, reason }));

  const read = await readNodeBody(req, MAX_WEBHOOK_BODY_BYTES);
  if (!read.ok) {
    const { tooLarge } = read;
    // Not verified either: an address over its budget is refused without a log row.
    const allowed = await takeUnverified(req, deps);
    if (!allowed.ok) return sendUnverifiedLimited(res, allowed.retryAfterSeconds);
    await log({ topic: null, deliveryId: null, outcome: tooLarge ? "too_large" : "failed", httpStatus: tooLarge ? 413 : 400, reason: tooLarge ? "body over 1 MiB" : "unreadable body" });
    return sendUnreadBody(res, read, `webhook bodies are limited to ${MAX_WEBHOOK_BODY_BYTES} bytes`);
  }
  const raw = read.bytes;

  // WooCommerce checks a new webhook with an unsigned form post `webhook_id=N`; it must get a 200.
  // Unsigned, so it spends the address's budget for unverified requests, never the source's.
  if (provider === "woocommerce" && /^webhook_id=\d+$/.test(raw.toString("utf8").trim())) {
    const allowed = await takeUnverified(req, deps);
    if (!allowed.ok) return sendUnverifiedLimited(res, allowed.retryAfterSeconds);
    await log({ topic: "ping", deliveryId: null, outcome: "ping", httpStatus: 200 });
    return sendJson(res, 200, { outcome: "ping" });
  }
  if (provider === "mercadolibre" && query.has("key")) {
    if (!source) return unverified("notification", "unknown source");
    return handleMercadoLibreNotification(req, res, deps, source, raw, query.get("key")!, log);
  }

  if (!source) return unverified(topicOf(provider, headers), "unknown source");
  const check = verifySignature(provider as Provider, source, deps.sources, raw, headers, receivedAt.getTime());
  if (!check.ok) return unverified(topicOf(provider, headers), `${check.code}: ${check.message}`);
  // One Shopify app's secret signs every shop's deliveries: a source bound to its shop takes only that shop's.
  const shop = headers["x-shopify-shop-domain"]?.trim().toLowerCase() ?? null;
  if (provider === "shopify" && source.shopDomain && shop !== source.shopDomain.toLowerCase()) {
    return unverified(topicOf(provider, headers), `wrong_shop: X-Shopify-Shop-Domain ${shop ? `"${shop.slice(0, 100)}"` : "is missing"}, this source takes ${source.shopDomain} only`);
  }
  const allowed = await deps.limiter.take(code, source.rateLimitPerMinute);
  if (!allowed.ok) {
    return sendRateLimited(res, `source "${code}" is over its limit of ${source.rateLimitPerMinute} requests per minute`, allowed.retryAfterSeconds);
  }
  deps.sources.secretUsed.mark(check.secretId);

  // Woo disables a webhook after 5 failed deliveries and never retries: what can be kept is answered 2xx (§11).
  const refusalStatus = provider === "woocommerce" ? 200 : 422;
  const origin = { provider, topic: topicOf(provider, headers), headers: keptHeaders(headers), raw: raw.toString("utf8") };

  const parsed = parseJsonBody(origin.raw, parseProviderJson);
  if (!parsed.ok) {
    const { message } = parsed;
    await recordRejections(deps.pool, [{ source: code, eventId: null, error: { code: "invalid_json", message }, raw: origin.raw, tokenId: null, origin }]);
    await log({ topic: origin.topic, deliveryId: null, outcome: "invalid_json", httpStatus: provider === "woocommerce" ? 200 : 400, reason: message });
    return provider === "woocommerce" ? sendJson(res, 200, { outcome: "rejected", error: { code: "invalid_json", message } }) : sendError(res, 400, "invalid_json", message);
  }

  const outcome = await processDelivery(deps, source, { headers, body: parsed.value, receivedAt }, origin);
  if (outcome.kind === "failed") {
    await log({ topic: origin.topic, deliveryId: null, outcome: "failed", httpStatus: 503, reason: outcome.message });
    return sendError(res, 503, "unavailable", "the delivery could not be stored; nothing was applied, retry later", undefined, { "retry-after": "5" });
  }
  const status = outcome.outcome === "rejected" ? refusalStatus : 200;
  await log({ topic: outcome.topic, deliveryId: outcome.deliveryId, outcome: outcome.outcome, httpStatus: status, reason: outcome.reason, ...outcome.counts });
  return sendJson(res, status, {
    outcome: outcome.outcome,
    deliveryId: outcome.deliveryId,
    ...(outcome.reason ? { note: outcome.reason } : {}),
    ...(outcome.error ? { error: outcome.error } : {}),
    results: outcome.results,
  });
}

function topicOf(provider: string, h: Headers): string | null {
  if (provider === "shopify") return h["x-shopify-topic"] ?? null;
  if (provider === "woocommerce") return h["x-wc-webhook-topic"] ?? null;
  return null;
}

function verifySignature(
  provider: Provider,
  source: RegisteredSource,
  registry: SourceRegistry,
  raw: Buffer,
  h: Headers,
  nowMs: number,
): (SignatureCheck & { ok: false }) | { ok: true; secretId: string } {
  const secrets = registry.activeSecrets(source, nowMs);
  const values = secrets.map((s) => s.value);
  const check =
    provider === "shopify"
      ? verifyShopify(raw, h["x-shopify-hmac-sha256"], values)
      : provider === "woocommerce"
        ? verifyWooCommerce(raw, h["x-wc-webhook-signature"], values)
        : verifyStandard(raw, { id: h["webhook-id"], timestamp: h["webhook-timestamp"], signature: h["webhook-signature"] }, values, nowMs);
  return check.ok ? { ok: true, secretId: secrets[check.secretIndex].id } : check;
}

type Processed =
  | { kind: "failed"; message: string }
  | {
      kind: "done";
      outcome: string;
      topic: string | null;
      deliveryId: string | null;
      reason?: string;
      error?: { code: string; message: string };
      results: EventResult[];
      counts: { accepted: number; duplicates: number; unmapped: number; rejected: number };
    };

/**
 * Translate and ingest one verified delivery. Shared by the webhook path and by re-submitting a
 * rejected delivery, so both apply a body the same way.
 */
export async function processDelivery(
  deps: Pick<WebhookDeps, "ingest" | "pool">,
  source: RegisteredSource,
  delivery: { headers: Headers; body: unknown; receivedAt: Date },
  origin: { provider: string; topic: string | null; headers: Headers; raw: string },
  opts: { recordRejected?: boolean } = {},
): Promise<Processed> {
  const ctx = { source, findEvents: (ids: readonly string[]) => findSourceEvents(deps.pool, source.code, ids) };
  let t: Awaited<ReturnType<typeof translateDelivery>>;
  try {
    t = await translateDelivery(source.provider, delivery, ctx);
  } catch (err) {
    // A database error while translating is ours, not the body's: 503, and the provider retries.
    if (err instanceof LookupFailed) return { kind: "failed", message: err.message };
    throw err;
  }
  const zero = { accepted: 0, duplicates: 0, unmapped: 0, rejected: 0 };
  if (t.kind === "rejected") {
    if (opts.recordRejected !== false)
      await recordRejections(deps.pool, [
        { source: source.code, eventId: null, error: { code: t.code, message: t.message }, raw: origin.raw, tokenId: null, origin: { ...origin, topic: t.topic ?? origin.topic } },
      ]);
    return {
      kind: "done",
      outcome: "rejected",
      topic: t.topic ?? origin.topic,
      deliveryId: null,
      reason: t.message,
      error: { code: t.code, message: t.message },
      results: [],
      counts: { ...zero, rejected: 1 },
    };
  }
  if (t.events.length === 0) {
    return { kind: "done", outcome: "ignored", topic: t.topic, deliveryId: t.deliveryId, reason: t.note ?? "nothing in this delivery changes stock", results: [], counts: zero };
  }
  let results: EventResult[];
  try {
    results = await ingestEvents(deps.ingest, t.events, {
      token: null,
      receivedAt: delivery.receivedAt,
      source: source.code,
      origin: { ...origin, topic: t.topic },
      recordRejected: opts.recordRejected,
    });
  } catch (err) {
    return { kind: "failed", message: err instanceof Error ? err.message : String(err) };
  }
  const counts = {
    accepted: results.filter((r) => r.status === "accepted").length,
    duplicates: results.filter((r) => r.status === "duplicate").length,
    unmapped: results.filter((r) => r.status === "unmapped").length,
    rejected: results.filter((r) => r.status === "rejected").length,
  };
  const n = results.length;
  const outcome = counts.duplicates === n ? "duplicate" : counts.rejected === n ? "rejected" : counts.accepted + counts.duplicates === n ? "accepted" : counts.rejected > 0 ? "partial" : "unmapped";
  const firstRejection = results.find((r) => r.status === "rejected");
  return {
    kind: "done",
    outcome,
    topic: t.topic,
    deliveryId: t.deliveryId,
    reason: t.note,
    error: outcome === "rejected" && firstRejection?.status === "rejected" ? { code: firstRejection.error.code, message: firstRejection.error.message } : undefined,
    results,
    counts,
  };
}

async function handleMercadoLibreNotification(
  req: IncomingMessage,
  res: ServerResponse,
  deps: WebhookDeps,
  source: RegisteredSource,
  raw: Buffer,
  key: string,
  log: (r: Omit<DeliveryRecord, "source" | "provider" | "receivedAt">) => Promise<void>,
): Promise<void> {
  const refuse = async (code: string, message: string) => {
    webhookLog.warn({ security: true, provider: "mercadolibre", source: source.code, reason: `${code}: ${message}` }, "webhook refused");
    await log({ topic: "notification", deliveryId: null, outcome: "unauthorized", httpStatus: 401, reason: `${code}: ${message}` });
    sendError(res, 401, code, message);
  };
  const given = createHash("sha256").update(key).digest();
  const expected = source.notificationKeyHash ? Buffer.from(source.notificationKeyHash, "hex") : null;
  if (!expected || !timingSafeEqual(given, expected)) {
    const reason = "invalid_key: the ?key of this notification URL is not this source's notification key";
    return refuseUnverified(req, res, deps, "mercadolibre", source, reason, () => log({ topic: "notification", deliveryId: null, outcome: "unauthorized", httpStatus: 401, reason }));
  }
  const allowed = await deps.limiter.take(source.code, source.rateLimitPerMinute);
  if (!allowed.ok) {
    return sendRateLimited(res, `source "${source.code}" is over its limit of ${source.rateLimitPerMinute} requests per minute`, allowed.retryAfterSeconds);
  }

  const parsed = parseJsonBody(raw.toString("utf8"), parseProviderJson);
  if (!parsed.ok) {
    await log({ topic: "notification", deliveryId: null, outcome: "invalid_json", httpStatus: 400, reason: "notification is not valid JSON" });
    return sendError(res, 400, "invalid_json", "notification body is not valid JSON");
  }
  const n = parseMercadoLibreNotification(parsed.value);
  if (n.ok && [n.id, n.topic, n.resource, n.userId, n.applicationId].some((v) => typeof v === "string" && v.includes("\u0000"))) {
    await log({ topic: "notification", deliveryId: null, outcome: "rejected", httpStatus: 422, reason: "a field holds the NUL character" });
    return sendError(res, 422, "invalid_payload", "notification fields may not contain the NUL character (U+0000)");
  }
  if (!n.ok) {
    await log({ topic: "notification", deliveryId: null, outcome: "rejected", httpStatus: 422, reason: n.message });
    return sendError(res, 422, "invalid_payload", n.message);
  }
  // Signed by nothing: naming this source's own application and seller is what ties it to the source (§8).
  if (source.applicationId !== null && n.applicationId !== source.applicationId) return refuse("wrong_application", `application_id ${n.applicationId} is not this source's application`);
  if (source.userId !== null && n.userId !== source.userId) return refuse("wrong_user", `user_id ${n.userId} is not this source's seller`);
  const r = await deps.pool.query(
    `INSERT INTO provider_notification (source, notification_id, topic, resource, user_id, application_id, sent_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (source, notification_id) DO NOTHING`,
    [source.code, n.id, n.topic, n.resource, n.userId, n.applicationId, n.sent],
  );
  const outcome = r.rowCount ? "recorded" : "duplicate";
  await log({ topic: n.topic, deliveryId: n.id, outcome, httpStatus: 200 });
  return sendJson(res, 200, { outcome, notificationId: n.id, topic: n.topic, resource: n.resource });
}
