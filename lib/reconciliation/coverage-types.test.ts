import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AGING_BUCKETS, bucketShares, countedWithin30, coverageUrl, describeAge } from "./coverage-types";

const buckets = (a: number, b: number, c: number, d: number) => ({ "0-7": a, "8-30": b, "31-90": c, ">90": d });

describe("bucketShares", () => {
  it("splits a location's rows into whole percents in bucket order", () => {
    expect(bucketShares(buckets(50, 25, 15, 10))).toEqual([
      { bucket: "0-7", n: 50, percent: 50 },
      { bucket: "8-30", n: 25, percent: 25 },
      { bucket: "31-90", n: 15, percent: 15 },
      { bucket: ">90", n: 10, percent: 10 },
    ]);
  });

  it("gives the leftover percent to the largest remainders (1/3 each: 34, 33, 33)", () => {
    expect(bucketShares(buckets(1, 1, 1, 0)).map((s) => s.percent)).toEqual([34, 33, 33, 0]);
  });

  it("is all zeros without rows (no division by zero)", () => {
    expect(bucketShares(buckets(0, 0, 0, 0)).map((s) => s.percent)).toEqual([0, 0, 0, 0]);
  });

  it("always adds up to 100, never goes negative, and keeps empty buckets at 0", () => {
    const n = fc.nat({ max: 100_000 });
    fc.assert(
      fc.property(n, n, n, n, (a, b, c, d) => {
        fc.pre(a + b + c + d > 0);
        const s = bucketShares(buckets(a, b, c, d));
        expect(s.map((x) => x.bucket)).toEqual([...AGING_BUCKETS]);
        expect(s.reduce((t, x) => t + x.percent, 0)).toBe(100);
        for (const x of s) {
          expect(x.percent).toBeGreaterThanOrEqual(0);
          if (x.n === 0) expect(x.percent).toBe(0);
        }
      }),
    );
  });
});

describe("countedWithin30", () => {
  it("is the share of rows in 0-7 and 8-30", () => {
    expect(countedWithin30(buckets(30, 30, 20, 20))).toBe(60);
    expect(countedWithin30(buckets(0, 0, 0, 0))).toBeNull();
  });
});

describe("coverageUrl", () => {
  it("builds the JSON and CSV addresses, with the location encoded", () => {
    expect(coverageUrl({})).toBe("/api/counts/coverage");
    expect(coverageUrl({ location: "wh-gdl", format: "csv" })).toBe("/api/counts/coverage?location=wh-gdl&format=csv");
    expect(coverageUrl({ location: "a b&c", limit: 50 })).toBe("/api/counts/coverage?location=a+b%26c&limit=50");
    expect(coverageUrl({ location: null, format: "csv" })).toBe("/api/counts/coverage?format=csv");
  });
});

describe("describeAge", () => {
  it("says never, today, yesterday or N days ago", () => {
    expect([null, 0, 1, 45].map(describeAge)).toEqual(["never counted", "today", "yesterday", "45 days ago"]);
  });
});
