import { describe, expect, it } from "vitest";
import { applyEvent, isAbsolute, locationsTouched } from "./apply-event";
import { ONEPOOL_COUNTS_SOURCE } from "./event-order";
import { availableOf, incomingTotalOf } from "./level-math";
import { ev, level, numbers, t } from "./test-support";
import { EVENT_TYPES, type LevelState, type StockEvent } from "./types";

// A location with something in every bucket: available = 100 − 10 − 5 − 3 − 4 − 2 = 76.
const seeded = (): LevelState =>
  level({
    onHand: 100,
    committed: 10,
    reserved: 5,
    damaged: 3,
    qualityControl: 4,
    safetyStock: 2,
    incoming: { PO1: { qty: 20, expectedAt: t(1000) } },
  });
const SEEDED = { onHand: 100, committed: 10, reserved: 5, damaged: 3, qualityControl: 4, safetyStock: 2, available: 76, incomingTotal: 20 };

const apply = (e: StockEvent, location = "A", trusted: readonly string[] = [], s: LevelState = seeded()) => applyEvent(s, e, location, trusted);

describe("applyEvent: delta bucket effects (docs/QUANTITY-MODEL.md §4 table)", () => {
  it("seeded state is what the other tests assume", () => {
    expect(numbers(seeded())).toEqual(SEEDED);
  });

  it("order.placed: committed += q", () => {
    const r = apply(ev("order.placed", { quantity: 7 }));
    expect(numbers(r.state)).toEqual({ ...SEEDED, committed: 17, available: 69 });
    expect(r.effect).toBeNull();
  });

  it("order.cancelled: committed −= q", () => {
    const r = apply(ev("order.cancelled", { quantity: 4, reason: "customer" }));
    expect(numbers(r.state)).toEqual({ ...SEEDED, committed: 6, available: 80 });
  });

  it("order.shipped: committed −= q and on_hand −= q (available unchanged)", () => {
    const r = apply(ev("order.shipped", { quantity: 6 }));
    expect(numbers(r.state)).toEqual({ ...SEEDED, onHand: 94, committed: 4, available: 76 });
  });

  it("order.reallocated: committed −= q at location, committed += q at toLocation", () => {
    const e = ev("order.reallocated", { quantity: 3, location: "A", toLocation: "B" });
    expect(numbers(apply(e, "A").state)).toEqual({ ...SEEDED, committed: 7, available: 79 });
    expect(numbers(apply(e, "B").state)).toEqual({ ...SEEDED, committed: 13, available: 73 });
  });

  it("order.delivered: no stock change", () => {
    const r = apply(ev("order.delivered", { quantity: 2 }));
    expect(numbers(r.state)).toEqual(SEEDED);
  });

  it("return.received: on_hand += q and quality_control += q (not yet available)", () => {
    const r = apply(ev("return.received", { quantity: 5 }));
    expect(numbers(r.state)).toEqual({ ...SEEDED, onHand: 105, qualityControl: 9, available: 76 });
  });

  it("return.inspected resellable: quality_control −= q, the units become available", () => {
    const r = apply(ev("return.inspected", { quantity: 3, condition: "resellable" }));
    expect(numbers(r.state)).toEqual({ ...SEEDED, qualityControl: 1, available: 79 });
  });

  it("return.inspected damaged: quality_control −= q, damaged += q (still on hand, not available)", () => {
    const r = apply(ev("return.inspected", { quantity: 3, condition: "damaged" }));
    expect(numbers(r.state)).toEqual({ ...SEEDED, qualityControl: 1, damaged: 6, available: 76 });
  });

  it("receipt without reference: on_hand += q, incoming untouched", () => {
    const r = apply(ev("receipt", { quantity: 8 }));
    expect(numbers(r.state)).toEqual({ ...SEEDED, onHand: 108, available: 84 });
    expect(r.state.incoming).toEqual({ PO1: { qty: 20, expectedAt: t(1000) } });
  });

  it("receipt with reference: on_hand += q and that reference's incoming −= q (expected date kept)", () => {
    const r = apply(ev("receipt", { quantity: 8, reference: "PO1" }));
    expect(numbers(r.state)).toEqual({ ...SEEDED, onHand: 108, available: 84, incomingTotal: 12 });
    expect(r.state.incoming).toEqual({ PO1: { qty: 12, expectedAt: t(1000) } });
  });

  it("over-receipt of one PO never eats another PO's incoming (reference shown at 0, not below)", () => {
    const s = level({ incoming: { PO1: { qty: 10, expectedAt: null }, PO2: { qty: 20, expectedAt: null } } });
    const r = applyEvent(s, ev("receipt", { quantity: 15, reference: "PO1" }), "A", []);
    expect(r.state.incoming.PO1.qty).toBe(-5);
    expect(incomingTotalOf(r.state)).toBe(20);
    expect(r.state.onHand).toBe(15);
  });

  it.each(["asn", "po"] as const)("%s: incoming += q under reference, with expectedAt", (type) => {
    const r = apply(ev(type, { quantity: 30, reference: "ASN9", expectedAt: t(5000) }));
    expect(numbers(r.state)).toEqual({ ...SEEDED, incomingTotal: 50 });
    expect(r.state.incoming).toEqual({ PO1: { qty: 20, expectedAt: t(1000) }, ASN9: { qty: 30, expectedAt: t(5000) } });
  });

  it("asn for an existing reference adds to it and updates its expected date", () => {
    const r = apply(ev("asn", { quantity: 5, reference: "PO1", expectedAt: t(2000) }));
    expect(r.state.incoming).toEqual({ PO1: { qty: 25, expectedAt: t(2000) } });
  });

  it("asn without expectedAt keeps the reference's previous expected date", () => {
    const r = apply(ev("asn", { quantity: 5, reference: "PO1", expectedAt: null }));
    expect(r.state.incoming).toEqual({ PO1: { qty: 25, expectedAt: t(1000) } });
  });

  it("transfer.out: on_hand −= q at location; incoming += q under reference at toLocation", () => {
    const e = ev("transfer.out", { quantity: 12, location: "A", toLocation: "B", reference: "TR1", expectedAt: t(3000) });
    const atA = apply(e, "A");
    expect(numbers(atA.state)).toEqual({ ...SEEDED, onHand: 88, available: 64 });
    expect(atA.state.incoming).toEqual({ PO1: { qty: 20, expectedAt: t(1000) } });

    const atB = applyEvent(level(), e, "B", []);
    expect(numbers(atB.state)).toEqual({ onHand: 0, committed: 0, reserved: 0, damaged: 0, qualityControl: 0, safetyStock: 0, available: 0, incomingTotal: 12 });
    expect(atB.state.incoming).toEqual({ TR1: { qty: 12, expectedAt: t(3000) } });
  });

  it("transfer.in: on_hand += q and the transfer's incoming −= q", () => {
    const s = level({ incoming: { TR1: { qty: 12, expectedAt: t(3000) } } });
    const r = applyEvent(s, ev("transfer.in", { quantity: 12, location: "B", reference: "TR1" }), "B", []);
    expect(numbers(r.state)).toEqual({ onHand: 12, committed: 0, reserved: 0, damaged: 0, qualityControl: 0, safetyStock: 0, available: 12, incomingTotal: 0 });
    expect(r.state.incoming.TR1.qty).toBe(0);
  });

  it("a full transfer round trip moves stock between locations and leaves no incoming", () => {
    const out = ev("transfer.out", { quantity: 9, location: "A", toLocation: "B", reference: "TR2", occurredAt: t(1) });
    const inn = ev("transfer.in", { quantity: 9, location: "B", reference: "TR2", occurredAt: t(2) });
    const a = applyEvent(level({ onHand: 20 }), out, "A", []).state;
    const b = applyEvent(applyEvent(level(), out, "B", []).state, inn, "B", []).state;
    expect([a.onHand, incomingTotalOf(a)]).toEqual([11, 0]);
    expect([b.onHand, incomingTotalOf(b)]).toEqual([9, 0]);
  });

  it("adjustment: on_hand += q, signed", () => {
    expect(numbers(apply(ev("adjustment", { quantity: 6, reason: "found" })).state)).toEqual({ ...SEEDED, onHand: 106, available: 82 });
    expect(numbers(apply(ev("adjustment", { quantity: -6, reason: "lost" })).state)).toEqual({ ...SEEDED, onHand: 94, available: 70 });
  });

  it("shrink: on_hand −= q", () => {
    expect(numbers(apply(ev("shrink", { quantity: 4, reason: "theft" })).state)).toEqual({ ...SEEDED, onHand: 96, available: 72 });
  });

  it("damage: damaged += q, on_hand unchanged (leaves available)", () => {
    expect(numbers(apply(ev("damage", { quantity: 2 })).state)).toEqual({ ...SEEDED, damaged: 5, available: 74 });
  });

  it("reservation.created / .released / .expired: reserved ± q", () => {
    expect(numbers(apply(ev("reservation.created", { quantity: 3 })).state)).toEqual({ ...SEEDED, reserved: 8, available: 73 });
    expect(numbers(apply(ev("reservation.released", { quantity: 3 })).state)).toEqual({ ...SEEDED, reserved: 2, available: 79 });
    expect(numbers(apply(ev("reservation.expired", { quantity: 5 })).state)).toEqual({ ...SEEDED, reserved: 0, available: 81 });
  });

  it("deltas return no absolute effect and do not pin the order", () => {
    for (const type of EVENT_TYPES) {
      if (isAbsolute({ type })) continue;
      const r = apply(ev(type, { quantity: 1, reference: "X", toLocation: "B", condition: "resellable" }));
      expect(r.effect, type).toBeNull();
      expect(r.state.lastAbsoluteAt, type).toBeNull();
      expect(r.state.lastCountAt, type).toBeNull();
    }
  });
});

