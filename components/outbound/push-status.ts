import type { HealthVerdict } from "@/components/admin/health";
import type { OutboundHealth } from "@/client/api/types";
import { formatDuration } from "@/client/format/numbers";

export type PushState = "failing" | "retrying" | "sending" | "ok";

/** Problems first, so a folded busy list never hides one. */
export const PUSH_RANK: Record<PushState, number> = { failing: 0, retrying: 1, sending: 2, ok: 3 };

/**
 * Failing: the channel refused a push (a 4xx other than 429) and has not acknowledged one since.
 * Retrying: pushes wait after an error the dispatcher retries by itself (429, 5xx, no answer).
 * Sending: pushes queued with no error yet. OK: nothing waiting.
 */
export function pushState(c: OutboundHealth): PushState {
  if (c.failing) return "failing";
  if (c.pending > 0 && c.lastError) return "retrying";
  return c.pending > 0 ? "sending" : "ok";
}

/** The status pill: words and colour (HealthPill's styles), with why in the tooltip. */
export function pushVerdict(c: OutboundHealth, state: PushState): HealthVerdict {
  const waiting = `${c.pending} change${c.pending === 1 ? "" : "s"} waiting`;
  switch (state) {
    case "failing":
      return { level: "failing", label: "Failing", reasons: [`The channel refused a push: ${c.failing!.reason}`, waiting, "Retries continue; the next 2xx clears it"] };
    case "retrying":
      return { level: "quiet", label: "Retrying", reasons: [`Last error: ${c.lastError}`, waiting, "Retried after 1 s, 5 s, 30 s, 2 min, 5 min, then every 5 min"] };
    case "sending":
      return { level: "ok", label: "Sending", reasons: [waiting, "no error so far"] };
    default:
      return { level: "ok", label: "OK", reasons: ["every change acknowledged"] };
  }
}

/** docs/NUMBERS.md lag colours: normal under 1 min, amber up to 5 min, red above. */
export function lagTone(ms: number | null): string {
  if (ms === null) return "text-slate-400";
  return ms > 300_000 ? "text-rose-700" : ms > 60_000 ? "text-amber-700" : "text-slate-900";
}

const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" });
const dayClock = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

/** A past instant for "since …": local time, with the day when it was not today. */
export function formatSince(iso: string, now: number): string {
  const d = new Date(iso);
  return d.toDateString() === new Date(now).toDateString() ? clock.format(d) : dayClock.format(d);
}

/** Ages and waits in whole seconds under a minute: the data is polled every 5 s, tenths would be noise. */
export const formatAge = (ms: number) => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : formatDuration(ms));

/** When the next attempt runs: "in 4 s", or "due now" once its time has come (it is picked up within a second). */
export function formatNextAttempt(iso: string, now: number): string {
  const wait = Date.parse(iso) - now;
  return wait < 1000 ? "due now" : `in ${formatAge(Math.ceil(wait / 1000) * 1000)}`;
}
