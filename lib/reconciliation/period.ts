import { parseIsoTime } from "@/lib/events/parse-iso-time";
import { DAY_MS } from "@/lib/time/durations";

// Periods of the reconciliation reads: `from` inclusive, `to` exclusive, in UTC. A bare date means
// its whole day, so ?from=2026-11-01&to=2026-11-30 covers all of 30 November.

export const MAX_PERIOD_DAYS = 1100;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A bound as milliseconds: a date (YYYY-MM-DD, UTC midnight; as an end, the next midnight) or an ISO time with zone. */
export function parseBound(v: string, asEnd: boolean): number | null {
  if (DATE.test(v)) {
    const ms = parseIsoTime(`${v}T00:00:00Z`);
    return ms === null ? null : asEnd ? ms + DAY_MS : ms;
  }
  return parseIsoTime(v);
}

export type PeriodResult = { ok: true; from: number; to: number } | { ok: false; field: "from" | "to"; message: string };

/** The period asked for; default the 30 days up to `now`. */
export function resolvePeriod(q: { from?: string; to?: string }, now: number, defaultDays = 30): PeriodResult {
  const to = q.to === undefined ? now : parseBound(q.to, true);
  if (to === null) return { ok: false, field: "to", message: "to: not a date (YYYY-MM-DD) or an ISO-8601 time with a zone" };
  const from = q.from === undefined ? to - defaultDays * DAY_MS : parseBound(q.from, false);
  if (from === null) return { ok: false, field: "from", message: "from: not a date (YYYY-MM-DD) or an ISO-8601 time with a zone" };
  if (from >= to) return { ok: false, field: "from", message: "from: must be before to" };
  if (to - from > MAX_PERIOD_DAYS * DAY_MS) return { ok: false, field: "from", message: `from: a period is at most ${MAX_PERIOD_DAYS} days` };
  return { ok: true, from, to };
}

/**
 * How a period is read: the whole UTC days inside it from the daily rollup, the ragged edges from
 * the lines. `days` is [first day, end day) as YYYY-MM-DD (empty when first = end).
 */
export function splitPeriod(from: number, to: number): { days: [string, string]; edges: [[number, number], [number, number]] } {
  const firstDay = Math.ceil(from / DAY_MS) * DAY_MS;
  const endDay = Math.floor(to / DAY_MS) * DAY_MS;
  if (firstDay >= endDay)
    return {
      days: [ymd(firstDay), ymd(firstDay)],
      edges: [
        [from, to],
        [to, to],
      ],
    };
  return {
    days: [ymd(firstDay), ymd(endDay)],
    edges: [
      [from, firstDay],
      [endDay, to],
    ],
  };
}

export const ymd = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
