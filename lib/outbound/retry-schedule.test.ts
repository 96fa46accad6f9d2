import { describe, expect, it } from "vitest";
import { parseRetryAfter, retryDelayMs } from "./retry-schedule";

describe("retryDelayMs", () => {
  const mid = () => 0.5; // no jitter

  it("follows 1 s, 5 s, 30 s, 2 min, 5 min, then every 5 min", () => {
    expect([1, 2, 3, 4, 5, 6, 40].map((n) => retryDelayMs(n, mid))).toEqual([1000, 5000, 30000, 120000, 300000, 300000, 300000]);
  });

  it("jitters within ±20 %", () => {
    expect(retryDelayMs(2, () => 0)).toBe(4000);
    expect(retryDelayMs(2, () => 0.999999)).toBe(6000);
  });

  it("never retries sooner than Retry-After asks, up to an hour", () => {
    expect(retryDelayMs(1, mid, 20_000)).toBe(20_000);
    expect(retryDelayMs(5, mid, 2_000)).toBe(300_000);
    expect(retryDelayMs(1, mid, 86_400_000)).toBe(3_600_000);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("7", 0)).toBe(7000);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:10 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(10_000);
    expect(parseRetryAfter("soon", 0)).toBeNull();
    expect(parseRetryAfter(null, 0)).toBeNull();
  });
});
