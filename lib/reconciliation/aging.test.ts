import { describe, expect, it } from "vitest";
import { agingBucket, bucketOfDays } from "./aging";
import { DAY_MS as DAY } from "@/lib/time/durations";

const t0 = Date.UTC(2026, 0, 1);

describe("aging buckets (docs/RECONCILIATION.md#numbers)", () => {
  it("cuts at whole days 7/8, 30/31, 90/91", () => {
    expect([0, 7, 8, 30, 31, 90, 91, 400].map(bucketOfDays)).toEqual(["0-7", "0-7", "8-30", "8-30", "31-90", "31-90", ">90", ">90"]);
  });
  it("floors partial days: 7 days 23 h is still 0-7, 8 days exactly is 8-30", () => {
    expect(agingBucket(t0 + 8 * DAY - 3_600_000, t0)).toBe("0-7");
    expect(agingBucket(t0 + 8 * DAY, t0)).toBe("8-30");
    expect(agingBucket(t0 + 91 * DAY - 1, t0)).toBe("31-90");
    expect(agingBucket(t0 + 91 * DAY, t0)).toBe(">90");
  });
  it("a first count (no previous) is >90", () => {
    expect(agingBucket(t0, null)).toBe(">90");
  });
});
