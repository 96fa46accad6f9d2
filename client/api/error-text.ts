import { ApiError } from "./fetch-json";

/** "must be …" → "Must be …." (API messages are lower-case fragments). */
export const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? "" : "."}`;

/** Any failed request in a person's words. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.code === "network" ? "The server could not be reached; nothing was changed." : sentence(err.message);
  return err instanceof Error ? err.message : String(err);
}

/** The API's first path segment it blamed (`password`, `sources.0` → `sources`), or null. */
export const blamedField = (err: unknown): string | null => (err instanceof ApiError && err.field ? err.field.split(".")[0] : null);

/**
 * The message for one form field when the API blamed it, without the "field: " prefix the
 * validation answers carry (the label already says which field), else undefined.
 */
export function fieldMessage(err: unknown, field: string): string | undefined {
  if (!(err instanceof ApiError) || blamedField(err) !== field) return undefined;
  return sentence(err.message.replace(new RegExp(`^${err.field!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\s*`), ""));
}
