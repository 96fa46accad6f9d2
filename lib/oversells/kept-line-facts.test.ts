import { describe, expect, it } from "vitest";
import { isClearOfCut, isKeepable, isKeptCurrent, LINE_FACTS_SETTLE_MS, lineFactsConfig, type KeptLineFacts, type LinePlacing } from "./kept-line-facts";
import { HOUR_MS as H } from "@/lib/time/durations";

const line: LinePlacing = { placedAt: 10 * H, cancelledAt: 11 * H, placedEvent: '["wms","p1"]', channelId: 3 };
const locations = [
  { id: "2", sellable: true, trusted: ["wms", "erp"] },
  { id: "1", sellable: false, trusted: [] },
];
const config = lineFactsConfig(locations, "4");
const kept: KeptLineFacts = {
  config,
  stamp: { events: 100, highWater: 12 * H, late: 2 },
  placing: { placedAt: line.placedAt, placedEvent: line.placedEvent, channelId: line.channelId },
  facts: { availableKnown: 3, availableReal: 1, ingestLagMs: null, correctionUnits: 0, otherChannelUnits: 0, published: 3, acknowledged: null },
};

describe("isKeptCurrent (docs/OVERSELLS.md, Kept facts)", () => {
  it("nothing arrived: current", () => {
    expect(isKeptCurrent(kept, config, { ...kept.stamp }, line.cancelledAt, null)).toBe(true);
  });
  it("events arrived that occurred after a high water already past the cancellation: current", () => {
    expect(isKeptCurrent(kept, config, { events: 130, highWater: 20 * H, late: 2 }, line.cancelledAt, null)).toBe(true);
  });
  it("a late arrival (late moved): stale, whatever else", () => {
    expect(isKeptCurrent(kept, config, { events: 101, highWater: 12 * H, late: 3 }, line.cancelledAt, null)).toBe(false);
  });
  it("events arrived while the high water was at the cancellation: stale (one at exactly that instant bumps no late)", () => {
    const atCancel = { ...kept, stamp: { ...kept.stamp, highWater: line.cancelledAt } };
    expect(isKeptCurrent(atCancel, config, { events: 101, highWater: line.cancelledAt, late: 2 }, line.cancelledAt, null)).toBe(false);
    expect(isKeptCurrent(atCancel, config, { ...atCancel.stamp }, line.cancelledAt, null)).toBe(true);
  });
  it("another config or no stamp: stale", () => {
    expect(isKeptCurrent(kept, lineFactsConfig(locations, "5"), kept.stamp, line.cancelledAt, null)).toBe(false);
    expect(isKeptCurrent(kept, config, undefined, line.cancelledAt, null)).toBe(false);
  });
});

describe("the history's cut (pruning)", () => {
  it("kept facts of a line placed at or after the cut stay current, whatever the cut was when they were computed", () => {
    expect(isKeptCurrent(kept, config, kept.stamp, line.cancelledAt, line.placedAt - 500 * 24 * H)).toBe(true);
    expect(isKeptCurrent(kept, config, kept.stamp, line.cancelledAt, line.placedAt)).toBe(true);
  });
  it("a line placed before the cut is neither served nor kept", () => {
    expect(isKeptCurrent(kept, config, kept.stamp, line.cancelledAt, line.placedAt + 1)).toBe(false);
    expect(isKeepable(line, kept.stamp, line.cancelledAt + LINE_FACTS_SETTLE_MS, line.placedAt + 1)).toBe(false);
    expect(isKeepable(line, kept.stamp, line.cancelledAt + LINE_FACTS_SETTLE_MS, line.placedAt)).toBe(true);
  });
  it("no cut, or nothing read at an instant: clear", () => {
    expect(isClearOfCut(0, null)).toBe(true);
    expect(isClearOfCut(null, 10 * H)).toBe(true);
    expect(isClearOfCut(10 * H - 1, 10 * H)).toBe(false);
  });
});

describe("lineFactsConfig", () => {
  it("moves with the epoch, a sellable flag or a trusted source; not with the order they are listed in", () => {
    expect(lineFactsConfig([...locations].reverse(), "4")).toBe(config);
    expect(
      lineFactsConfig(
        [locations[0], { ...locations[1], trusted: [] }].map((l) => ({ ...l, trusted: [...l.trusted].reverse() })),
        "4",
      ),
    ).toBe(config);
    expect(lineFactsConfig(locations, null)).not.toBe(config);
    expect(lineFactsConfig([locations[0], { ...locations[1], sellable: true }], "4")).not.toBe(config);
    expect(lineFactsConfig([{ ...locations[0], trusted: ["wms"] }, locations[1]], "4")).not.toBe(config);
  });
});

describe("isKeepable", () => {
  it("only settled lines with a stamp", () => {
    expect(isKeepable(line, kept.stamp, line.cancelledAt + LINE_FACTS_SETTLE_MS, null)).toBe(true);
    expect(isKeepable(line, kept.stamp, line.cancelledAt + LINE_FACTS_SETTLE_MS - 1, null)).toBe(false);
    expect(isKeepable(line, undefined, line.cancelledAt + LINE_FACTS_SETTLE_MS, null)).toBe(false);
  });
});
