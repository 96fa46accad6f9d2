import { describe, expect, it } from "vitest";
import { effectiveLatency, latencyDays } from "./effective-latency";
import { cmp, rat } from "./rational";

describe("effective latency (docs/CHANNEL-RULES.md)", () => {
  it("is the measured p95 once measured, else the configured minutes, else none", () => {
    expect(effectiveLatency(15, { acks: 312, p95Ms: 1_200_000 })).toEqual({ source: "measured", ms: 1_200_000, acks: 312 });
    expect(effectiveLatency(15)).toEqual({ source: "configured", ms: 900_000 });
    expect(effectiveLatency(null)).toEqual({ source: "none", ms: null });
  });

  it("in days exactly as the buffer had it: configured minutes over 1,440", () => {
    expect(cmp(latencyDays(effectiveLatency(720)), rat(720, 1440))).toBe(0);
    expect(cmp(latencyDays(effectiveLatency(null)), rat(0))).toBe(0);
    expect(cmp(latencyDays(effectiveLatency(null, { acks: 20, p95Ms: 43_200_000 })), rat(1, 2))).toBe(0);
  });
});
