import { applyEvent, isAbsolute } from "./apply-event";
import { compareEvents } from "./event-order";
import { emptyLevel, type AbsoluteEffect, type LevelState, type StockEvent, type TrustedSources } from "./types";

export interface FoldResult {
  state: LevelState;
  /** Keyed by `${source}\u0000${id}` of the absolute event. */
  effects: Map<string, AbsoluteEffect>;
}

export const eventKey = (e: Pick<StockEvent, "source" | "id">): string => `${e.source}\u0000${e.id}`;

/** The level at `location` as the fold of its events in canonical order: what a replay gives. */
export function foldLevel(events: readonly StockEvent[], location: string, trusted: TrustedSources): FoldResult {
  const sorted = [...events].sort((a, b) => compareEvents(a, b, trusted));
  return continueFold(emptyLevel(), sorted, location, trusted);
}

/** Apply events already in canonical order on top of `state`. */
export function continueFold(
  state: LevelState,
  sorted: readonly StockEvent[],
  location: string,
  trusted: TrustedSources,
): FoldResult {
  const effects = new Map<string, AbsoluteEffect>();
  let s = state;
  for (const e of sorted) {
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
    }
  }
  return true;
}
