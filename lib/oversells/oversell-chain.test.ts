import { describe, expect, it } from "vitest";
import { eventKey } from "@/lib/quantity/fold-level";
import type { EventType, StockEvent } from "@/lib/quantity/types";
import { chainFacts, type ChainEvent, type ChainLocation } from "./oversell-chain";

const T = Date.parse("2026-11-23T10:00:00.000Z");
const at = (s: number) => T + s * 1000;
let n = 0;
/** An event at location A, received when it occurred unless `receivedAt` says otherwise. */
function ev(type: EventType, seconds: number, f: Partial<ChainEvent> = {}): ChainEvent {
  n += 1;
  const occurredAt = at(seconds);
  return { source: "wms", id: `e${n}`, type, sku: "1", location: "A", quantity: 1, occurredAt, receivedAt: occurredAt, channel: null, ...f } as ChainEvent;
}
const locations: ChainLocation[] = [
  { id: "A", sellable: true, trusted: [] },
  { id: "B", sellable: true, trusted: [] },
  { id: "Q", sellable: false, trusted: [] },
];
const lineOf = (placed: StockEvent & { channel: string | null }, cancelledSeconds: number) => ({
  placedAt: placed.occurredAt,
  cancelledAt: at(cancelledSeconds),
  channel: placed.channel,
  placedEvent: eventKey(placed),
});

describe("chainFacts", () => {
  it("known = events received by t, real = events that occurred by t; the line's own order is left out of both", () => {
    const placed = ev("order.placed", 100, { quantity: 2, channel: "web" });
    const events = [
      ev("receipt", 0, { quantity: 5 }),
      ev("receipt", 0, { quantity: 3, location: "B" }),
      ev("receipt", 0, { quantity: 50, location: "Q" }), // not sellable: never counts
      // Occurred before the sale, arrived 10 minutes later.
      ev("transfer.out", 40, { quantity: 4, toLocation: "Q", reference: "T1", receivedAt: at(640) }),
      placed,
      ev("order.cancelled", 200, { quantity: 2, reason: "oversold", channel: "web" }),
    ];
    const f = chainFacts(events, locations, lineOf(placed, 200));
    expect(f).toEqual({ availableKnown: 8, availableReal: 4, ingestLagMs: 600_000, correctionUnits: 0, otherChannelUnits: 0 });
  });

  it("a location below zero does not eat another's stock (available real clamps each location)", () => {
    const placed = ev("order.placed", 100, { quantity: 1, channel: "web" });
    const events = [ev("receipt", 0, { quantity: 3 }), ev("order.placed", 10, { quantity: 5, location: "B", channel: "pos" }), placed];
    expect(chainFacts(events, locations, lineOf(placed, 200)).availableReal).toBe(3);
  });

  it("the ingest lag is null when every event that occurred by t had arrived by t", () => {
    const placed = ev("order.placed", 100, { channel: "web" });
    const events = [ev("receipt", 0, { quantity: 5, receivedAt: at(90) }), placed, ev("receipt", 150, { quantity: 1, receivedAt: at(5000) })];
    expect(chainFacts(events, locations, lineOf(placed, 200)).ingestLagMs).toBeNull();
  });

  it("corrections: a count's positive variance, shrink and damage after t and by the cancellation, at sellable locations", () => {
    const placed = ev("order.placed", 100, { quantity: 2, channel: "web" });
    const events = [
      ev("receipt", 0, { quantity: 5 }),
      placed,
      ev("cycle_count", 120, { quantity: 2 }), // on_hand 4 (5 less the shrink before t) → 2: 2 missing
      ev("shrink", 130, { quantity: 1, location: "B", reason: "theft" }),
      ev("damage", 140, { quantity: 1, location: "Q" }), // not sellable
      ev("shrink", 50, { quantity: 1, reason: "before the sale" }), // before t
      ev("shrink", 300, { quantity: 1, reason: "after the cancellation" }),
    ];
    expect(chainFacts(events, locations, lineOf(placed, 200)).correctionUnits).toBe(3);
  });

  it("a trusted snapshot of on_hand lowering it after t is a correction too; an untrusted one is not", () => {
    const placed = ev("order.placed", 100, { quantity: 2, channel: "web" });
    const trusting: ChainLocation[] = [{ id: "A", sellable: true, trusted: ["wms"] }];
    const events = [ev("receipt", 0, { quantity: 5 }), placed, ev("snapshot", 120, { quantity: 3, bucket: "on_hand" }), ev("snapshot", 130, { quantity: 0, bucket: "on_hand", source: "amazon" })];
    expect(chainFacts(events, trusting, lineOf(placed, 200)).correctionUnits).toBe(2);
  });

  it("without its order.placed in the ledger, the line is taken at its cancellation and nothing is left out", () => {
    const events = [ev("receipt", 0, { quantity: 5 }), ev("order.placed", 50, { quantity: 1, channel: "web" })];
    expect(chainFacts(events, locations, { placedAt: at(200), cancelledAt: at(200), channel: "web", placedEvent: null })).toEqual({
      availableKnown: 4,
      availableReal: 4,
      ingestLagMs: null,
      correctionUnits: 0,
      otherChannelUnits: 0,
    });
  });

  it("a count that found units is no correction", () => {
    const placed = ev("order.placed", 100, { quantity: 2, channel: "web" });
    const events = [ev("receipt", 0, { quantity: 5 }), placed, ev("cycle_count", 120, { quantity: 9 })];
    expect(chainFacts(events, locations, lineOf(placed, 200)).correctionUnits).toBe(0);
  });

  it("other channels' orders after t and by the cancellation; the same channel's and earlier ones are not counted", () => {
    const placed = ev("order.placed", 100, { quantity: 1, channel: "web" });
    const events = [
      ev("receipt", 0, { quantity: 1 }),
      ev("order.placed", 50, { quantity: 7, channel: "amazon" }),
      placed,
      ev("order.placed", 101, { quantity: 1, channel: "amazon" }),
      ev("order.placed", 102, { quantity: 2, channel: "web" }),
      ev("order.placed", 103, { quantity: 3, channel: "meli", location: "B" }),
      ev("order.placed", 250, { quantity: 9, channel: "amazon" }),
    ];
    expect(chainFacts(events, locations, lineOf(placed, 200)).otherChannelUnits).toBe(4);
  });
});
