import "server-only";

export type CappedBody = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; tooLarge: boolean };

/**
 * The body of a Web Request (every Next route handler), read chunk by chunk and given up as soon as
 * it passes `limit` bytes: a chunked body of any size costs at most `limit` plus one chunk.
 * A declared Content-Length over the limit is refused before reading anything.
 *
 * Past the limit the stream is left as it is, not cancelled: under Next, cancelling destroys the
 * Node request and with it the socket, so the 413 could never be sent. The custom server closes a
 * connection whose body was left unread once the answer is out (server/http/body-guard.ts).
 */
export async function readCappedBody(req: Request, limit: number): Promise<CappedBody> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return { ok: false, tooLarge: true };
  if (!req.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The client went away mid-body (or lied about its length): a 400, never a 500.
      return { ok: false, tooLarge: false };
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.releaseLock();
      return { ok: false, tooLarge: true };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, bytes };
}
