import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { findUnstorable } from "@/lib/events/find-unstorable";
import { authorizeRequest } from "@/server/auth/authorize-request";
import { AdminError } from "@/server/http/admin-error";
import { asFetchRequest } from "@/server/http/as-fetch-request";
import { validationFailure } from "@/server/http/route-helpers";
import { parseJsonBody, readNodeBody, refusedMediaType, refusedMethod, unparsable } from "@/server/http/read-node-body";
import { sendAuthRefusal, sendError, sendJson, sendRateLimited } from "@/server/http/respond";
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
  if (refusedMethod(req, res, allowed, `use ${allowed.join(" or ")} here`)) return;
  const auth = await authorizeRequest(services, asFetchRequest(req), "reservations.write");
  if (!auth.ok) {
    req.resume();
    return sendAuthRefusal(res, auth);
  }
  // Per token, as on /api/events (docs/SECURITY.md): a runaway checkout cannot take every hold's connection.
  if (auth.token) {
    const taken = await services.limiter.take(`reserve:${auth.token.id}`, services.env.ONEPOOL_TOKEN_RATE_PER_MINUTE);
    if (!taken.ok) {
      req.resume();
      return sendRateLimited(res, `this token is over its limit of ${services.env.ONEPOOL_TOKEN_RATE_PER_MINUTE} requests per minute`, taken.retryAfterSeconds);
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
    if (refusedMediaType(req, res, "send application/json")) return;
    const read = await readNodeBody(req, MAX_BODY);
    if (!read.ok && read.tooLarge) return sendError(res, 413, "body_too_large", `request body exceeds ${MAX_BODY} bytes`);
    // An unreadable body (the client went away) is answered like one that does not parse, as this route always has.
    const json = read.ok ? parseJsonBody(read.bytes.toString("utf8")) : unparsable(read.error);
    if (!json.ok) return sendError(res, 400, "invalid_json", json.message);
    const body = json.value;
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
