import { describe, expect, it } from "vitest";
import { formatCover } from "./cover";

describe("formatCover", () => {
  it("shows one decimal below 10 days, zero included, so 0 and 8.2 read alike", () => {
    expect(formatCover(0)).toBe("0.0");
    expect(formatCover(0.04)).toBe("0.0");
    expect(formatCover(0.05)).toBe("0.1");
    expect(formatCover(8.2)).toBe("8.2");
    expect(formatCover(9.94)).toBe("9.9");
  });

  it("shows whole days from 10 on, grouped", () => {
    expect(formatCover(9.96)).toBe("10");
    expect(formatCover(39.3)).toBe("39");
    expect(formatCover(1204.4)).toBe("1,204");
  });

  it("shows ∞ when nothing sells", () => {
    expect(formatCover(null)).toBe("∞");
    expect(formatCover(Number.POSITIVE_INFINITY)).toBe("∞");
  });
});
