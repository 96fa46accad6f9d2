import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendError } from "./respond";

/**
 * Request bodies for the Next routes, bounded before Next sees them (security review, finding 1).
 * Every route also reads through its own smaller cap (server/http/read-capped-body.ts); this is the
 * ceiling for anything that would read without one. The catalogue import is the one big body
 * (its route allows 16 MiB); sources take 64 KiB, everything else a few KiB.
 */
export const NEXT_BODY_LIMIT = 64 * 1024;
export const CATALOG_BODY_LIMIT = 16 * 1024 * 1024;

/** How long a connection whose body was left unread stays open after the answer (RFC 9112 §9.6 lingering close). */
const LINGER_MS = 2000;

export function nextBodyLimit(path: string): number {
  return path === "/api/catalog" ? CATALOG_BODY_LIMIT : NEXT_BODY_LIMIT;
}

/**
 * Once the answer is out, a body nobody read is not drained (Node would read all of it to keep the
 * connection alive): half-close, and close for good shortly after. The linger lets the client read
 * the answer before the reset that closing with unread data causes.
 */
export function closeUnreadBody(req: IncomingMessage, res: ServerResponse): void {
  // Say so in the answer too: a client told "Connection: close" does not send its next request on
  // this socket, which the close below would reset (ECONNRESET on a keep-alive client's next call).
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (!req.complete && !this.headersSent) this.setHeader("connection", "close");
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.writeHead;
  res.once("finish", () => {
    if (req.complete) return;
    const socket = req.socket;
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
  });
}

/**
 * Refuse a body over `limit` before handing the request on: a declared Content-Length at once
 * (false: answered here), a chunked one as it is read, whoever reads it. Counting happens in a
 * listener put first that does not start the stream flowing, so the reader keeps its backpressure.
 */
export function capBody(req: IncomingMessage, res: ServerResponse, limit: number): boolean {
  const declared = Number(req.headers["content-length"] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    sendError(res, 413, "body_too_large", `request body exceeds ${limit} bytes`);
    return false;
  }
  let seen = 0;
  const count = (chunk: Buffer) => {
    seen += chunk.length;
    if (seen <= limit) return;
    req.removeListener("data", count);
    if (!res.headersSent) sendError(res, 413, "body_too_large", `request body exceeds ${limit} bytes`);
    // Whoever was reading past the limit gets nothing more.
    req.destroy();
  };
  req.prependListener("data", count);
  return true;
}
