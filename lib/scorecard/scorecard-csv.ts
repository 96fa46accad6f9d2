import type { Scorecard } from "./types";

/** The scorecard as CSV (RFC 4180): a header row, then one row per figure × channel. */
export function scorecardCsv(_s: Scorecard): string {
  throw new Error("scorecardCsv: not built yet (issue 16)");
}
