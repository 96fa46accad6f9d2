// What an alert destination receives for one (kind, window) group (docs/ALERTS.md "Destinations").
// Pure.

import { ALERT_KIND_LABELS, type AlertKind } from "./kinds";

export interface AlertSubject {
  sku?: string;
  channel?: string;
  location?: string;
  source?: string;
  listing?: { channel: string; externalId: string };
}

/** One turn of one alert, as a destination lists it. */
export interface AlertTurn {
  alertId: string;
  change: "opened" | "reopened" | "resolved";
  at: string;
  subject: AlertSubject;
  value: Record<string, unknown>;
}

export interface AlertMessage {
  type: "alerts.grouped";
  destination: string;
  kind: AlertKind;
  /** The first and last turn the message reports. */
  from: string;
  to: string;
  /** Alerts that opened (or opened again) in the window, each once (its latest turn). */
  opened: AlertTurn[];
  /** Alerts that resolved in the window, each once. */
  resolved: AlertTurn[];
  /** How many more were left out of each list (lists are capped at MAX_LISTED). */
  omitted: { opened: number; resolved: number };
}

/** A webhook body stays well under common receivers' limits (Slack: 40,000 characters of text). */
export const MAX_LISTED = 100;
/** Slack lines listed per section before "and N more". */
export const SLACK_LISTED = 10;

/** Turns in any order → one message: the latest turn per alert per list, oldest first, capped. */
export function groupTurns(destination: string, kind: AlertKind, turns: readonly AlertTurn[]): AlertMessage | null {
  if (turns.length === 0) return null;
  const sorted = [...turns].sort((a, b) => a.at.localeCompare(b.at) || Number(BigInt(a.alertId) - BigInt(b.alertId)));
  // Deleted before set: an alert takes the place of its latest turn.
  const latest = (list: AlertTurn[]) => {
    const m = new Map<string, AlertTurn>();
    for (const t of list) {
      m.delete(t.alertId);
      m.set(t.alertId, t);
    }
    return [...m.values()];
  };
  const opened = latest(sorted.filter((t) => t.change !== "resolved"));
  const resolved = latest(sorted.filter((t) => t.change === "resolved"));
  return {
    type: "alerts.grouped",
    destination,
    kind,
    from: sorted[0].at,
    to: sorted[sorted.length - 1].at,
    opened: opened.slice(0, MAX_LISTED),
    resolved: resolved.slice(0, MAX_LISTED),
    omitted: { opened: Math.max(0, opened.length - MAX_LISTED), resolved: Math.max(0, resolved.length - MAX_LISTED) },
  };
}

/** "SKU A-1 × channel shop", "listing shop/123", "source erp". */
export function subjectLabel(s: AlertSubject): string {
  const parts: string[] = [];
  if (s.source) parts.push(`source ${s.source}`);
  if (s.sku) parts.push(`SKU ${s.sku}`);
  if (s.location) parts.push(`location ${s.location}`);
  if (s.channel) parts.push(`channel ${s.channel}`);
  if (s.listing) parts.push(`listing ${s.listing.channel}/${s.listing.externalId}`);
  return parts.join(" × ") || "(no subject)";
}

/** The one detail worth a glance in a chat line (the reorder suggestion); none for the others. */
function detail(kind: AlertKind, t: AlertTurn): string {
  if (kind === "low_cover" && typeof t.value.suggestedQuantity === "number") return ` (reorder ${t.value.suggestedQuantity})`;
  return "";
}

const escapeSlack = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A Slack-compatible incoming webhook body: `{ text }`, readable, subjects listed up to SLACK_LISTED each. */
export function slackText(m: AlertMessage): string {
  const total = (list: AlertTurn[], omitted: number) => list.length + omitted;
  const opened = total(m.opened, m.omitted.opened);
  const resolved = total(m.resolved, m.omitted.resolved);
  const counts = [opened && `${opened} opened`, resolved && `${resolved} resolved`].filter(Boolean).join(", ");
  const lines = [`*Onepool — ${ALERT_KIND_LABELS[m.kind]}* (\`${m.kind}\`): ${counts}`];
  const section = (title: string, list: AlertTurn[], n: number) => {
    if (n === 0) return;
    lines.push(`${title}:`);
    for (const t of list.slice(0, SLACK_LISTED)) lines.push(`• ${escapeSlack(subjectLabel(t.subject))}${detail(m.kind, t)}`);
    if (n > SLACK_LISTED) lines.push(`… and ${n - SLACK_LISTED} more`);
  };
  section("Opened", m.opened, opened);
  section("Resolved", m.resolved, resolved);
  return lines.join("\n");
}

/** The Standard Webhooks id of a delivery: the same across its retries. */
export const alertMessageId = (deliveryId: string | number | bigint): string => `alr_${deliveryId}`;
