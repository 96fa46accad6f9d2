import { describe, expect, it } from "vitest";
import { driftStateOf } from "./drift";

const r = (n: number, occurredAt: number, drift: number, reported = 10) => ({ id: `e${n}`, version: null, occurredAt, bucket: "on_hand", drift, reported });

describe("drift runs (docs/RECONCILIATION.md#drift)", () => {
  it("since = first of the unbroken run of non-zero drifts", () => {
    expect(driftStateOf([r(1, 1, 2), r(2, 2, 0), r(3, 3, 1), r(4, 4, -3)])).toEqual({ bucket: "on_hand", drift: -3, pool: 7, reported: 10, at: 4, since: 3 });
  });
  it("closed when the newest reading agrees, whatever the arrival order", () => {
    expect(driftStateOf([r(3, 9, 0), r(1, 1, 5), r(2, 5, 4)])).toMatchObject({ drift: 0, since: null });
  });
  it("a late older reading does not move since past a newer agreement", () => {
    expect(driftStateOf([r(1, 5, 0), r(2, 6, 2), r(3, 1, 7)])).toMatchObject({ drift: 2, since: 6 });
  });
  it("readings at the same instant follow the fold's order: version, then id", () => {
    const a = { ...r(1, 5, 3), version: "2" };
    const b = { ...r(2, 5, 0), version: "10" };
    expect(driftStateOf([b, a])).toMatchObject({ drift: 0, since: null });
    expect(driftStateOf([r(9, 5, 0), r(1, 5, 4)])).toMatchObject({ drift: 0 }); // "e9" after "e1"
  });
  it("no readings: no state", () => expect(driftStateOf([])).toBeNull());
});
