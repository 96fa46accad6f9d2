// Shared by the translators: reading a provider body field by field, where every failure names the
// field, so the rejected log says exactly what to fix. A Rejection thrown anywhere in a translator
// becomes `{ kind: "rejected", code, message }`.

import { parseIsoTime } from "../events/parse-iso-time";
import type { SourceConfig, Translation } from "./types";

/** The largest quantity a provider body may carry (a billion units: beyond that the body is wrong). */
export const MAX_QUANTITY = 1_000_000_000;

/** Bad input found while reading the body; becomes a `rejected` translation (rejectedTranslation). */
export class Rejection extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Time {
  iso: string;
  ms: number;
}

export function invalid(message: string): Rejection {
  return new Rejection("invalid_payload", message);
}

/** Refuses a payload that names the same line twice ("<what> <key> appears twice"): a line counted twice would double its units. */
export function requireUnique<T>(items: readonly T[], keyOf: (item: T) => string, what: string): void {
  const seen = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    if (seen.has(key)) throw invalid(`${what} ${key} appears twice`);
    seen.add(key);
  }
}

/** A Rejection thrown while translating, as the translation's answer; anything else is not the body's fault and goes on up. */
export function rejectedTranslation(e: unknown, topic: string | null): Translation {
  if (e instanceof Rejection) return { kind: "rejected", topic, code: e.code, message: e.message };
  throw e;
}

export function object(v: unknown, what: string): Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw invalid(`${what} must be a JSON object`);
  return v as Record<string, unknown>;
}

export function array(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw invalid(`${what} must be an array`);
  return v;
}

export function text(v: unknown, field: string): string {
  if (v === undefined || v === null) throw invalid(`${field} is missing`);
  if (typeof v !== "string" || v.trim() === "") throw invalid(`${field} must be a non-empty string, got ${JSON.stringify(v)}`);
  return v;
}

/** Event ids are built from provider ids; past this length the body is not what the provider sends. */
export const MAX_ID_LENGTH = 200;

/** A built event id, refused when a provider id made it too long to store. */
export function checkedEventId(id: string): string {
  if (id.length > MAX_ID_LENGTH) throw invalid(`event id "${id.slice(0, 60)}…" is longer than ${MAX_ID_LENGTH} characters`);
  return id;
}

/** The Onepool location a source maps a provider location key to, or an `unmapped_location` rejection. */
export function mappedLocation(source: Pick<SourceConfig, "code" | "locations">, key: string, provider: string): string {
  // Own keys only: a payload's key such as "constructor" must not reach Object.prototype.
  const code = Object.hasOwn(source.locations, key) ? source.locations[key] : undefined;
  if (typeof code !== "string" || !code) throw new Rejection("unmapped_location", `source "${source.code}" maps no Onepool location for ${provider} location key "${key}"`);
  return code;
}

/** An integer from `min` to MAX_QUANTITY (a quantity, or a signed stock level with min = -MAX_QUANTITY). */
export function integer(v: unknown, field: string, min: number): number {
  if (v === undefined || v === null) throw invalid(`${field} is missing`);
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > MAX_QUANTITY) {
    throw invalid(`${field} must be an integer from ${min} to ${MAX_QUANTITY}, got ${JSON.stringify(v)}`);
  }
  return v;
}

export function optionalText(v: unknown): string | null {
  return typeof v === "string" && v.trim() !== "" ? v : null;
}

/**
 * ISO-8601 with a zone, re-expressed in UTC with Z. Impossible calendar dates (2017-02-30) are
 * refused, not rolled over. `example` shows the provider's own format in the error.
 */
export function zonedTime(v: unknown, field: string, example: string): Time {
  if (v === undefined || v === null) throw invalid(`${field} is missing`);
  const ms = typeof v === "string" ? zonedMs(v) : null;
  if (ms === null) throw invalid(`${field} must be an ISO-8601 date-time with a zone, like ${example}, got ${JSON.stringify(v)}`);
  return { iso: new Date(ms).toISOString(), ms };
}

/** zonedTime, or null when the field is absent or null. */
export function optionalZonedTime(v: unknown, field: string, example: string): Time | null {
  return v === undefined || v === null ? null : zonedTime(v, field, example);
}

export function zonedMs(v: string): number | null {
  return parseIsoTime(v);
}
