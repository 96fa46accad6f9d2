import { describe, expect, it } from "vitest";
import { compareEvents } from "./event-order";
import { canApplyIncrementally, continueFold, eventKey, foldLevel } from "./fold-level";
import { ev, level, numbers, t } from "./test-support";
import type { StockEvent } from "./types";

describe("foldLevel", () => {
  it("an empty set of events is an empty level", () => {
    const r = foldLevel([], "A", []);
    expect(numbers(r.state)).toEqual({ onHand: 0, committed: 0, reserved: 0, damaged: 0, qualityControl: 0, safetyStock: 0, available: 0, incomingTotal: 0 });
    expect(r.effects.size).toBe(0);
    expect(r.state.lastEventAt).toBeNull();
  });

  it("deltas before a count are absorbed by it, deltas after apply on top (whatever the array order)", () => {
    const count = ev("cycle_count", { id: "count", quantity: 50, occurredAt: t(10) });
    const before1 = ev("receipt", { quantity: 40, occurredAt: t(1) });
    const before2 = ev("order.shipped", { quantity: 5, occurredAt: t(5) });
    const before3 = ev("order.placed", { quantity: 5, occurredAt: t(4) });
    const after1 = ev("adjustment", { quantity: 3, reason: "found", occurredAt: t(12) });
    const after2 = ev("shrink", { quantity: 1, reason: "lost", occurredAt: t(11) });
    const r = foldLevel([after1, count, before2, after2, before1, before3], "A", []);
    // system at the count = 40 − 5 = 35; counted 50 → variance −15; then +3 −1
    expect(r.state.onHand).toBe(52);
    expect(r.state.committed).toBe(0); // placed 5, shipped 5: the count does not touch committed
    expect(r.effects.get(eventKey(count))).toEqual({ kind: "variance", amount: -15 });
    expect(r.state.lastCountAt).toBe(t(10));
    expect(r.state.lastAbsoluteAt).toBe(t(10));
    expect(r.state.lastEventAt).toBe(t(12));
  });

  it("an absolute later in time replaces an earlier one", () => {
    const c1 = ev("cycle_count", { quantity: 10, occurredAt: t(1) });
    const s2 = ev("snapshot", { bucket: "on_hand", quantity: 30, occurredAt: t(3) });
    const d = ev("receipt", { quantity: 5, occurredAt: t(2) });
    const r = foldLevel([s2, d, c1], "A", []);
    expect(r.state.onHand).toBe(30);
    expect(r.effects.get(eventKey(c1))).toEqual({ kind: "variance", amount: -10 });
    expect(r.effects.get(eventKey(s2))).toEqual({ kind: "variance", amount: -15 });
    expect(r.state.lastCountAt).toBe(t(1));
    expect(r.state.lastAbsoluteAt).toBe(t(3));
  });

  it("snapshot of available as of its time: on_hand = q + other buckets then, later commitments apply on top", () => {
    const placed = ev("order.placed", { quantity: 4, occurredAt: t(1) });
    const snap = ev("snapshot", { bucket: "available", quantity: 20, occurredAt: t(2) });
    const placedAfter = ev("order.placed", { quantity: 3, occurredAt: t(3) });
    const r = foldLevel([placedAfter, snap, placed], "A", []);
    expect(numbers(r.state)).toMatchObject({ onHand: 24, committed: 7, available: 17 });
  });

  it("two absolutes at the same instant: the most trusted source wins, regardless of version", () => {
    const trusted = ["wms", "marketplace"];
    const wms = ev("cycle_count", { source: "wms", quantity: 40, version: "1", occurredAt: t(5) });
    const mkt = ev("snapshot", { source: "marketplace", bucket: "on_hand", quantity: 45, version: "99", occurredAt: t(5) });
    expect(foldLevel([wms, mkt], "A", trusted).state.onHand).toBe(40);
    expect(foldLevel([mkt, wms], "A", trusted).state.onHand).toBe(40);
    // swap the trust order: the marketplace now wins
    expect(foldLevel([wms, mkt], "A", ["marketplace", "wms"]).state.onHand).toBe(45);
  });

  it("two absolutes at the same instant from equally trusted sources: the higher version wins (versions > 2^53)", () => {
    const a = ev("snapshot", { bucket: "on_hand", quantity: 11, version: "9007199254740993", occurredAt: t(5) });
    const b = ev("snapshot", { bucket: "on_hand", quantity: 22, version: "9007199254740992", occurredAt: t(5) });
    expect(foldLevel([a, b], "A", []).state.onHand).toBe(11);
    expect(foldLevel([b, a], "A", []).state.onHand).toBe(11);
    const c = ev("snapshot", { bucket: "on_hand", quantity: 33, version: "10", occurredAt: t(5) });
    const d = ev("snapshot", { bucket: "on_hand", quantity: 44, version: "9", occurredAt: t(5) });
    expect(foldLevel([c, d], "A", []).state.onHand).toBe(33);
  });

  it("an untrusted source's absolute never moves the number, and its drift is measured at its time", () => {
    const trusted = ["wms"];
    const d1 = ev("receipt", { quantity: 30, occurredAt: t(1) });
    const mkt = ev("snapshot", { source: "marketplace", bucket: "on_hand", quantity: 25, occurredAt: t(2) });
    const d2 = ev("receipt", { quantity: 10, occurredAt: t(3) });
    const r = foldLevel([d2, mkt, d1], "A", trusted);
    expect(r.state.onHand).toBe(40);
    expect(r.effects.get(eventKey(mkt))).toEqual({ kind: "drift", amount: 5 });
    expect(r.effects.size).toBe(1);
  });

  it("an untrusted cycle_count does not count as a count (lastCountAt)", () => {
    const r = foldLevel([ev("cycle_count", { source: "pos", quantity: 3, occurredAt: t(4) })], "A", ["wms"]);
    expect(r.state.lastCountAt).toBeNull();
    expect(r.state.onHand).toBe(0);
  });

  it("a transfer folds into both locations: out of A, in transit to B, then received at B", () => {
    const out = ev("transfer.out", { quantity: 6, location: "A", toLocation: "B", reference: "TR1", occurredAt: t(1), expectedAt: t(100) });
    const inn = ev("transfer.in", { quantity: 6, location: "B", reference: "TR1", occurredAt: t(2) });
    const stock = ev("receipt", { quantity: 20, location: "A", occurredAt: t(0) });
    const a = foldLevel([stock, out], "A", []);
    const bTransit = foldLevel([out], "B", []);
    const b = foldLevel([out, inn], "B", []);
    expect(numbers(a.state)).toMatchObject({ onHand: 14, incomingTotal: 0 });
    expect(numbers(bTransit.state)).toMatchObject({ onHand: 0, incomingTotal: 6 });
    expect(bTransit.state.incoming).toEqual({ TR1: { qty: 6, expectedAt: t(100) } });
    expect(numbers(b.state)).toMatchObject({ onHand: 6, incomingTotal: 0 });
  });

  it("a transfer.in that arrives before (in time) its transfer.out never shows negative incoming", () => {
    const inn = ev("transfer.in", { quantity: 6, location: "B", reference: "TR1", occurredAt: t(1) });
    const r = foldLevel([inn], "B", []);
    expect(r.state.incoming.TR1.qty).toBe(-6);
    expect(numbers(r.state).incomingTotal).toBe(0);
  });
});