describe("applyEvent: absolutes", () => {
  it("cycle_count (trusted) sets on_hand to the count and records variance = system − counted", () => {
    const r = apply(ev("cycle_count", { quantity: 90, occurredAt: t(50) }));
    expect(numbers(r.state)).toEqual({ ...SEEDED, onHand: 90, available: 66 });
    expect(r.effect).toEqual({ kind: "variance", amount: 10 });
    expect(r.state.lastCountAt).toBe(t(50));
    expect(r.state.lastAbsoluteAt).toBe(t(50));
  });

  it("cycle_count above the system records a negative variance", () => {
    const r = apply(ev("cycle_count", { quantity: 104 }));
    expect(r.state.onHand).toBe(104);
    expect(r.effect).toEqual({ kind: "variance", amount: -4 });
  });

  it("cycle_count of 0 empties on_hand (other buckets untouched, available goes negative)", () => {
    const r = apply(ev("cycle_count", { quantity: 0 }));
    expect(numbers(r.state)).toEqual({ ...SEEDED, onHand: 0, available: -24 });
    expect(r.effect).toEqual({ kind: "variance", amount: 100 });
  });

  it("snapshot of on_hand sets on_hand (and is not a count)", () => {
    const r = apply(ev("snapshot", { quantity: 80, bucket: "on_hand", occurredAt: t(7) }));
    expect(numbers(r.state)).toEqual({ ...SEEDED, onHand: 80, available: 56 });
    expect(r.effect).toEqual({ kind: "variance", amount: 20 });
    expect(r.state.lastCountAt).toBeNull();
    expect(r.state.lastAbsoluteAt).toBe(t(7));
  });

  it("snapshot without a bucket is treated as on_hand", () => {
    expect(apply(ev("snapshot", { quantity: 80, bucket: null })).state.onHand).toBe(80);
  });

  it("snapshot of available sets on_hand = q + the other buckets at that time", () => {
    // other buckets: 10 + 5 + 3 + 4 + 2 = 24
    const r = apply(ev("snapshot", { quantity: 30, bucket: "available" }));
    expect(numbers(r.state)).toEqual({ ...SEEDED, onHand: 54, available: 30 });
    expect(r.effect).toEqual({ kind: "variance", amount: 46 });
  });

  it("an untrusted source's absolute never moves the number; it records drift = projection − its view (the sign of variance)", () => {
    const trusted = ["wms"];
    const count = apply(ev("cycle_count", { source: "marketplace", quantity: 90, occurredAt: t(9) }), "A", trusted);
    expect(numbers(count.state)).toEqual(SEEDED);
    expect(count.effect).toEqual({ kind: "drift", amount: 10 }); // it says 90 where the pool has 100: it sees 10 fewer
    expect(count.state.lastCountAt).toBeNull();
    // it still pins the order: a later-arriving older event must recompute the drift
    expect(count.state.lastAbsoluteAt).toBe(t(9));

    const snap = apply(ev("snapshot", { source: "marketplace", quantity: 70, bucket: "available" }), "A", trusted);
    expect(numbers(snap.state)).toEqual(SEEDED);
    expect(snap.effect).toEqual({ kind: "drift", amount: 6 });
  });

  it("a listed source is trusted; an empty trust list trusts everyone", () => {
    expect(apply(ev("cycle_count", { source: "erp", quantity: 1 }), "A", ["wms", "erp"]).state.onHand).toBe(1);
    expect(apply(ev("cycle_count", { source: "anyone", quantity: 1 }), "A", []).state.onHand).toBe(1);
  });

  it("an approved Onepool count moves on_hand even where the location lists only its WMS (docs/RECONCILIATION.md#numbers)", () => {
    const r = apply(ev("cycle_count", { source: ONEPOOL_COUNTS_SOURCE, quantity: 93, occurredAt: t(50) }), "A", ["wms"]);
    expect(r.state.onHand).toBe(93);
    expect(r.effect).toEqual({ kind: "variance", amount: 7 });
    expect(r.state.lastCountAt).toBe(t(50));
  });
});

