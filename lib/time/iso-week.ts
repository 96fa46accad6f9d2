import { TZDate } from "@date-fns/tz";
import { addWeeks, getISOWeek, getISOWeekYear, startOfISOWeek } from "date-fns";

// ISO weeks (Monday 00:00 to the next Monday 00:00) in a time zone, for the scorecard (docs/SCORECARD.md#figures).
// date-fns with @date-fns/tz does the calendar arithmetic in the zone, so a week that contains a
// daylight-saving change is 167 or 169 hours long, as it is on the wall clock there.

/** "2026-W48". */
export type IsoWeek = string;

const WEEK = /^(\d{4})-W(\d{2})$/;

/** Whether `tz` is an IANA zone this runtime knows ("UTC", "America/Mexico_City"). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The ISO week `instant` falls in, in `tz`. */
export function weekOf(instant: Date | number, tz: string): IsoWeek {
  const d = new TZDate(typeof instant === "number" ? instant : instant.getTime(), tz);
  return `${getISOWeekYear(d)}-W${String(getISOWeek(d)).padStart(2, "0")}`;
}

/** "2026-W48" → { year, week }, or null when malformed or a week that year does not have (W53 of a 52-week year). */
export function parseIsoWeek(text: string): { year: number; week: number } | null {
  const m = WEEK.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > 53 || year < 1970 || year > 9999) return null;
  // 28 December is always in the last ISO week of its year.
  if (week > getISOWeek(new Date(Date.UTC(year, 11, 28)))) return null;
  return { year, week };
}

/** [from, to) of an ISO week in `tz`: Monday 00:00 local to the next Monday 00:00 local. */
export function weekRange(week: IsoWeek, tz: string): { from: Date; to: Date } {
  const p = parseIsoWeek(week);
  if (!p) throw new RangeError(`not an ISO week: ${week}`);
  // 4 January is always in week 1; its Monday, plus (week − 1) weeks, in the zone's calendar.
  const jan4 = new TZDate(p.year, 0, 4, 12, 0, 0, tz);
  const from = addWeeks(startOfISOWeek(jan4), p.week - 1);
  const to = addWeeks(from, 1);
  return { from: new Date(from.getTime()), to: new Date(to.getTime()) };
}

/** The week `n` weeks after (negative: before) `week`. */
export function shiftWeek(week: IsoWeek, n: number, tz: string): IsoWeek {
  const { from } = weekRange(week, tz);
  // Noon on Wednesday of that week, moved by whole weeks in the zone: never lands on an edge.
  const mid = addWeeks(new TZDate(from.getTime() + 2.5 * 86_400_000, tz), n);
  return weekOf(mid, tz);
}

/** The last week that has ended by `now` in `tz` (the scorecard's default). */
export function lastCompleteWeek(now: Date | number, tz: string): IsoWeek {
  return shiftWeek(weekOf(now, tz), -1, tz);
}

/** The `n` weeks before `week`, oldest first. */
export function weeksBefore(week: IsoWeek, n: number, tz: string): IsoWeek[] {
  return Array.from({ length: n }, (_, i) => shiftWeek(week, i - n, tz));
}
