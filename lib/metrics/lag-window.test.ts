import { describe, expect, it } from "vitest";
import { percentile } from "./percentile";
import { bucketFloorMs, bucketOf, LagWindow } from "./lag-window";

const NOW = Date.parse("2026-11-23T12:00:00.000Z");

describe("LagWindow", () => {
  it("gives the nearest-rank p50 and p95 of the window, exact below one second", () => {
    const w = new LagWindow(300);
    const lags = Array.from({ length: 200 }, (_, i) => (i * 37) % 900);
    lags.forEach((lag, i) => w.add(NOW - 1000 - i * 100, lag));
    expect(w.summary(NOW)).toEqual({ windowSeconds: 300, events: 200, p50Ms: percentile(lags, 50), p95Ms: percentile(lags, 95) });
  });

  it("forgets events received before the window", () => {
    const w = new LagWindow(300);
    w.add(NOW - 301_000, 5000);
    w.add(NOW - 10_000, 20);
    w.add(NOW - 9_000, 40);
    expect(w.summary(NOW)).toMatchObject({ events: 2, p50Ms: 20, p95Ms: 40 });
    expect(new LagWindow(300).summary(NOW)).toEqual({ windowSeconds: 300, events: 0, p50Ms: null, p95Ms: null });
  });

  it("reports seconds-long lags to 10 ms and minute-long lags to 1 s, clamping negatives to 0", () => {
    const w = new LagWindow(60);
    w.add(NOW, 12_345);
    expect(w.summary(NOW).p50Ms).toBe(12_340);
    const slow = new LagWindow(60);
    slow.add(NOW, 125_700);
    expect(slow.summary(NOW).p95Ms).toBe(125_000);
    const early = new LagWindow(60);
    early.add(NOW, -250);
    expect(early.summary(NOW).p50Ms).toBe(0);
  });

  it("buckets are monotonic and their floors never exceed the lag", () => {
    let prev = -1;
    for (const lag of [0, 1, 999, 1000, 1009, 1010, 59_999, 60_000, 61_000, 3_600_000, 9_999_999]) {
      const b = bucketOf(lag);
      expect(b).toBeGreaterThanOrEqual(prev);
      expect(bucketFloorMs(b)).toBeLessThanOrEqual(Math.min(lag, 3_600_000));
      prev = b;
    }
  });
});
