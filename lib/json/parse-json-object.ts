/**
 * A JSON object from a wire payload (a NOTIFY, a queued message), or null when the text is not JSON
 * or not an object: the callers check each field they read, so garbage or another version's
 * message is ignored, never thrown.
 */
export function parseJsonObject(payload: string | undefined): Record<string, unknown> | null {
  let msg: unknown;
  try {
    msg = JSON.parse(payload ?? "");
  } catch {
    return null;
  }
  return msg && typeof msg === "object" && !Array.isArray(msg) ? (msg as Record<string, unknown>) : null;
}
