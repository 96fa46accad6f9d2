import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendError } from "@/server/http/respond";
import { loggerFor } from "@/server/log/logger";

const serverLog = loggerFor("server");

/** One endpoint the custom server answers itself, before Next (docs/API.md §0.4). */
export interface OwnRoute {
  /** Whether this route owns the path; malformed paths under its prefix are its own 404s. */
  matches(path: string): boolean;
  /** Names the route in the log line of an unexpected failure. */
  component: string;
  /** Answers the request; a rejection is an unexpected failure (a bug, or the database away). */
  serve(req: IncomingMessage, res: ServerResponse, path: string, search: string): Promise<void>;
  /** The 503 that answers an unexpected failure: what the caller should know, and when to retry. */
  unavailable: { message: string; retryAfterSeconds: number };
}

/**
 * Serve the request with the first route that owns its path; false when none does (Next's turn).
 * An unexpected failure is logged and, if nothing was sent yet, answered 503 with Retry-After: the
 * caller retries later instead of reading a 500 as "refused" (docs/OPERATIONS.md "When the database goes away").
 */
export function serveOwnRoute(routes: readonly OwnRoute[], req: IncomingMessage, res: ServerResponse, path: string, search: string): boolean {
  const route = routes.find((r) => r.matches(path));
  if (!route) return false;
  route.serve(req, res, path, search).catch((err) => {
    serverLog.error({ err, component: route.component }, "unexpected failure");
    if (!res.headersSent) sendError(res, 503, "unavailable", route.unavailable.message, undefined, { "retry-after": String(route.unavailable.retryAfterSeconds) });
  });
  return true;
}
