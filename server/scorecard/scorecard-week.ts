import "server-only";
import { isoWeekLabel } from "@/lib/scorecard/week-param";
import { lastCompleteWeek, weekRange } from "@/lib/time/iso-week";
import { jsonError } from "@/server/http/route-helpers";

/**
 * The `week` query parameter of the scorecard routes: absent = the last complete week; malformed,
 * nonexistent (W53 of a 52-week year) or not yet begun = 400 naming the field.
 */
export function scorecardWeek(week: string | undefined, tz: string, now = Date.now()): { ok: true; week: string } | { ok: false; response: Response } {
  if (week === undefined) return { ok: true, week: lastCompleteWeek(now, tz) };
  const problem = isoWeekLabel(week);
  if (problem) return { ok: false, response: jsonError(400, "invalid_field", `week: ${problem}`, { field: "week" }) };
  if (weekRange(week, tz).from.getTime() > now) return { ok: false, response: jsonError(400, "invalid_field", `week: ${week} has not begun yet`, { field: "week" }) };
  return { ok: true, week };
}
