// Alert kinds of docs/ALERTS.md and what each one is about (its subject). Pure.

export const ALERT_KINDS = ["stockout_listed", "low_cover", "returns_spike", "lag_sla", "stale_location", "variance", "drift", "unmapped", "signature_failures", "push_failing"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const isAlertKind = (k: unknown): k is AlertKind => typeof k === "string" && (ALERT_KINDS as readonly string[]).includes(k);

export const ALERT_STATES = ["open", "resolved"] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export type SubjectField = "sku" | "channel" | "location" | "source" | "listing";

/**
 * The subject fields each kind names, as docs/ALERTS.md's table says. `lag_sla` is about a source
 * (ingest lag) or a channel (end-to-end lag): either one, never both.
 */
export const SUBJECT_FIELDS: Record<AlertKind, readonly (readonly SubjectField[])[]> = {
  stockout_listed: [["sku", "channel"]],
  low_cover: [["sku"]],
  returns_spike: [["sku"]],
  lag_sla: [["source"], ["channel"]],
  stale_location: [["location"]],
  variance: [["sku", "location"]],
  drift: [["source", "sku", "location"]],
  unmapped: [["listing"]],
  signature_failures: [["source"]],
  push_failing: [["channel"]],
};

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  stockout_listed: "Listed but out of stock",
  low_cover: "Low cover: reorder",
  returns_spike: "Returns spike",
  lag_sla: "Lag over SLA",
  stale_location: "Stale location",
  variance: "Count variance",
  drift: "Cross-system drift",
  unmapped: "Unmapped listing",
  signature_failures: "Refused signatures",
  push_failing: "Channel push failing",
};

/** Kinds whose condition is about one SKU and moves only when that SKU's events commit (evaluated right after ingest). */
export const SKU_KINDS = ["low_cover", "returns_spike", "variance"] as const satisfies readonly AlertKind[];
export type SkuKind = (typeof SKU_KINDS)[number];
