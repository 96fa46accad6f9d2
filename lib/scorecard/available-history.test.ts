import { describe, expect, it } from "vitest";
import type { StockEvent } from "../quantity/types";
import { availableRealHistory, locationSteps, unitsIn } from "./available-history";
import { HOUR_MS as H } from "@/lib/time/durations";

let n = 0;
const ev = (type: StockEvent["type"], location: string, quantity: number, at: number, more: Partial<StockEvent> = {}): StockEvent => ({
  source: "wms",
  id: `e${++n}`,
  type,
  sku: "1",
  location,
  quantity,
  occurredAt: at,
  ...more,
});

describe("available real over time", () => {
  it("steps after each instant; an order commits, a shipment and a receipt move on hand", () => {
    const events = [ev("receipt", "1", 5, 0), ev("order.placed", "1", 5, 2 * H), ev("order.shipped", "1", 5, 3 * H), ev("receipt", "1", 4, 6 * H)];
    expect(locationSteps(events, "1", [])).toEqual([
      { at: 0, value: 5 },
      { at: 2 * H, value: 0 },
      { at: 3 * H, value: 0 },
      { at: 6 * H, value: 4 },
    ]);
  });

  it("a count that arrives late sets the state as of its time, absorbing what occurred before it", () => {
    // Receipt 10, then a count of 3 at 2 h: from 2 h available is 3, whatever order they arrived in.
    const events = [ev("cycle_count", "1", 3, 2 * H), ev("receipt", "1", 10, H), ev("shrink", "1", 3, 4 * H, { reason: "lost" })];
    expect(locationSteps(events, "1", [])).toEqual([
      { at: H, value: 10 },
      { at: 2 * H, value: 3 },
      { at: 4 * H, value: 0 },
    ]);
  });

  it("sums sellable locations, clamped at 0, and ignores unsellable ones", () => {
    const events = [ev("receipt", "1", 5, 0), ev("order.placed", "2", 2, H), ev("receipt", "3", 100, 0), ev("transfer.out", "1", 5, 2 * H, { toLocation: "2", reference: "T1" })];
    const steps = availableRealHistory(events, [
      { id: "1", sellable: true, trusted: [] },
      { id: "2", sellable: true, trusted: [] },
      { id: "3", sellable: false, trusted: [] },
    ]);
    // Location 2 at −2 never eats location 1's 5; the transfer takes 1's units into transit.
    expect(steps).toEqual([
      { at: 0, value: 5 },
      { at: 2 * H, value: 0 },
    ]);
  });

  it("units sold in a window: placed minus cancelled by occurredAt, [from, to)", () => {
    const events = [ev("order.placed", "1", 3, H), ev("order.cancelled", "1", 1, 2 * H, { reason: "customer" }), ev("order.placed", "1", 9, 3 * H)];
    expect(unitsIn(events, H, 3 * H)).toBe(2);
    expect(unitsIn(events, 0, 4 * H)).toBe(11);
  });
});
