import { describe, expect, it } from "vitest";
import { parseRetryAfter, parseRetryAfterSeconds, retryDelayMs } from "./retry-schedule";

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

  it("takes fractional seconds, rounded up, and never reads a number as a date", () => {
    expect(parseRetryAfter("2.0", 0)).toBe(2000);
    expect(parseRetryAfter(" 1.5 ", 0)).toBe(1500);
    expect(parseRetryAfter("0.0001", 0)).toBe(1);
    // Date.parse reads these as days in 2000/2001; a Retry-After of that shape is unreadable, not "now".
    expect(parseRetryAfter("-1", 0)).toBeNull();
    expect(parseRetryAfter("1.5.2", 0)).toBeNull();
  });

  it("a date in the past means now", () => {
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:10 GMT", Date.parse("Wed, 21 Oct 2015 08:00:00 GMT"))).toBe(0);
  });
});

describe("parseRetryAfterSeconds", () => {
  it("reads only the delay-seconds form", () => {
    expect(parseRetryAfterSeconds("2")).toBe(2000);
    expect(parseRetryAfterSeconds("2.0")).toBe(2000);
    expect(parseRetryAfterSeconds("0.25")).toBe(250);
    expect(parseRetryAfterSeconds("Wed, 21 Oct 2015 07:28:10 GMT")).toBeNull();
    expect(parseRetryAfterSeconds("")).toBeNull();
    expect(parseRetryAfterSeconds(undefined)).toBeNull();
    expect(parseRetryAfterSeconds("2s")).toBeNull();
  });
});
