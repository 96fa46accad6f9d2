import type { Pause } from "@/client/api/types";

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

/**
 * The Pause button's words and its accessible name, which starts with the words (WCAG 2.5.3) and
 * then says what it pauses: "Pause channel" → "Pause channel web (every SKU)".
 */
export function pauseButtonText(channel?: string, sku?: string): { text: string; name: string } {
  if (channel && !sku) return { text: "Pause channel", name: `Pause channel ${scopeText(channel)}` };
  if (sku && !channel) return { text: "Pause on every channel", name: `Pause on every channel: ${sku}` };
  return { text: "Pause", name: `Pause ${scopeText(channel, sku)}` };
}

/** Resume, likewise: "Resume" → "Resume web (every SKU)". */
export const resumeButtonText = (channel?: string, sku?: string) => ({ text: "Resume", name: `Resume ${scopeText(channel, sku)}` });

/** The pause that holds a number at 0: a whole-channel, whole-SKU or exact (channel, SKU) one. */
export const coveringPause = (pauses: readonly Pause[] | undefined, channel: string, sku: string): PauseInfo | null => {
  const p = pauses?.find((x) => (x.channel === null || x.channel === channel) && (x.sku === null || x.sku === sku));
  return p ? { reason: p.reason, by: p.createdBy, until: p.until } : null;
};

/** `pausedBy` from a stock row or SKU channel when the server sends it (older payloads only say `paused`). */
export const pausedByOf = (c: object): PauseInfo | null => (c as { pausedBy?: PauseInfo | null }).pausedBy ?? null;
