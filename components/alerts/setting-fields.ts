// What each alert setting means, for the admin screen: a label, its unit and a line of help. Pure.
import type { AlertKind } from "@/lib/alerts/kinds";

export interface SettingField {
  label: string;
  unit: "seconds" | "days" | "units" | "%" | "×" | "deliveries";
  help?: string;
}

/** Every kind's fields besides `enabled`, in the order the screen shows them (`forSeconds` last). */
export const SETTING_FIELDS: Record<AlertKind, Record<string, SettingField>> = {
  stockout_listed: {},
  low_cover: { safetyDays: { label: "Safety days", unit: "days", help: "Opens when cover < lead time + this" } },
  returns_spike: {
    multiplier: { label: "Multiplier", unit: "×", help: "Of the usual daily return rate" },
    minUnits: { label: "At least", unit: "units" },
    windowSeconds: { label: "Window", unit: "seconds" },
    baselineDays: { label: "Baseline", unit: "days", help: "The days before the window that set the usual rate" },
  },
  lag_sla: {
    ingestP95Seconds: { label: "Ingest p95 SLA", unit: "seconds", help: "Per source" },
    endToEndP95Seconds: { label: "End-to-end p95 SLA", unit: "seconds", help: "Per channel" },
    windowSeconds: { label: "Window", unit: "seconds" },
  },
  stale_location: { quietSeconds: { label: "Quiet for", unit: "seconds", help: "No event and no count" } },
  variance: {
    minUnits: { label: "At least", unit: "units" },
    minPercent: { label: "And at least", unit: "%", help: "Of the system quantity (the larger of the two applies)" },
    lookbackDays: { label: "Look back", unit: "days" },
  },
  drift: { olderThanSeconds: { label: "Open for", unit: "seconds" } },
  unmapped: { waitingSeconds: { label: "Waiting for", unit: "seconds" } },
  signature_failures: { refusals: { label: "Refusals", unit: "deliveries" }, windowSeconds: { label: "Window", unit: "seconds" } },
  push_failing: {},
};

export const FOR_SECONDS: SettingField = { label: "Holds for", unit: "seconds", help: "How long the condition must hold before the alert opens" };

export const KIND_HELP: Record<AlertKind, string> = {
  stockout_listed: "Available real is 0 while a channel still shows stock.",
  low_cover: "Days of inventory below lead time + safety days; suggests how many to reorder.",
  returns_spike: "Returns received in the window well above the SKU's usual rate.",
  lag_sla: "Ingest lag of a source, or end-to-end lag of a channel, over its SLA.",
  stale_location: "No event and no count at a location for a while.",
  variance: "A counted line far from what the system had.",
  drift: "A source's number disagrees with Onepool's for a while.",
  unmapped: "A listing's events waiting in the unmapped queue.",
  signature_failures: "Deliveries refused for a bad signature from one source.",
  push_failing: "A channel refusing pushes (marked failing).",
};

/**
 * A typed value as the API should get it: a number when it reads as one, else the text as typed
 * (so the API names the field and says what is wrong, one source of truth for the ranges).
 */
export function parseSettingInput(text: string): number | string {
  const t = text.trim().replace(",", ".");
  return t !== "" && Number.isFinite(Number(t)) ? Number(t) : text;
}

/** The fields that differ from what is saved: the PUT body (a partial patch), or null when nothing changed. */
export function settingsPatch(saved: Record<string, Record<string, unknown>>, draft: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> | null {
  const patch: Record<string, Record<string, unknown>> = {};
  for (const [kind, fields] of Object.entries(draft)) {
    for (const [f, v] of Object.entries(fields)) {
      if (saved[kind]?.[f] !== v) (patch[kind] ??= {})[f] = v;
    }
  }
  return Object.keys(patch).length ? patch : null;
}

/** The API's validation issues by "kind.field" (the 400's `details.issues`), for messages beside each input. */
export function issuesByField(details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const issues = details && typeof details === "object" && Array.isArray((details as { issues?: unknown }).issues) ? (details as { issues: { path?: unknown; message?: unknown }[] }).issues : [];
  for (const i of issues) if (typeof i.path === "string" && typeof i.message === "string" && !(i.path in out)) out[i.path] = i.message;
  return out;
}