describe("continueFold", () => {
  it("applies sorted events on top of a state and reports the effects of its absolutes", () => {
    const start = level({ onHand: 10, lastEventAt: t(1) });
    const d = ev("receipt", { quantity: 5, occurredAt: t(2) });
    const c = ev("cycle_count", { quantity: 12, occurredAt: t(3) });
    const r = continueFold(start, [d, c], "A", []);
    expect(r.state.onHand).toBe(12);
    expect([...r.effects.entries()]).toEqual([[eventKey(c), { kind: "variance", amount: 3 }]]);
  });

  it("gives the same as foldLevel of the union when the new events all come after", () => {
    const old = [ev("receipt", { quantity: 9, occurredAt: t(1) }), ev("cycle_count", { quantity: 7, occurredAt: t(2) })];
    const fresh = [ev("order.placed", { quantity: 2, occurredAt: t(4) }), ev("snapshot", { bucket: "available", quantity: 3, occurredAt: t(5) })];
    const base = foldLevel(old, "A", []);
    const sorted = [...fresh].sort((a, b) => compareEvents(a, b, []));
    const r = continueFold(base.state, sorted, "A", []);
    const whole = foldLevel([...old, ...fresh], "A", []);
    expect(r.state).toEqual(whole.state);
    expect(r.state.onHand).toBe(5);
  });
});

