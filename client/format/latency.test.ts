import { describe, expect, it } from "vitest";
import { formatLatency, latencySourceText, latencyText } from "./latency";

describe("a channel's latency, as people read it", () => {
  it("in minutes, seconds under a minute, hours and days when long; never fractions of a day", () => {
    expect(formatLatency(20 * 60_000)).toBe("20 min");
    expect(formatLatency(60_000)).toBe("1 min");
    expect(formatLatency(45_000)).toBe("45 s");
    expect(formatLatency(14_400)).toBe("14 s");
    expect(formatLatency(400)).toBe("under 1 s");
    expect(formatLatency(0)).toBe("0 s");
    expect(formatLatency(59 * 60_000 + 50_000)).toBe("1 h");
    expect(formatLatency(90 * 60_000)).toBe("1.5 h");
    expect(formatLatency(12 * 3_600_000)).toBe("12 h");
    expect(formatLatency(24 * 3_600_000)).toBe("1 day");
    expect(formatLatency(36 * 3_600_000)).toBe("1.5 days");
  });

  it("says where it comes from", () => {
    expect(latencySourceText({ source: "measured", ms: 1_200_000, acks: 1312 })).toBe("measured p95 over 24 h, 1,312 acks");
    expect(latencySourceText({ source: "configured", ms: 60_000 })).toBe("configured");
    expect(latencyText({ source: "measured", ms: 1_200_000, acks: 312 })).toBe("20 min (measured p95 over 24 h, 312 acks)");
    expect(latencyText({ source: "configured", ms: 60_000 })).toBe("1 min (configured)");
    expect(latencyText({ source: "none", ms: null })).toBe("none (not configured, not measured yet)");
  });
});
