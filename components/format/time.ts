// Times: relative for scanning ("3 min ago"), absolute for the tooltip (local and UTC).

const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "short" });
const abs = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium" });
const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const shortDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

export function formatRelative(iso: string, now: number): string {
  const diff = new Date(iso).getTime() - now;
  const a = Math.abs(diff);
  if (a < 10_000) return "just now";
  if (a < 60_000) return rtf.format(Math.round(diff / 1000), "second");
  if (a < 3_600_000) return rtf.format(Math.round(diff / 60_000), "minute");
  if (a < 86_400_000) return rtf.format(Math.round(diff / 3_600_000), "hour");
  return rtf.format(Math.round(diff / 86_400_000), "day");
}

export const formatAbsolute = (iso: string) => `${abs.format(new Date(iso))} (local) · ${iso}`;
export const formatDay = (iso: string) => day.format(new Date(iso));
/** 'YYYY-MM-DD' chart ticks → "3 Nov". */
export const formatShortDay = (ymd: string) => shortDay.format(new Date(ymd + "T00:00:00Z"));
const dateTime = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });
/** Local date and time to the second, for logs: "3 Nov 2025, 14:05:09". */
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
