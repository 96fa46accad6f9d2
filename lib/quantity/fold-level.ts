import { applyEvent, isAbsolute, locationsTouched } from "./apply-event";
import { compareEvents } from "./event-order";
import { emptyLevel, type AbsoluteEffect, type LevelState, type StockEvent, type TrustedSources } from "./types";

export interface FoldResult {
  state: LevelState;
  /** Keyed by `${source}\u0000${id}` of the absolute event. */
  effects: Map<string, AbsoluteEffect>;
}

export const eventKey = (e: Pick<StockEvent, "source" | "id">): string => `${e.source}\u0000${e.id}`;

/**
 * The level at `location` as the fold of its events in canonical order: what a replay gives.
 * Events that do not touch `location` are ignored, so callers may pass a SKU's whole history.
 */
export function foldLevel(events: readonly StockEvent[], location: string, trusted: TrustedSources): FoldResult {
  const sorted = events.filter((e) => touches(e, location)).sort((a, b) => compareEvents(a, b, trusted));
  return continueFold(emptyLevel(), sorted, location, trusted);
}

/** Apply events already in canonical order on top of `state`. */
export function continueFold(state: LevelState, sorted: readonly StockEvent[], location: string, trusted: TrustedSources): FoldResult {
  const effects = new Map<string, AbsoluteEffect>();
  let s = state;
  for (const e of sorted) {
    if (!touches(e, location)) continue;
    const r = applyEvent(s, e, location, trusted);
    s = r.state;
    if (r.effect) effects.set(eventKey(e), r.effect);
  }
  return { state: s, effects };
}

/**
 * Whether new events can be applied on top of the stored state and give exactly what a full fold
 * would. Deltas commute, so a delta only needs to be newer than the last absolute; an absolute
 * must be newer than everything already applied. Ties are sent to the full recompute.
 */
export function canApplyIncrementally(state: LevelState, incoming: readonly StockEvent[]): boolean {
  for (const e of incoming) {
    if (isAbsolute(e)) {
      if (state.lastEventAt !== null && e.occurredAt <= state.lastEventAt) return false;
    } else if (state.lastAbsoluteAt !== null && e.occurredAt <= state.lastAbsoluteAt) {
      return false;
    } else if (overridesExpectedAtOutOfOrder(state, e)) {
      return false;
    }
  }
  return true;
}

/**
 * A reference's expected date is the one of the last event (in fold order) that gave one, so that
 * part of an incoming line does not commute: an older ASN/PO/transfer arriving late with a different
 * date must not overwrite the date a newer one already set. Only such a case needs the recompute.
 */
function overridesExpectedAtOutOfOrder(state: LevelState, e: StockEvent): boolean {
  if (e.type !== "asn" && e.type !== "po" && e.type !== "transfer.out") return false;
  if (e.expectedAt === null || e.expectedAt === undefined) return false;
  if (state.lastEventAt === null || e.occurredAt > state.lastEventAt) return false;
  const line = state.incoming[e.reference ?? ""];
  return line !== undefined && line.expectedAt !== null && line.expectedAt !== e.expectedAt;
}

const touches = (e: StockEvent, location: string): boolean => locationsTouched(e).includes(location);