describe("applyEvent: bookkeeping", () => {
  it("does not modify the input state or its incoming map", () => {
    const s = seeded();
    const before = structuredClone(s);
    applyEvent(s, ev("asn", { quantity: 5, reference: "PO1", expectedAt: t(9) }), "A", []);
    applyEvent(s, ev("receipt", { quantity: 5, reference: "PO2" }), "A", []);
    applyEvent(s, ev("cycle_count", { quantity: 1 }), "A", []);
    expect(s).toEqual(before);
  });

  it("lastEventAt is the latest occurredAt applied, whatever the order", () => {
    let s = applyEvent(level(), ev("receipt", { occurredAt: t(10) }), "A", []).state;
    expect(s.lastEventAt).toBe(t(10));
    s = applyEvent(s, ev("receipt", { occurredAt: t(3) }), "A", []).state;
    expect(s.lastEventAt).toBe(t(10));
    s = applyEvent(s, ev("receipt", { occurredAt: t(11) }), "A", []).state;
    expect(s.lastEventAt).toBe(t(11));
  });
});

describe("locationsTouched / isAbsolute", () => {
  it("two-sided types touch location and toLocation, everything else only location", () => {
    expect(locationsTouched(ev("transfer.out", { location: "A", toLocation: "B" }))).toEqual(["A", "B"]);
    expect(locationsTouched(ev("order.reallocated", { location: "A", toLocation: "C" }))).toEqual(["A", "C"]);
    expect(locationsTouched(ev("transfer.in", { location: "B", toLocation: "A" }))).toEqual(["B"]);
    expect(locationsTouched(ev("order.placed", { location: "A", toLocation: "B" }))).toEqual(["A"]);
    expect(locationsTouched(ev("transfer.out", { location: "A", toLocation: null }))).toEqual(["A"]);
  });

  it("only cycle_count and snapshot are absolutes", () => {
    expect(EVENT_TYPES.filter((type) => isAbsolute({ type }))).toEqual(["cycle_count", "snapshot"]);
  });

  it("availableOf of the seeded state is 76", () => {
    expect(availableOf(seeded())).toBe(76);
  });
});
