import { TZDate } from "@date-fns/tz";
import { lastCompleteWeek, weekOf, weekRange, type IsoWeek } from "@/lib/time/iso-week";

// When the weekly scorecard e-mail goes out (docs/SCORECARD.md#figures): Monday 08:00 local time, for the week
// that just ended. Pure, so the scheduler's rule is tested without a clock.

export const SEND_HOUR = 8;

/** Monday 08:00 on the wall clock in `tz` of `week`. 08:00 local, not Monday 00:00 + 8 h: a DST change can fall in between. */
export function sendTimeOf(week: IsoWeek, tz: string): Date {
  const monday = new TZDate(weekRange(week, tz).from.getTime(), tz);
  const at = new TZDate(monday.getFullYear(), monday.getMonth(), monday.getDate(), SEND_HOUR, 0, 0, tz);
  return new Date(at.getTime());
}

/**
 * The week whose e-mail is due at `now`: the last complete week once this week's Monday 08:00 has
 * passed, else null (Monday before 08:00: last week's mail is not due yet, and the week before it
 * is not sent late — after an outage only the current last complete week goes out).
 */
export function dueWeek(now: Date | number, tz: string): IsoWeek | null {
  const t = typeof now === "number" ? now : now.getTime();
  return t >= sendTimeOf(weekOf(t, tz), tz).getTime() ? lastCompleteWeek(t, tz) : null;
}
