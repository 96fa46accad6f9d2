// One date-time reader for the canonical parser and every provider translator: ISO-8601 / RFC 3339
// as providers send it, with impossible calendar dates (2017-02-30), hours, minutes, seconds and
// offsets refused instead of rolled over (JavaScript's Date turns 30 February into 2 March).

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2}):?(\d{2}))?$/;

export interface IsoTimeOptions {
  /** "required" (the default): a zone (Z or ±hh:mm) must be given; "utc": a missing zone means UTC (WooCommerce's `*_gmt`). */
  zone?: "required" | "utc";
}

/** Milliseconds since the epoch, or null when `v` is not a real instant in this format. */
export function parseIsoTime(v: string, opts: IsoTimeOptions = {}): number | null {
  const m = ISO.exec(v);
  if (!m) return null;
  if (!m[8] && opts.zone !== "utc") return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  let offsetMinutes = 0;
  if (m[9]) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Number((m[7] ?? "0").padEnd(3, "0").slice(0, 3));
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const wall = new Date(0);
  wall.setUTCFullYear(y, mo - 1, d);
  wall.setUTCHours(h, mi, s, ms);
  return wall.getTime() - offsetMinutes * 60_000;
}

/** The instant as ISO-8601 UTC with Z (what the ledger stores), or null. */
export function isoTimeToUtc(v: string, opts: IsoTimeOptions = {}): string | null {
  const ms = parseIsoTime(v, opts);
  if (ms === null) return null;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
