import "server-only";
import type http from "node:http";
import { loggerFor } from "./logger";

const log = loggerFor("http");

// What is routine at volume (connector traffic answered 2xx, Next's static files) is debug; every
// other answer is one info line, a 5xx an error line.
const ROUTINE = /^\/(api\/events|api\/webhooks\/|api\/reservations|metrics$|_next\/static\/)/;

/** One line per answer: method, path (never the query, which may carry a signature), status, time. */
export function logAnswer(req: http.IncomingMessage, res: http.ServerResponse, requestId: string): void {
  const started = performance.now();
  res.once("finish", () => {
    const path = (req.url ?? "/").split("?", 1)[0];
    const status = res.statusCode;
    const level = status >= 500 ? "error" : status < 400 && ROUTINE.test(path) ? "debug" : "info";
    // At info, connector traffic's debug lines are never built.
    if (!log.isLevelEnabled(level)) return;
    log[level]({ requestId, method: req.method, path, status, ms: Math.round(performance.now() - started) }, "answered");
  });
}
