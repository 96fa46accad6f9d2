import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ONEPOOL_COUNTS_SOURCE } from "@/lib/quantity/event-order";
import { eventKey } from "@/lib/quantity/fold-level";
import { EVENT_TYPES } from "@/lib/quantity/types";
import { chainFactsForLines } from "./chain-facts-for-lines";
import { chainFacts, type ChainEvent, type ChainLine, type ChainLocation } from "./oversell-chain";

// chainFactsForLines must answer each line exactly as chainFacts (the reference: three folds of the
// whole ledger per line) does, on ledgers with every trait the shortcuts rely on or could miss.

const SOURCES = ["wms", "pos", "amazon", ONEPOOL_COUNTS_SOURCE];
const LOCATION_IDS = ["A", "B", "C"];
const CHANNELS = [null, "web", "amazon"];
const S = 1000;

const eventArb = fc.record({
  // Absolutes and order.placed more often than their share: they are what the facts turn on.
  type: fc.oneof(fc.constantFrom(...EVENT_TYPES), fc.constantFrom("cycle_count", "snapshot", "order.placed", "shrink", "receipt")),
  source: fc.constantFrom(...SOURCES),
  // "Z" is in no location list: its events fold nowhere.
  location: fc.constantFrom(...LOCATION_IDS, "Z"),
  toLocation: fc.option(fc.constantFrom(...LOCATION_IDS), { nil: null }),
  quantity: fc.integer({ min: 0, max: 9 }),
  // Few instants, so ties at the same instant are common.
  occurred: fc.integer({ min: 0, max: 40 }),
  // Mostly on time, some late (by up to a minute), some received before they occurred.
  lag: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 }), fc.integer({ min: -10, max: -1 })),
  version: fc.option(fc.constantFrom("1", "2", "007", "10"), { nil: null }),
  reference: fc.option(fc.constantFrom("R1", "R2"), { nil: null }),
  bucket: fc.option(fc.constantFrom("on_hand" as const, "available" as const), { nil: null }),
  condition: fc.option(fc.constantFrom("resellable" as const, "damaged" as const), { nil: null }),
  channel: fc.constantFrom(...CHANNELS),
});

const ledgerArb = fc.oneof(fc.array(eventArb, { maxLength: 25, size: "max" }), fc.array(eventArb, { minLength: 70, maxLength: 200, size: "max" })).map((list) =>
  list.map(
    (e, i): ChainEvent => ({
      source: e.source,
      id: `e${i}`,
      type: e.type,
      sku: "1",
      location: e.location,
      toLocation: e.type === "transfer.out" || e.type === "order.reallocated" ? e.toLocation : null,
      quantity: e.quantity,
      occurredAt: e.occurred * S,
      receivedAt: (e.occurred + e.lag) * S,
      version: e.version,
      reference: e.reference,
      bucket: e.type === "snapshot" ? e.bucket : null,
      condition: e.type === "return.inspected" ? e.condition : null,
      expectedAt: e.type === "asn" || e.type === "po" || e.type === "transfer.out" ? (e.occurred + 100) * S : null,
      channel: e.channel,
    }),
  ),
);

const locationsArb = fc
  .uniqueArray(
    fc.record({
      id: fc.constantFrom(...LOCATION_IDS),
      sellable: fc.boolean(),
      trusted: fc.oneof(fc.constant([]), fc.shuffledSubarray(["wms", "pos", "amazon"], { minLength: 1 })),
    }),
    { selector: (l) => l.id, minLength: 1, maxLength: 3 },
  )
  .map((ls): ChainLocation[] => ls);

/** A line placed by one of the ledger's order.placed (or, without one, at an instant of its own), cancelled at or after it. */
const lineArb = (events: readonly ChainEvent[]) =>
  fc
    .record({ pick: fc.nat(), own: fc.boolean(), at: fc.integer({ min: 0, max: 45 }), after: fc.integer({ min: 0, max: 30 }), channel: fc.constantFrom(...CHANNELS) })
    .map(({ pick, own, at, after, channel }): ChainLine => {
      const placed = events.filter((e) => e.type === "order.placed");
      if (own && placed.length > 0) {
        const p = placed[pick % placed.length];
        return { placedAt: p.occurredAt, cancelledAt: p.occurredAt + after * S, channel: p.channel, placedEvent: eventKey(p) };
      }
      return { placedAt: at * S, cancelledAt: (at + after) * S, channel, placedEvent: null };
    });

// Small spacings put checkpoint and block edges inside the ties and the late arrivals; the default too.
const spacingArb = fc.oneof(fc.record({ checkpoint: fc.integer({ min: 1, max: 9 }), block: fc.integer({ min: 1, max: 9 }) }), fc.constant(undefined));

const caseArb = ledgerArb.chain((events) => fc.tuple(fc.constant(events), locationsArb, fc.array(lineArb(events), { minLength: 1, maxLength: 8 }), spacingArb));

describe("chainFactsForLines", () => {
  it("answers every line of a SKU exactly as chainFacts does", () => {
    fc.assert(
      fc.property(caseArb, ([events, locations, lines, spacing]) => {
        expect(chainFactsForLines(events, locations, lines, spacing)).toEqual(lines.map((l) => chainFacts(events, locations, l)));
      }),
      { numRuns: 200 },
    );
    // The long ledgers (past a checkpoint and several blocks) fold slowly through the reference.
  }, 60_000);

  it("deliveries, ASNs and POs change no fact (the server does not read them)", () => {
    fc.assert(
      fc.property(caseArb, ([events, locations, lines]) => {
        const read = events.filter((e) => e.type !== "order.delivered" && e.type !== "asn" && e.type !== "po");
        expect(chainFactsForLines(read, locations, lines)).toEqual(lines.map((l) => chainFacts(events, locations, l)));
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it("a line whose order.placed sits among late and early arrivals of its instant", () => {
    const ev = (id: string, type: ChainEvent["type"], occurred: number, received: number, quantity: number, channel: string | null = null): ChainEvent => ({
      source: "wms",
      id,
      type,
      sku: "1",
      location: "A",
      quantity,
      occurredAt: occurred * S,
      receivedAt: received * S,
      channel,
    });
    const placed = ev("p", "order.placed", 10, 10, 2, "web");
    const events = [
      ev("r", "receipt", 0, 0, 5),
      ev("late", "shrink", 8, 30, 1),
      ev("early", "receipt", 12, 9, 4),
      placed,
      ev("o", "order.placed", 11, 11, 3, "pos"),
      ev("c", "cycle_count", 15, 15, 1),
    ];
    const locations: ChainLocation[] = [{ id: "A", sellable: true, trusted: [] }];
    const line: ChainLine = { placedAt: 10 * S, cancelledAt: 20 * S, channel: "web", placedEvent: eventKey(placed) };
    const [facts] = chainFactsForLines(events, locations, [line]);
    expect(facts).toEqual(chainFacts(events, locations, line));
    // Known: the receipt and the early one (9 units); real: the receipt less the late shrink (4);
    // the count at 15 found 1 of 8 units.
    expect(facts).toEqual({ availableKnown: 9, availableReal: 4, ingestLagMs: 22_000, correctionUnits: 7, otherChannelUnits: 3 });
  });
});
