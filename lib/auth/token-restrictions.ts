import type { EventRejection } from "@/lib/events/parse-canonical-event";
import { EVENT_TYPES, type EventType } from "@/lib/quantity/types";

// What a connector token's canonical events may name (docs/SECURITY.md: scoped by source, allowed event
// types and locations). Pure: the ingest path, re-submission and the token forms all read it.

/** Sources Onepool writes itself (dashboard counts, reservation holds): never accepted from outside. */
export const INTERNAL_SOURCE_PREFIX = "onepool-";

/**
 * Event types only Onepool writes. A hold is a reservation row and its ledger events together: a
 * `reservation.created` without a row would never be released by the sweeper (a permanent phantom hold).
 */
export const INTERNAL_EVENT_TYPES: ReadonlySet<EventType> = new Set(["reservation.created", "reservation.released", "reservation.expired"]);

/** The event types a connector may send, and so the ones a token may be limited to. */
export const CONNECTOR_EVENT_TYPES: readonly EventType[] = EVENT_TYPES.filter((t) => !INTERNAL_EVENT_TYPES.has(t));

export function isInternalSource(source: string): boolean {
  return source.trim().toLowerCase().startsWith(INTERNAL_SOURCE_PREFIX);
}

/** A token's limits; an empty list means "any" (internal sources and types stay refused). */
export interface TokenRestrictions {
  sources: readonly string[];
  eventTypes: readonly string[];
  locations: readonly string[];
}

/** The fields of an event that a token's limits are about; any may be missing (a raw event before parsing). */
export interface EventScope {
  source?: unknown;
  type?: unknown;
  location?: unknown;
  toLocation?: unknown;
}

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);

/**
 * Why this token may not send this event, or null. Run on the raw event before it is parsed too,
 * so a forbidden event is refused for what it is (not as, say, clock drift, which looks transient
 * and could be re-submitted later). `toLocation` is checked except on `transfer.out`: sending stock
 * on its way to another site is the sender's own move; the receiving site confirms it with transfer.in.
 */
export function eventRestriction(token: TokenRestrictions, event: EventScope): EventRejection | null {
  const source = text(event.source);
  const type = text(event.type);
  const location = text(event.location);
  const toLocation = text(event.toLocation);
  if (source !== null) {
    if (isInternalSource(source)) {
      return { code: "forbidden_source", message: `source "${source}" is Onepool's own (${INTERNAL_SOURCE_PREFIX}*): connectors may not write under it`, field: "source" };
    }
    if (token.sources.length > 0 && !token.sources.includes(source)) {
      return { code: "forbidden_source", message: `this token may not write events for source "${source}" (allowed: ${list(token.sources)})`, field: "source" };
    }
  }
  if (type !== null) {
    if (INTERNAL_EVENT_TYPES.has(type as EventType)) {
      return { code: "forbidden_event_type", message: `"${type}" events are written by Onepool's reservation API (POST /api/reservations), never by a connector`, field: "type" };
    }
    if (token.eventTypes.length > 0 && !token.eventTypes.includes(type)) {
      return { code: "forbidden_event_type", message: `this token may not write "${type}" events (allowed: ${list(token.eventTypes)})`, field: "type" };
    }
  }
  if (token.locations.length > 0) {
    if (location !== null && !token.locations.includes(location)) {
      return { code: "forbidden_location", message: `this token may not write events for location "${location}" (allowed: ${list(token.locations)})`, field: "location" };
    }
    if (toLocation !== null && type !== "transfer.out" && !token.locations.includes(toLocation)) {
      return { code: "forbidden_location", message: `this token may not write events for location "${toLocation}" (allowed: ${list(token.locations)})`, field: "toLocation" };
    }
  }
  return null;
}

function list(values: readonly string[]): string {
  return values.length > 5 ? `${values.slice(0, 5).join(", ")} and ${values.length - 5} more` : values.join(", ");
}
