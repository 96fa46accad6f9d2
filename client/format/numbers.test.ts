import { describe, expect, it } from "vitest";
import { formatDuration, formatInt, formatRate, formatSigned } from "./numbers";

describe("table number formats", () => {
  it("groups integers and uses a true minus sign", () => {
    expect(formatInt(1234567)).toBe("1,234,567");
    expect(formatInt(-12)).toBe("−12");
    expect(formatSigned(3)).toBe("+3");
    expect(formatSigned(0)).toBe("0");
    expect(formatSigned(-2)).toBe("−2");
  });

  it("gives rates one decimal, and a bare 0", () => {
    expect(formatRate(0)).toBe("0");
    expect(formatRate(2.25)).toBe("2.3");
    expect(formatRate(1000)).toBe("1,000.0");
  });

  it("picks the unit of a duration by its size, signed, and a dash for none", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(340)).toBe("340 ms");
    expect(formatDuration(2_400)).toBe("2.4 s");
    expect(formatDuration(12_400)).toBe("12 s");
    expect(formatDuration(-180_000)).toBe("−3 min");
    expect(formatDuration(5 * 3_600_000)).toBe("5 h");
    expect(formatDuration(12 * 86_400_000)).toBe("12 d");
  });
});
