import { DAY_MS, MINUTE_MS } from "@/lib/time/durations";

// How a week is read from the scorecard's two-grain rollups (docs/SCORECARD.md, "Rollups"): whole
// UTC days from the 'd' rows, and each edge's part-day from the 15-minute 'q' rows, added or, when
// more than half the day, taken away from the whole day. A week of a zone whose weeks start at UTC
// midnight reads days only; any other zone reads at most 12 hours of 15-minute rows per edge.

export const QUARTER_MS = 15 * MINUTE_MS;

export interface RollupPiece {
  /** 1-based index of the week the piece counts in. */
  week: number;
  grain: "q" | "d";
  /** [from, to) in ms; rows whose bucket starts in it. */
  from: number;
  to: number;
  /** +1 adds the rows, −1 takes them away. */
  sign: 1 | -1;
}

/** Whether every edge is on the 15-minute grid the rollups are kept in (every real zone's is). */
export const onQuarterGrid = (ranges: readonly { from: number; to: number }[]): boolean => ranges.every((r) => r.from % QUARTER_MS === 0 && r.to % QUARTER_MS === 0);

const floorDay = (t: number) => Math.floor(t / DAY_MS) * DAY_MS;
const ceilDay = (t: number) => Math.ceil(t / DAY_MS) * DAY_MS;

/** The pieces of rollup rows that add up to exactly each range (ranges on the 15-minute grid, each over a day long). */
export function rollupPieces(ranges: readonly { from: number; to: number }[]): RollupPiece[] {
  const out: RollupPiece[] = [];
  ranges.forEach(({ from, to }, i) => {
    const week = i + 1;
    const add = (grain: "q" | "d", a: number, b: number, sign: 1 | -1) => {
      if (a < b) out.push({ week, grain, from: a, to: b, sign });
    };
    let days0 = ceilDay(from);
    let days1 = floorDay(to);
    if (days0 - from > DAY_MS / 2) {
      days0 -= DAY_MS;
      add("q", days0, from, -1);
    } else add("q", from, days0, 1);
    if (to - days1 > DAY_MS / 2) {
      days1 += DAY_MS;
      add("q", to, days1, -1);
    } else add("q", days1, to, 1);
    add("d", days0, days1, 1);
  });
  return out;
}
