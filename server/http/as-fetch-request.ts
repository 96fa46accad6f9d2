import "server-only";
import type { IncomingMessage } from "node:http";

/** A Node request's method and headers as a fetch Request: what the one API guard (authorizeRequest) reads. No body. */
export function asFetchRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, { method: req.method, headers });
}