describe("eventKey", () => {
  it("is (source, id) and does not confuse sources containing the id separator", () => {
    expect(eventKey({ source: "wms", id: "1" })).toBe("wms\u00001");
    expect(eventKey({ source: "a", id: "b1" })).not.toBe(eventKey({ source: "ab", id: "1" }));
  });
});

describe("canApplyIncrementally", () => {
  const delta = (at: number): StockEvent => ev("receipt", { occurredAt: at });
  const absolute = (at: number): StockEvent => ev("cycle_count", { occurredAt: at });

  it("anything goes on an empty level", () => {
    expect(canApplyIncrementally(level(), [delta(t(1)), absolute(t(0))])).toBe(true);
  });

  it("deltas of any age commute when the level has never seen an absolute", () => {
    const s = level({ lastEventAt: t(100), lastAbsoluteAt: null });
    expect(canApplyIncrementally(s, [delta(t(1)), delta(t(100)), delta(t(200))])).toBe(true);
  });

  it("a delta must be strictly newer than the last absolute", () => {
    const s = level({ lastEventAt: t(20), lastAbsoluteAt: t(10) });
    expect(canApplyIncrementally(s, [delta(t(11))])).toBe(true);
    expect(canApplyIncrementally(s, [delta(t(10))])).toBe(false); // tie: order decided by precedence/version
    expect(canApplyIncrementally(s, [delta(t(9))])).toBe(false);
    expect(canApplyIncrementally(s, [delta(t(11)), delta(t(9))])).toBe(false);
  });

  it("an absolute must be strictly newer than everything applied so far", () => {
    const s = level({ lastEventAt: t(20), lastAbsoluteAt: t(10) });
    expect(canApplyIncrementally(s, [absolute(t(21))])).toBe(true);
    expect(canApplyIncrementally(s, [absolute(t(20))])).toBe(false);
    expect(canApplyIncrementally(s, [absolute(t(15))])).toBe(false);
    const noAbs = level({ lastEventAt: t(20) });
    expect(canApplyIncrementally(noAbs, [absolute(t(19))])).toBe(false);
  });

  it("an older ASN/PO/transfer with a different expected date than the reference shows must recompute", () => {
    const s = level({ lastEventAt: t(20), incoming: { R1: { qty: 5, expectedAt: t(900) } } });
    const asn = (at: number, expectedAt: number | null, reference = "R1") => ev("asn", { occurredAt: at, reference, expectedAt, quantity: 1 });
    expect(canApplyIncrementally(s, [asn(t(5), t(800))])).toBe(false);
    expect(canApplyIncrementally(s, [ev("transfer.out", { occurredAt: t(20), reference: "R1", toLocation: "A", location: "B", expectedAt: t(800) })])).toBe(false);
    // newer than everything applied: it is folded last anyway
    expect(canApplyIncrementally(s, [asn(t(21), t(800))])).toBe(true);
    // same date, no date, another reference, or a type that never sets a date: the order cannot matter
    expect(canApplyIncrementally(s, [asn(t(5), t(900))])).toBe(true);
    expect(canApplyIncrementally(s, [asn(t(5), null)])).toBe(true);
    expect(canApplyIncrementally(s, [asn(t(5), t(800), "R2")])).toBe(true);
    expect(canApplyIncrementally(s, [ev("receipt", { occurredAt: t(5), reference: "R1", expectedAt: t(800) })])).toBe(true);
  });

  it("regression: a late, older transfer.out must not overwrite the expected date a newer one set (live = replay)", () => {
    // Found by projection.property.test.ts: two transfers into L1 under the same reference at the same
    // instant; the fast path applied them in arrival order, the replay in canonical (id) order.
    const e1 = ev("transfer.out", { id: "e1", location: "L2", toLocation: "L1", reference: "R1", occurredAt: t(0), expectedAt: t(100) });
    const e3 = ev("transfer.out", { id: "e3", location: "L2", toLocation: "L1", reference: "R1", occurredAt: t(0), expectedAt: t(101) });
    const replay = foldLevel([e1, e3], "L1", []);
    expect(replay.state.incoming).toEqual({ R1: { qty: 2, expectedAt: t(101) } });
    const stored = foldLevel([e3], "L1", []).state;
    expect(canApplyIncrementally(stored, [e1])).toBe(false);
  });
});
