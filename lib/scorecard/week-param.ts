import { parseIsoWeek } from "../time/iso-week";

/** Why `text` is not an ISO week the scorecard can answer, or null when it is one ("2026-W48"). */
export function isoWeekLabel(text: string): string | null {
  if (!/^\d{4}-W\d{2}$/.test(text)) return 'expected an ISO week like "2026-W48"';
  if (!parseIsoWeek(text)) return `${text} does not exist (that year has no such week)`;
  // The trend reaches 11 weeks back, and ISO weeks are reckoned from 1970.
  if (Number(text.slice(0, 4)) < 1971) return "the scorecard starts in 1971 (each week shows the 11 before it)";
  return null;
}
