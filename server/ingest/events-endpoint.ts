import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TokenVerifier } from "@/server/auth/connector-tokens";
import type { SourceRateLimiter } from "@/server/connectors/source-rate-limiter";
import type { SenderActivity } from "@/lib/metrics/sender-activity";
import { parseJsonBody, readNodeBody, refusedMediaType, refusedMethod, sendUnreadBody } from "@/server/http/read-node-body";
import { sendAuthRefusal, sendError, sendJson, sendRateLimited } from "@/server/http/respond";
import { ingestEvents, recordRejections, type EventResult, type IngestDeps } from "./ingest-events";
import { loggerFor } from "@/server/log/logger";

const ingestLog = loggerFor("ingest");

export const MAX_BATCH = 1000;
/** 1,000 canonical events with their provider payloads fit comfortably; more is refused with 413. */
export const MAX_EVENTS_BODY_BYTES = 8 * 1024 * 1024;

/** The ingest path plus what the endpoint checks before it: the token, its rate, the senders' activity. */
export type EventsEndpointDeps = IngestDeps & { tokens: TokenVerifier; limiter: SourceRateLimiter; senders: SenderActivity; tokenRatePerMinute: number };

/**
 * POST /api/events, served by the custom server before Next (docs/ARCHITECTURE.md): authenticate, bound the
 * body, parse, hand to ingest, answer after commit. Every refusal is a 4xx in the error shape.
 */
export async function handleEventsRequest(req: IncomingMessage, res: ServerResponse, deps: EventsEndpointDeps): Promise<void> {
  const receivedAt = new Date();
  if (refusedMethod(req, res, ["POST"], "use POST /api/events")) return;
  const auth = await deps.tokens.check(req.headers.authorization, "ingest");
  if (!auth.ok) {
    req.resume();
    return sendAuthRefusal(res, auth);
  }
  // Per token, like a webhook source's limit: a runaway sender cannot starve the others.
  const allowed = await deps.limiter.take(`token:${auth.token.id}`, deps.tokenRatePerMinute);
  if (!allowed.ok) {
    req.resume();
    return sendRateLimited(res, `this token is over its limit of ${deps.tokenRatePerMinute} requests per minute`, allowed.retryAfterSeconds);
  }
  if (refusedMediaType(req, res, "send the events as application/json")) return;

  const read = await readNodeBody(req, MAX_EVENTS_BODY_BYTES);
  if (!read.ok) return sendUnreadBody(res, read, `request body exceeds ${MAX_EVENTS_BODY_BYTES} bytes`);
  const text = read.bytes.toString("utf8");
  const parsed = parseJsonBody(text);
  if (!parsed.ok) {
    await recordRejections(deps.pool, [{ source: null, eventId: null, error: { code: "invalid_json", message: parsed.message }, raw: text.slice(0, 65536), tokenId: auth.token.id }]).catch(() => {});
    return sendError(res, 400, "invalid_json", parsed.message);
  }
  const body = parsed.value;
  const events = Array.isArray(body) ? body : [body];
  if (events.length === 0) return sendError(res, 400, "empty_batch", "send one event or an array of 1 to 1,000 events");
  if (events.length > MAX_BATCH) return sendError(res, 413, "batch_too_large", `a batch holds at most ${MAX_BATCH} events; got ${events.length}`);

  try {
    const results = await ingestEvents(deps, events, { token: auth.token, receivedAt });
    recordSenders(deps.senders, events, results, receivedAt.getTime());
    if (results.every((r) => r.status === "rejected")) {
      // Nothing in the request could be used: say so with a 4xx, and still give each event's reason.
      const first = results[0].status === "rejected" ? results[0].error : null;
      const message = events.length === 1 && first ? first.message : `all ${events.length} events were rejected`;
      return sendJson(res, 422, { error: { code: first?.code ?? "rejected", message, details: { results } }, results });
    }
    return sendJson(res, 202, { results });
  } catch (err) {
    ingestLog.error({ err }, "write failed");
    return sendError(res, 503, "unavailable", "the events could not be stored; nothing was applied, retry later", undefined, { "retry-after": "1" });
  }
}

/**
 * Per-sender health for canonical events, by the source they name: every outcome counts, so a sender
 * whose events are parked (unmapped listing) or repeated is seen as alive, not as failing.
 */
function recordSenders(senders: SenderActivity, events: readonly unknown[], results: readonly EventResult[], atMs: number): void {
  results.forEach((r, i) => {
    const e = events[i] as { source?: unknown } | null;
    const source = e && typeof e === "object" && typeof e.source === "string" ? e.source.slice(0, 100) : "(no source)";
    senders.record(source, r.status, atMs);
  });
}
