import type { Pause } from "@/components/api/types";

/** What a paused number shows about its pause, whichever payload it came from. */
export interface PauseInfo {
  reason: string;
  by?: string | null;
  until: string | null;
}

const short = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

export const formatUntil = (iso: string | null) => (iso ? `until ${short.format(new Date(iso))}` : "until resumed");

/** "by Ana · Supplier issue · until Tue 4 Nov, 09:00" */
export const pauseSummary = (p: PauseInfo) => [p.by ? `by ${p.by}` : null, p.reason, formatUntil(p.until)].filter(Boolean).join(" · ");

/** What a pause covers, in words, for labels ("Pause SKU-1 on every channel"). */
export function scopeText(channel?: string, sku?: string): string {
  if (channel && sku) return `${sku} on ${channel}`;
  if (sku) return `${sku} on every channel`;
  if (channel) return `${channel} (every SKU)`;
  return "everything";
}

/** The pause that holds a number at 0: a whole-channel, whole-SKU or exact (channel, SKU) one. */
export const coveringPause = (pauses: readonly Pause[] | undefined, channel: string, sku: string): PauseInfo | null => {
  const p = pauses?.find((x) => (x.channel === null || x.channel === channel) && (x.sku === null || x.sku === sku));
  return p ? { reason: p.reason, by: p.createdBy, until: p.until } : null;
};

/** `pausedBy` from a stock row or SKU channel when the server sends it (older payloads only say `paused`). */
export const pausedByOf = (c: object): PauseInfo | null => (c as { pausedBy?: PauseInfo | null }).pausedBy ?? null;
