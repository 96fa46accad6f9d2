import "server-only";
import type { ServerResponse } from "node:http";

// The custom server's ingest path answers in the same error shape as the Next routes (DESIGN §10).

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: string, message: string, details?: unknown, headers?: Record<string, string>): void {
  sendJson(res, status, { error: details === undefined ? { code, message } : { code, message, details } }, headers);
}
