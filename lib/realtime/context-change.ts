// What one instance changed that every other instance caches (docs/ARCHITECTURE.md): sent with pg_notify inside
// the changing transaction (server/realtime/announce-change.ts), heard by each instance's bus.
import { parseJsonObject } from "@/lib/json/parse-json-object";

/** A listing key as the ingest path looks it up. */
export interface ListingKey {
  channel: string;
  externalId: string;
}

export type ContextChange =
  /** SKUs, locations, channels or listings: reload the codes; refold these locations; replay these listings' parked events. */
  | { kind: "catalog"; trustChanged: number[]; listings: ListingKey[] }
  | { kind: "rules" }
  | { kind: "pauses" }
  | { kind: "tokens" }
  /** null: every source. */
  | { kind: "sources"; code: string | null };

/** Postgres refuses a NOTIFY payload of 8,000 bytes or more: past this (in bytes), no listings are named (the others still reload). */
export const MAX_PAYLOAD_BYTES = 7000;

const isStr = (x: unknown): x is string => typeof x === "string";

/** A payload from the wire, or null when it is not one of ours (another version, garbage). */
export function parseContextChange(payload: string | undefined): ContextChange | null {
  const m = parseJsonObject(payload);
  if (!m) return null;
  switch (m.kind) {
    case "rules":
    case "pauses":
    case "tokens":
      return { kind: m.kind };
    case "sources":
      return m.code === null || isStr(m.code) ? { kind: "sources", code: m.code } : null;
    case "catalog": {
      const trust = Array.isArray(m.trustChanged) ? m.trustChanged.filter((x): x is number => Number.isInteger(x)) : [];
      const listings = Array.isArray(m.listings)
        ? m.listings.flatMap((l: unknown) => {
            const r = (l ?? {}) as Record<string, unknown>;
            return isStr(r.channel) && isStr(r.externalId) ? [{ channel: r.channel, externalId: r.externalId }] : [];
          })
        : [];
      return { kind: "catalog", trustChanged: trust, listings };
    }
    default:
      return null;
  }
}

/**
 * The wire form. A catalogue change naming too many listings to fit names none: the sender replays
 * their parked events itself; the others only miss the rare event they parked in the moment between
 * the commit and their reload.
 */
export function contextChangePayload(change: ContextChange): string {
  const full = JSON.stringify(change);
  if (change.kind !== "catalog" || Buffer.byteLength(full) <= MAX_PAYLOAD_BYTES) return full;
  return JSON.stringify({ ...change, listings: [] });
}
