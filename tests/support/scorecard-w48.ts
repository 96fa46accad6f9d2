import type { Scorecard, ScorecardFigure } from "@/lib/contracts/scorecard";

// What the scorecard's unit tests share: a scorecard of week 2026-W48 and its figures' trends.

/** A figure's trend, oldest first from 2026-W37: eleven values are a full trend, the weeks W37…W47 before W48. */
export const trend = (values: (number | null)[]): ScorecardFigure["trend"] => values.map((value, i) => ({ week: `2026-W${String(37 + i).padStart(2, "0")}`, value }));

/** The scorecard of 2026-W48 in UTC (Monday 23 November to the next Monday) with these figures. */
export function scorecardW48(figures: ScorecardFigure[]): Scorecard {
  return { week: "2026-W48", from: "2026-11-23T00:00:00.000Z", to: "2026-11-30T00:00:00.000Z", timezone: "UTC", figures };
}
