import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendError } from "./respond";

// The one way the endpoints the custom server answers itself (/api/events, webhooks, reservations,
// /metrics) check the method and the media type, read a bounded body and parse it. Each endpoint
// keeps its own words in the answers (docs/API.md lists them), not its own reading code.

/** 405 with Allow when the method is not one of `allowed`; true when it answered. */
export function refusedMethod(req: IncomingMessage, res: ServerResponse, allowed: readonly string[], message: string): boolean {
  if (allowed.includes(req.method ?? "")) return false;
  req.resume();
  sendError(res, 405, "method_not_allowed", message, undefined, { allow: allowed.join(", ") });
  return true;
}

/** 415 unless the body is declared application/json; true when it answered. */
export function refusedMediaType(req: IncomingMessage, res: ServerResponse, message: string): boolean {
  if (/^application\/json\b/i.test(String(req.headers["content-type"] ?? ""))) return false;
  req.resume();
  sendError(res, 415, "unsupported_media_type", message);
  return true;
}

export type NodeBody = { ok: true; bytes: Buffer } | { ok: false; tooLarge: boolean; error: unknown };

/**
 * The raw body, refused before buffering it all once it passes `limit` bytes (a declared
 * Content-Length over the limit before reading anything). Past the limit the request is paused,
 * not drained: the connection is closed once the 413 is out (body-guard.ts).
 */
export function readNodeBody(req: IncomingMessage, limit: number): Promise<NodeBody> {
  const declared = Number(req.headers["content-length"] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve({ ok: false, tooLarge: true, error: null });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on("data", (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        settled = true;
        req.removeAllListeners("data");
        req.pause();
        resolve({ ok: false, tooLarge: true, error: null });
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (settled) return;
      settled = true;
      resolve({ ok: true, bytes: Buffer.concat(chunks) });
    });
    req.on("error", (error) => {
      if (settled) return;
      settled = true;
      // The client went away mid-body: a 4xx, never a 500.
      resolve({ ok: false, tooLarge: false, error });
    });
  });
}

/** The 413 or 400 for a body that could not be read, in the words most endpoints use. */
export function sendUnreadBody(res: ServerResponse, body: NodeBody & { ok: false }, tooLargeMessage: string): void {
  if (body.tooLarge) sendError(res, 413, "body_too_large", tooLargeMessage);
  else sendError(res, 400, "bad_request", "could not read the request body");
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; message: string };

/** JSON.parse (or a provider's lossless parser) with the one refusal message: "body is not valid JSON: …". */
export function parseJsonBody(text: string, parse: (text: string) => unknown = JSON.parse): ParsedJson {
  try {
    return { ok: true, value: parse(text) };
  } catch (err) {
    return unparsable(err);
  }
}

export function unparsable(err: unknown): ParsedJson & { ok: false } {
  return { ok: false, message: `body is not valid JSON: ${err instanceof Error ? err.message : "parse error"}` };
}
