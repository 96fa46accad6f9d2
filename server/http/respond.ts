import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";

// The custom server's ingest path answers in the same error shape as the Next routes (docs/API.md).

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: string, message: string, details?: unknown, headers?: Record<string, string>): void {
  sendJson(res, status, { error: details === undefined ? { code, message } : { code, message, details } }, headers);
}

export class BodyTooLarge extends Error {}

/** Read the raw body, refusing (before buffering it all) anything above `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(new BodyTooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        // Read no further: the connection is closed once the 413 is out (body-guard.ts).
        req.removeAllListeners("data");
        req.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => !failed && resolve(Buffer.concat(chunks)));
    req.on("error", (e) => !failed && reject(e));
  });
}
