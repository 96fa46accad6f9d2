// Times: relative for scanning ("3 min ago"), absolute for the tooltip (local and UTC).

const abs = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium" });
const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const shortDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** "3 min. ago", "in 1 day" (lib/format/relative-time.ts: one format for past and future). */
export { formatRelative } from "@/lib/format/relative-time";

export const formatAbsolute = (iso: string) => `${abs.format(new Date(iso))} (local) · ${iso}`;
export const formatDay = (iso: string) => day.format(new Date(iso));
/** 'YYYY-MM-DD' chart ticks → "3 Nov". */
export const formatShortDay = (ymd: string) => shortDay.format(new Date(`${ymd}T00:00:00Z`));
const dateTime = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });
/** Local date and time to the second, for logs: "3 Nov 2025, 14:05:09". */
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
