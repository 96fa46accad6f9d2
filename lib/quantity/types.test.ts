import { describe, expect, it } from "vitest";
import { ABSOLUTE_TYPES, CANCEL_REASONS, EVENT_TYPES, emptyLevel } from "./types";

describe("quantity model constants", () => {
  it("lists every event type of docs/QUANTITY-MODEL.md §4", () => {
    expect([...EVENT_TYPES].sort()).toEqual(
      [
        "adjustment",
        "asn",
        "cycle_count",
        "damage",
        "order.cancelled",
        "order.delivered",
        "order.placed",
        "order.reallocated",
        "order.shipped",
        "po",
        "receipt",
        "reservation.created",
        "reservation.expired",
        "reservation.released",
        "return.inspected",
        "return.received",
        "shrink",
        "snapshot",
        "transfer.in",
        "transfer.out",
      ].sort(),
    );
    expect([...ABSOLUTE_TYPES].sort()).toEqual(["cycle_count", "snapshot"]);
  });

  it("cancel reasons are the documented enum (docs/QUANTITY-MODEL.md)", () => {
    expect([...CANCEL_REASONS]).toEqual(["oversold", "customer", "payment", "address", "vendor_delay", "damaged_discovery", "other"]);
  });

  it("emptyLevel is all zero and never shares its incoming map", () => {
    const a = emptyLevel();
    const b = emptyLevel();
    const zero = { onHand: 0, committed: 0, reserved: 0, damaged: 0, qualityControl: 0, safetyStock: 0, incoming: {}, lastEventAt: null, lastAbsoluteAt: null, lastCountAt: null };
    expect(a).toEqual(zero);
    a.incoming.X = { qty: 1, expectedAt: null };
    expect(b.incoming).toEqual({});
  });
});
