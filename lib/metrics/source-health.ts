// How healthy a connector source is, in one word and its reasons: the rule behind the dashboard's
// source strip and the Sources page (webhook sources and canonical senders alike). Pure.

/** A source that sent no event for this long is "quiet" (amber). */
export const QUIET_AFTER_MS = 15 * 60_000;
/** A source registered this recently that has not sent anything yet is waiting, not quiet: nobody has wired it up yet. */
export const FIRST_EVENT_GRACE_MS = 24 * 3_600_000;
/** Above this share of failed deliveries (or rejected events) in the last hour, a source is failing (red). */
export const ERROR_RATE_LIMIT = 0.05;

/** "waiting" is neutral: a new source before its first event is not a problem (and not counted as one). */
export type HealthLevel = "ok" | "waiting" | "quiet" | "failing";

export interface HealthVerdict {
  level: HealthLevel;
  label: string;
  /** Why, in words (tooltips and screen readers). */
  reasons: string[];
}

/** What a registered webhook source's health reads (GET /api/sources). */
export interface WebhookHealthInput {
  errorRate: number;
  signatureFailures24h: number;
  /** The last delivery with accepted events, within the last 24 h. */
  lastEventAt: string | null;
  rateLimitedSinceStart: number;
}

/** Problems first: the order of the strip and the default order of lists. */
export const HEALTH_RANK: Record<HealthLevel, number> = { failing: 0, quiet: 1, waiting: 2, ok: 3 };

export const isProblem = (level: HealthLevel) => level === "failing" || level === "quiet";

/** 0.0523 → "5.2 %"; 0 → "0 %". */
export const formatPercent = (r: number) => (r === 0 ? "0 %" : `${(r * 100).toFixed(r < 0.1 ? 1 : 0)} %`);

/** A duration in the largest whole unit: "16 min", "3 h", "2 d". */
export function formatAge(ms: number): string {
  if (ms < 3_600_000) return `${Math.max(1, Math.round(ms / 60_000))} min`;
  if (ms < 86_400_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} d`;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/**
 * A registered webhook source. Red: error rate over 5 % or any signature failure in 24 h (named first:
 * a security event, and a refused delivery also counts in the error rate). Amber: no event for
 * 15 min, or throttled. Neutral "Waiting for first event": registered under 24 h ago and nothing
 * accepted yet (after 24 h with nothing it is Quiet).
 */
export function judgeHealth(h: WebhookHealthInput, createdAt: string, now: number): HealthVerdict {
  const red: string[] = [];
  const amber: string[] = [];
  if (h.errorRate > ERROR_RATE_LIMIT) red.push(`${formatPercent(h.errorRate)} of deliveries failed in the last hour`);
  if (h.signatureFailures24h > 0) red.push(`${plural(h.signatureFailures24h, "signature failure")} in 24 h`);
  const age = h.lastEventAt ? now - Date.parse(h.lastEventAt) : null;
  const sinceCreated = now - Date.parse(createdAt);
  const waiting = age === null && sinceCreated < FIRST_EVENT_GRACE_MS;
  const silent = age === null ? !waiting : age > QUIET_AFTER_MS;
  if (silent) amber.push(age === null ? "no event in the last 24 h" : `no event for ${formatAge(age)}`);
  if (h.rateLimitedSinceStart > 0) amber.push(`${plural(h.rateLimitedSinceStart, "request")} refused by the rate limit since the server started`);
  if (red.length) return { level: "failing", label: h.signatureFailures24h > 0 ? "Signature failures" : "Errors", reasons: [...red, ...amber] };
  if (amber.length) return { level: "quiet", label: silent ? "Quiet" : "Throttled", reasons: amber };
  if (waiting) return { level: "waiting", label: "Waiting for first event", reasons: [`registered ${formatAge(sinceCreated)} ago; no event yet (quiet after 24 h with nothing)`] };
  return { level: "ok", label: "OK", reasons: ["events arriving, no errors"] };
}

/** What a canonical sender's health reads (lib/metrics/sender-activity.ts). */
export interface SenderHealthInput {
  errorRate: number;
  eventsLastHour: number;
  rejectedLastHour: number;
  /** The last event taken (applied, parked or a repeat); rejected ones do not count. */
  lastEventAt: string | null;
}

/**
 * A canonical sender (POST /api/events). It only exists once it has sent something, so it never
 * waits. Red: more than 5 % of its events in the last hour rejected. Amber: no event taken for 15 min.
 */
export function judgeSender(s: SenderHealthInput, now: number): HealthVerdict {
  const reasons: string[] = [];
  const age = s.lastEventAt ? now - Date.parse(s.lastEventAt) : null;
  const failing = s.errorRate > ERROR_RATE_LIMIT;
  if (failing) reasons.push(`${plural(s.rejectedLastHour, "event")} of ${s.eventsLastHour} rejected in the last hour (${formatPercent(s.errorRate)})`);
  if (age === null) reasons.push("no event taken in the last hour");
  else if (age > QUIET_AFTER_MS) reasons.push(`no event for ${formatAge(age)}`);
  if (failing) return { level: "failing", label: "Errors", reasons };
  if (reasons.length) return { level: "quiet", label: "Quiet", reasons };
  return { level: "ok", label: "OK", reasons: ["events arriving, none rejected"] };
}
