import { describe, expect, it } from "vitest";
import { rampedSchedule } from "./pace";

describe("rampedSchedule", () => {
  it("climbs from 0 to the rate over the ramp, sending half as many as the full rate would, then holds the rate", () => {
    const { dueOf, rampCount } = rampedSchedule(1000, 3);
    expect(rampCount).toBe(1500);
    expect(dueOf(0)).toBe(0);
    expect(dueOf(rampCount)).toBeCloseTo(3000, 6);
    // After the ramp: one send a millisecond.
    expect(dueOf(rampCount + 1000) - dueOf(rampCount)).toBeCloseTo(1000, 6);
    // Within it the gaps shrink: the first second sends a ninth of the ramp's sends, the last five ninths.
    const by = (ms: number) => Array.from({ length: rampCount }, (_, i) => dueOf(i)).filter((t) => t < ms).length;
    expect(by(1000)).toBeCloseTo(rampCount / 9, -1);
    expect(rampCount - by(2000)).toBeCloseTo((rampCount * 5) / 9, -1);
    for (let i = 1; i < rampCount + 100; i++) expect(dueOf(i)).toBeGreaterThanOrEqual(dueOf(i - 1));
  });

  it("without a ramp sends at the rate from the start", () => {
    const { dueOf, rampCount } = rampedSchedule(200, 0);
    expect(rampCount).toBe(0);
    expect([dueOf(0), dueOf(1), dueOf(10)]).toEqual([0, 5, 50]);
  });
});
