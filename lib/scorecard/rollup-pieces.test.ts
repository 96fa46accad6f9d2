import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS as H } from "@/lib/time/durations";
import { onQuarterGrid, QUARTER_MS, rollupPieces, type RollupPiece } from "./rollup-pieces";

const t = (iso: string) => Date.parse(iso);

/** Σ sign × (what the pieces cover of) one instant: 1 inside the week, 0 outside, for every 15-minute bucket. */
function coverage(pieces: readonly RollupPiece[], bucket: number): number {
  let n = 0;
  for (const p of pieces) {
    const start = p.grain === "d" ? Math.floor(bucket / DAY_MS) * DAY_MS : bucket;
    if (start >= p.from && start < p.to) n += p.sign;
  }
  return n;
}

describe("rollupPieces", () => {
  it("a week that starts at UTC midnight is read from whole days only", () => {
    expect(rollupPieces([{ from: t("2026-11-30T00:00:00Z"), to: t("2026-12-07T00:00:00Z") }])).toEqual([
      { week: 1, grain: "d", from: t("2026-11-30T00:00:00Z"), to: t("2026-12-07T00:00:00Z"), sign: 1 },
    ]);
  });

  it("Asia/Kolkata (+5:30): each edge adds or takes back at most 12 hours of 15-minute rows", () => {
    const from = t("2026-11-29T18:30:00Z");
    const to = t("2026-12-06T18:30:00Z");
    const pieces = rollupPieces([{ from, to }]);
    expect(pieces).toContainEqual({ week: 1, grain: "q", from, to: t("2026-11-30T00:00:00Z"), sign: 1 });
    expect(pieces).toContainEqual({ week: 1, grain: "q", from: to, to: t("2026-12-07T00:00:00Z"), sign: -1 });
    for (const p of pieces) if (p.grain === "q") expect(p.to - p.from).toBeLessThanOrEqual(12 * H);
  });

  it("every 15-minute bucket counts exactly once inside each week and never outside, whatever the edges", () => {
    // A DST week in Madrid (169 h), Kathmandu (+5:45), Chatham (+13:45), a near-midnight edge and a near-noon one.
    const cases = [
      { from: t("2026-10-18T22:00:00Z"), to: t("2026-10-25T23:00:00Z") },
      { from: t("2026-11-29T18:15:00Z"), to: t("2026-12-06T18:15:00Z") },
      { from: t("2026-11-29T10:15:00Z"), to: t("2026-12-06T10:15:00Z") },
      { from: t("2026-11-29T23:45:00Z"), to: t("2026-12-06T00:15:00Z") },
      { from: t("2026-11-29T12:00:00Z"), to: t("2026-12-06T11:45:00Z") },
    ];
    for (const c of cases) {
      const pieces = rollupPieces([c]);
      for (let b = c.from - 2 * DAY_MS; b < c.to + 2 * DAY_MS; b += QUARTER_MS) {
        expect(coverage(pieces, b), new Date(b).toISOString()).toBe(b >= c.from && b < c.to ? 1 : 0);
      }
    }
  });

  it("numbers the weeks in order", () => {
    const ranges = [
      { from: 0, to: 7 * DAY_MS },
      { from: 7 * DAY_MS, to: 14 * DAY_MS },
    ];
    expect(rollupPieces(ranges).map((p) => p.week)).toEqual([1, 2]);
  });

  it("onQuarterGrid: edges off the 15-minute grid (a zone of the past, +5:53:28) are refused", () => {
    expect(onQuarterGrid([{ from: t("2026-11-29T18:30:00Z"), to: t("2026-12-06T18:30:00Z") }])).toBe(true);
    expect(onQuarterGrid([{ from: t("2026-11-29T18:06:32Z"), to: t("2026-12-06T18:06:32Z") }])).toBe(false);
  });
});
