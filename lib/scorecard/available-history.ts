import { applyEvent, locationsTouched } from "../quantity/apply-event";
import { compareEvents } from "../quantity/event-order";
import { availableOf } from "../quantity/level-math";
import { emptyLevel, type StockEvent, type TrustedSources } from "../quantity/types";
import { availableRealSteps, type Step } from "./figures";

// Available real of a SKU as it really was over time (every event by occurredAt, whenever it
// arrived): the fold of §3 taken step by step. In canonical order the prefix up to time t is the
// state at t, absolutes included (what they absorb occurred before them), so each step is exact.

export interface LocationInfo {
  id: string;
  sellable: boolean;
  trusted: TrustedSources;
}

/** Available at one location after each instant that changed it (ties: after the last event of that instant). */
export function locationSteps(events: readonly StockEvent[], location: string, trusted: TrustedSources): Step[] {
  const sorted = events.filter((e) => locationsTouched(e).includes(location)).sort((a, b) => compareEvents(a, b, trusted));
  const out: Step[] = [];
  let s = emptyLevel();
  for (let i = 0; i < sorted.length; i++) {
    s = applyEvent(s, sorted[i], location, trusted).state;
    const last = i + 1 === sorted.length || sorted[i + 1].occurredAt !== sorted[i].occurredAt;
    if (last) out.push({ at: sorted[i].occurredAt, value: availableOf(s) });
  }
  return out;
}

/** A SKU's whole history → its available real as a step function (0 before its first event). */
export function availableRealHistory(events: readonly StockEvent[], locations: readonly LocationInfo[]): Step[] {
  const used = new Set(events.flatMap(locationsTouched));
  return availableRealSteps(locations.filter((l) => used.has(l.id)).map((l) => ({ sellable: l.sellable, steps: locationSteps(events, l.id, l.trusted) })));
}

/** Net units sold (order.placed − order.cancelled, by occurredAt) in [from, to). */
export function unitsIn(events: readonly StockEvent[], from: number, to: number): number {
  let n = 0;
  for (const e of events) {
    if (e.occurredAt < from || e.occurredAt >= to) continue;
    if (e.type === "order.placed") n += e.quantity;
    else if (e.type === "order.cancelled") n -= e.quantity;
  }
  return n;
}
