import "server-only";
import type { ServerResponse } from "node:http";

// The custom server's ingest path answers in the same error shape as the Next routes (docs/API.md).

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: string, message: string, details?: unknown, headers?: Record<string, string>): void {
  sendJson(res, status, { error: details === undefined ? { code, message } : { code, message, details } }, headers);
}

/** The 401 (with WWW-Authenticate: Bearer) or 403 of a request whose credentials were refused. */
export function sendAuthRefusal(res: ServerResponse, refusal: { status: number; code: string; message: string }): void {
  sendError(res, refusal.status, refusal.code, refusal.message, undefined, refusal.status === 401 ? { "www-authenticate": "Bearer" } : {});
}

/** 429 with the wait in Retry-After, in whole seconds (docs/API.md §0). */
export function sendRateLimited(res: ServerResponse, message: string, retryAfterSeconds: number): void {
  sendError(res, 429, "rate_limited", message, undefined, { "retry-after": String(retryAfterSeconds) });
}
