import { describe, expect, it } from "vitest";
import { formatCover } from "./cover";

describe("formatCover", () => {
  it("shows one decimal below 10 days, zero included, so 0 and 8.2 read alike", () => {
    expect([0, 0.04, 0.05, 8.2, 9.94].map(formatCover)).toEqual(["0.0", "0.0", "0.1", "8.2", "9.9"]);
  });

  it("shows whole days from 10 on, grouped", () => {
    expect([9.96, 39.3, 1204.4].map(formatCover)).toEqual(["10", "39", "1,204"]);
  });

  it("shows ∞ when nothing sells", () => {
    expect(formatCover(null)).toBe("∞");
    expect(formatCover(Number.POSITIVE_INFINITY)).toBe("∞");
  });
});
