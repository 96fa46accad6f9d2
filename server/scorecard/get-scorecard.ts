import "server-only";
import type pg from "pg";
import type { Scorecard } from "@/lib/scorecard/types";

export interface ScorecardOptions {
  /** "2026-W48"; default: the last complete week in `timezone` at `now`. */
  week?: string;
  /** IANA zone (env ONEPOOL_TIMEZONE). */
  timezone: string;
  now?: number;
}

/** DESIGN §6.3: every figure of an ISO week, per channel and in total, each with the 11 weeks before. */
export async function getScorecard(_pool: pg.Pool, _opts: ScorecardOptions): Promise<Scorecard> {
  throw new Error("getScorecard: not built yet (issue 16)");
}
