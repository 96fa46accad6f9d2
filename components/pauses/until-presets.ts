// "Until" choices for a pause. The form holds a datetime-local value ("YYYY-MM-DDTHH:mm", local time);
// empty means it stays paused until someone resumes it.

const pad = (n: number) => String(n).padStart(2, "0");

export const toLocalInput = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

export const UNTIL_PRESETS: { label: string; at(now: number): Date }[] = [
  { label: "1 h", at: (now) => new Date(now + 3_600_000) },
  { label: "4 h", at: (now) => new Date(now + 4 * 3_600_000) },
  {
    label: "Tomorrow 9:00",
    at: (now) => {
      const d = new Date(now);
      d.setDate(d.getDate() + 1);
      d.setHours(9, 0, 0, 0);
      return d;
    },
  },
];

/** The ISO instant of a datetime-local value, or null when empty or unreadable. */
export function untilIso(local: string): string | null {
  if (!local) return null;
  const t = new Date(local).getTime();
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export const REASON_PICKS = ["Supplier issue", "Listing problem", "Stock audit"] as const;
