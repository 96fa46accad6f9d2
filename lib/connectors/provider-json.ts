import { isSafeNumber, parse } from "lossless-json";

/**
 * Parse a provider body without rounding ids (docs/CONNECTORS.md: Shopify ids exceed 2^53). Numbers that
 * a double holds exactly stay numbers; any other number literal stays its exact digits as a string.
 * Throws SyntaxError on invalid JSON, like JSON.parse.
 */
export function parseProviderJson(text: string): unknown {
  return parse(text, null, (digits: string) => (isSafeNumber(digits) ? Number(digits) : digits));
}

/** An id as a string, whatever JSON type the provider used; null when absent. */
export function idString(v: unknown): string | null {
  if (typeof v === "string") return v.length > 0 ? v : null;
  if (typeof v === "number" && Number.isFinite(v)) return Number.isInteger(v) ? v.toFixed(0) : String(v);
  return null;
}
