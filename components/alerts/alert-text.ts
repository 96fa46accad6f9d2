// How an alert reads to a person: its subject, its value in words, and the text search over both. Pure.
import { formatDuration } from "@/client/format/numbers";
import { ALERT_KIND_LABELS, type AlertKind } from "@/lib/alerts/kinds";
import { subjectCodes } from "@/lib/alerts/subject";
import type { AlertView } from "@/server/alerts/get-alerts";

/** The fields of an alert these helpers read: the API's own view type, not a copy (type-only import). */
export type AlertLike = Pick<AlertView, "kind" | "sku" | "channel" | "location" | "source" | "listing" | "value">;

export interface SubjectPart {
  label: string;
  code: string;
  /** Where the subject lives in the app, when it has a page. */
  href?: string;
}

export const kindLabel = (k: AlertKind) => ALERT_KIND_LABELS[k] ?? k;

/** The subject's parts in docs/ALERTS.md's order, each linking to its page where there is one. */
export function subjectParts(a: AlertLike): SubjectPart[] {
  const parts: SubjectPart[] = [];
  if (a.source) parts.push({ label: "Source", code: a.source, href: `/admin/sources#source-${encodeURIComponent(a.source)}` });
  if (a.sku) parts.push({ label: "SKU", code: a.sku, href: `/skus/${encodeURIComponent(a.sku)}` });
  if (a.channel) parts.push({ label: "Channel", code: a.channel, href: `/rules?channel=${encodeURIComponent(a.channel)}` });
  if (a.location) parts.push({ label: "Location", code: a.location, href: `/counts/coverage?location=${encodeURIComponent(a.location)}` });
  if (a.listing) parts.push({ label: "Listing", code: `${a.listing.channel} · ${a.listing.externalId}`, href: "/admin/unmapped" });
  return parts;
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const dec = (n: number) => (Math.abs(n) < 10 ? n.toFixed(1) : int(n));
const secs = (s: number | null) => (s === null ? "?" : formatDuration(s * 1000));
const signed = (n: number) => (n > 0 ? `+${int(n)}` : n < 0 ? `−${int(-n)}` : "0");

/**
 * What was found, in a line: the numbers that made it open. `low_cover` leads with the reorder
 * suggestion, the number a buyer acts on.
 */
export function valueText(a: AlertLike): string {
  const v = a.value ?? {};
  switch (a.kind) {
    case "stockout_listed":
      return `Available ${int(num(v.availableReal) ?? 0)}; the channel still shows ${int(num(v.acknowledged) ?? 0)}`;
    case "low_cover": {
      const q = num(v.suggestedQuantity);
      const cover = num(v.daysOfInventory);
      const lead = num(v.leadTimeDays);
      const safety = num(v.safetyDays);
      const need = lead !== null && safety !== null ? ` of ${dec(lead + safety)} needed` : "";
      return `Reorder ${q === null ? "?" : int(q)} units · cover ${cover === null ? "?" : dec(cover)} days${need}`;
    }
    case "returns_spike":
      return `${int(num(v.units) ?? 0)} units returned in ${secs(num(v.windowSeconds))} (usually ${dec(num(v.baselineUnits) ?? 0)})`;
    case "lag_sla":
      return `${v.lag === "end_to_end" ? "End-to-end" : "Ingest"} lag p95 ${formatDuration(num(v.p95Ms))} over SLA ${secs(num(v.slaSeconds))}`;
    case "stale_location": {
      const last = str(v.lastActivityAt);
      return last ? `No event or count since ${last.slice(0, 16).replace("T", " ")} UTC` : "No event or count ever";
    }
    case "variance":
      return `Counted ${int(num(v.counted) ?? 0)} of ${int(num(v.system) ?? 0)} (variance ${signed(num(v.variance) ?? 0)})`;
    case "drift":
      return `Drift ${signed(num(v.drift) ?? 0)} in ${str(v.bucket) ?? "?"} (Onepool ${int(num(v.pool) ?? 0)}, source ${int(num(v.reported) ?? 0)})`;
    case "unmapped":
      return `${int(num(v.events) ?? 0)} event${num(v.events) === 1 ? "" : "s"} waiting for a mapping`;
    case "signature_failures":
      return `${int(num(v.refused) ?? 0)} deliveries refused in ${secs(num(v.windowSeconds))}${str(v.lastReason) ? `: ${str(v.lastReason)}` : ""}`;
    case "push_failing":
      return `Pushes refused${str(v.reason) ? `: ${str(v.reason)}` : ""}`;
    default:
      return "";
  }
}

/** Does the alert match every word of a search (subject codes, kind in words, value text)? Case-insensitive. */
export function matchesSearch(a: AlertLike, q: string): boolean {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = [...subjectParts(a).map((p) => p.code), a.kind, kindLabel(a.kind), valueText(a)].join(" ").toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** What the mute and unmute requests name: the kind and exactly its subject fields. */
export function muteSubject(a: AlertLike): Record<string, unknown> {
  return { kind: a.kind, ...subjectCodes(a) };
}

/** Mute-until presets of the dialog (the API takes up to a year). */
export const MUTE_PRESETS: { label: string; ms: number }[] = [
  { label: "1 h", ms: 3_600_000 },
  { label: "8 h", ms: 8 * 3_600_000 },
  { label: "24 h", ms: 24 * 3_600_000 },
  { label: "7 days", ms: 7 * 86_400_000 },
];

export interface SkuAlertSummary {
  /** Open alerts about the SKU that are not muted. */
  count: number;
  /** The kinds in words, for the badge's title. */
  title: string;
}

/**
 * Open, unmuted alerts per SKU code, for the rows they concern on the stock list: a SKU with
 * none has no entry (and so no badge). Muted ones were looked at and put aside, as in the header.
 */
export function alertsBySku(alerts: readonly (AlertLike & Pick<AlertView, "state" | "muted">)[]): Map<string, SkuAlertSummary> {
  const kinds = new Map<string, string[]>();
  for (const a of alerts) {
    if (!a.sku || a.state !== "open" || a.muted) continue;
    const list = kinds.get(a.sku) ?? [];
    list.push(kindLabel(a.kind));
    kinds.set(a.sku, list);
  }
  return new Map([...kinds].map(([sku, list]) => [sku, { count: list.length, title: [...new Set(list)].join(", ") }]));
}
