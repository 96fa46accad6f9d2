// Helpers shared by the lib/quantity tests (not used by production code).
import { availableOf, incomingTotalOf } from "./level-math";
import { emptyLevel, type EventType, type LevelState, type StockEvent } from "./types";

/** A fixed instant; t(n) is n seconds after it. */
export const T0 = Date.parse("2026-11-22T10:00:00.000Z");
export const t = (seconds: number): number => T0 + seconds * 1000;

let counter = 0;

/** A stock event with sensible defaults: source "wms", SKU "SKU-1", location "A", quantity 1, at t(0). */
export function ev(type: EventType, fields: Partial<StockEvent> = {}): StockEvent {
  counter += 1;
  return { source: "wms", id: `e${counter}`, type, sku: "SKU-1", location: "A", quantity: 1, occurredAt: t(0), ...fields };
}

/** A level with the given buckets (everything else empty). */
export function level(fields: Partial<LevelState> = {}): LevelState {
  return { ...emptyLevel(), ...fields };
}

/** The numbers of a level as a dashboard shows them (derived available and clamped incoming included). */
export function numbers(s: LevelState) {
  return {
    onHand: s.onHand,
    committed: s.committed,
    reserved: s.reserved,
    damaged: s.damaged,
    qualityControl: s.qualityControl,
    safetyStock: s.safetyStock,
    available: availableOf(s),
    incomingTotal: incomingTotalOf(s),
  };
}
