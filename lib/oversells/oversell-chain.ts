import { eventKey, foldLevel } from "@/lib/quantity/fold-level";
import { availableOf, availableReal } from "@/lib/quantity/level-math";
import type { StockEvent, TrustedSources } from "@/lib/quantity/types";

/** A ledger event of one SKU with what the chain needs beyond the fold: when it arrived, on which channel. */
export interface ChainEvent extends StockEvent {
  receivedAt: number;
  channel: string | null;
}

export interface ChainLocation {
  id: string;
  sellable: boolean;
  trusted: TrustedSources;
}

export interface ChainLine {
  /** t: when the order line was placed (its order.placed occurredAt). */
  placedAt: number;
  cancelledAt: number;
  channel: string | null;
  /** eventKey of the order.placed that placed the line: left out, the numbers are "just before" it. */
  placedEvent: string | null;
}

export interface ChainFacts {
  availableKnown: number;
  availableReal: number;
  ingestLagMs: number | null;
  correctionUnits: number;
  otherChannelUnits: number;
}

// Types that never move available at a location (promises and expected stock only).
const NOT_STOCK_MOVING = new Set<StockEvent["type"]>(["order.delivered", "asn", "po"]);

/** Available real (docs/QUANTITY-MODEL.md §2–3: Σ over sellable locations of max(0, available)) of the fold of `events`. */
export function availableRealOf(events: readonly StockEvent[], locations: readonly ChainLocation[]): number {
  return availableReal(locations.map((l) => ({ sellable: l.sellable, available: l.sellable ? availableOf(foldLevel(events, l.id, l.trusted).state) : 0 })));
}

/**
 * The facts of docs/OVERSELLS.md for one oversold line, from every ledger event of its SKU:
 * - availableKnown: the fold of the events received by t; availableReal: of those that occurred by t
 *   (both without the line's own order.placed: "just before the line was placed");
 * - ingestLagMs: the largest receivedAt − occurredAt among stock-moving events that occurred by t
 *   but arrived after it (the events Onepool did not know at t), null when there were none;
 * - correctionUnits: units removed after t and by the cancellation by counts (positive variance, as
 *   the full fold records it), shrink and damage at sellable locations;
 * - otherChannelUnits: units ordered on other channels after t and by the cancellation.
 */
export function chainFacts(events: readonly ChainEvent[], locations: readonly ChainLocation[], line: ChainLine): ChainFacts {
  const t = line.placedAt;
  const others = events.filter((e) => line.placedEvent === null || eventKey(e) !== line.placedEvent);
  const known = others.filter((e) => e.receivedAt <= t);
  const real = others.filter((e) => e.occurredAt <= t);

  let ingestLagMs: number | null = null;
  for (const e of real) {
    if (e.receivedAt <= t || NOT_STOCK_MOVING.has(e.type)) continue;
    const lag = e.receivedAt - e.occurredAt;
    if (ingestLagMs === null || lag > ingestLagMs) ingestLagMs = lag;
  }

  const after = (e: StockEvent) => e.occurredAt > t && e.occurredAt <= line.cancelledAt;
  const sellable = new Set(locations.filter((l) => l.sellable).map((l) => l.id));
  let correctionUnits = 0;
  for (const l of locations) {
    if (!l.sellable) continue;
    const { effects } = foldLevel(events, l.id, l.trusted);
    for (const e of events) {
      if (e.location !== l.id || !after(e)) continue;
      if (e.type === "shrink" || e.type === "damage") correctionUnits += e.quantity;
      else if (e.type === "cycle_count" || e.type === "snapshot") {
        const eff = effects.get(eventKey(e));
        if (eff?.kind === "variance" && eff.amount > 0) correctionUnits += eff.amount;
      }
    }
  }

  let otherChannelUnits = 0;
  for (const e of events) {
    if (e.type === "order.placed" && e.channel !== line.channel && after(e) && sellable.has(e.location)) otherChannelUnits += e.quantity;
  }

  return { availableKnown: availableRealOf(known, locations), availableReal: availableRealOf(real, locations), ingestLagMs, correctionUnits, otherChannelUnits };
}
