import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { findUnstorable } from "@/lib/events/find-unstorable";
import { authorizeRequest } from "@/server/auth/authorize-request";
import { AdminError } from "@/server/http/admin-error";
import { asFetchRequest } from "@/server/http/as-fetch-request";
import { validationFailure } from "@/server/http/route-helpers";
import { BodyTooLarge, readBody, sendError, sendJson } from "@/server/http/respond";
import type { Services } from "@/server/services";
import { assertChannelAllowed, createReservation, reservationInput } from "./create-reservation";
import { getReservation } from "./get-reservation";
import { releaseReservation } from "./release-reservation";

const MAX_BODY = 4 * 1024;

function sendAdminError(res: ServerResponse, err: unknown): void {
  if (!(err instanceof AdminError)) throw err;
  sendError(res, err.status, err.code, err.message, err.detailsForResponse);
}

/**
 * /api/reservations and /api/reservations/<id>, served by the custom server before Next like
 * ingest (docs/ARCHITECTURE.md): a checkout is a hot path, and a flash sale's checkouts should not queue
 * behind page rendering. Same guard, error shape and limits as the Next routes.
 */
export async function handleReservationsRequest(req: IncomingMessage, res: ServerResponse, services: Services, id: string | null): Promise<void> {
  const allowed = id === null ? ["POST"] : ["GET", "DELETE"];
  if (!allowed.includes(req.method ?? "")) {
    req.resume();
    return sendError(res, 405, "method_not_allowed", `use ${allowed.join(" or ")} here`, undefined, { allow: allowed.join(", ") });
  }
  const auth = await authorizeRequest(services, asFetchRequest(req), "reservations.write");
  if (!auth.ok) {
    req.resume();
    return sendError(res, auth.status, auth.code, auth.message, undefined, auth.status === 401 ? { "www-authenticate": "Bearer" } : {});
  }
  // Per token, as on /api/events (docs/SECURITY.md): a runaway checkout cannot take every hold's connection.
  if (auth.token) {
    const taken = await services.limiter.take(`reserve:${auth.token.id}`, services.env.ONEPOOL_TOKEN_RATE_PER_MINUTE);
    if (!taken.ok) {
      req.resume();
      return sendError(res, 429, "rate_limited", `this token is over its limit of ${services.env.ONEPOOL_TOKEN_RATE_PER_MINUTE} requests per minute`, undefined, { "retry-after": String(taken.retryAfterSeconds) });
    }
  }
  // A reserve token limited to channels holds, reads and releases only theirs (review #12).
  const channels = auth.token?.channels ?? [];
  try {
    if (id !== null) {
      req.resume();
      if (id.length > 100 || id.includes("\u0000")) return sendError(res, 404, "not_found", "no such reservation");
      if (req.method === "GET") {
        const r = await getReservation(services.pool, services.catalog, id);
        if (!r) return sendError(res, 404, "not_found", `no reservation "${id}"`);
        assertChannelAllowed(channels, r.channel);
        return sendJson(res, 200, r);
      }
      const { reservation, changed } = await releaseReservation(services.reservations, id, channels);
      return sendJson(res, 200, { ...reservation, changed });
    }
    if (!/^application\/json\b/i.test(String(req.headers["content-type"] ?? ""))) {
      req.resume();
      return sendError(res, 415, "unsupported_media_type", "send application/json");
    }
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req, MAX_BODY)).toString("utf8"));
    } catch (err) {
      if (err instanceof BodyTooLarge) return sendError(res, 413, "body_too_large", `request body exceeds ${MAX_BODY} bytes`);
      return sendError(res, 400, "invalid_json", `body is not valid JSON: ${err instanceof Error ? err.message : "parse error"}`);
    }
    // Text Postgres cannot store is a 400 naming the field, not a database error.
    const bad = findUnstorable(body);
    if (bad) return sendError(res, 400, "invalid_field", `${bad.path || "body"}: ${bad.problem}`, { field: bad.path || undefined });
    const parsed = reservationInput.safeParse(body);
    if (!parsed.success) {
      const f = validationFailure(parsed.error);
      return sendError(res, 400, f.code, f.message, f.details);
    }
    const { reservation, replayed } = await createReservation(services.reservations, parsed.data, auth.actor, channels);
    return sendJson(res, 201, reservation, replayed ? { "idempotent-replayed": "true" } : {});
  } catch (err) {
    return sendAdminError(res, err);
  }
}
