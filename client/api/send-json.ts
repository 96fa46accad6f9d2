import { fetchJson } from "./fetch-json";

/** A JSON write as the signed-in person: the session cookie goes along by itself, no token header. */
export function sendJson<T>(method: "POST" | "PUT" | "PATCH" | "DELETE", path: string, body: unknown): Promise<T> {
  return fetchJson<T>(path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}
