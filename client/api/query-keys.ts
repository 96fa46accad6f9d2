import type { SkuSort } from "./types";

// Query keys in one place, so live frames patch and invalidate exactly what the pages read.
export const queryKeys = {
  skuLists: ["skus", "list"] as const,
  skuList: (q: string, sort: SkuSort) => ["skus", "list", { q, sort }] as const,
  summary: ["skus", "summary"] as const,
  lag: ["metrics", "lag", "5m"] as const,
  /** Per-channel outbound push health (`GET /api/outbound`), polled: no live frame carries it. */
  outbound: ["outbound"] as const,
  sku: (code: string) => ["sku", code] as const,
  skuDetail: (code: string) => ["sku", code, "detail"] as const,
  skuEvents: (code: string) => ["sku", code, "events"] as const,
  skuSales: (code: string) => ["sku", code, "sales"] as const,
  /** The SKU picker of the mapping screen (not a stock list: live frames do not patch it). */
  skuPicker: (q: string) => ["skus", "picker", q] as const,
  /** Channels and locations by code (`GET /api/catalog`), for the source form's pickers. */
  catalog: ["catalog", "codes"] as const,
  // Admin: every key starts with "admin", so a write can refresh them all.
  admin: ["admin"] as const,
  sources: ["admin", "sources"] as const,
  unmappedAll: ["admin", "unmapped"] as const,
  unmapped: (channel: string | null) => ["admin", "unmapped", { channel }] as const,
  unmappedCount: ["admin", "unmapped", "count"] as const,
  rejectionsAll: ["admin", "rejections"] as const,
  rejections: (source: string | null, code: string | null) => ["admin", "rejections", { source, code }] as const,
  rejectionsCount: ["admin", "rejections", "count"] as const,
  tokensAll: ["admin", "tokens"] as const,
  /** People (`GET /api/users`): under "admin", so any admin write refreshes it too. */
  people: ["admin", "people"] as const,
  // The audit log is read by managers too, so it is not under "admin"; writes refresh it by prefix.
  auditAll: ["audit"] as const,
  audit: (filters: { actor: string; action: string; target: string; from: string; to: string }) => ["audit", filters] as const,
  /** Active pauses (`GET /api/pauses`), read by every pause control. */
  pauses: ["pauses"] as const,
  /** Every SKU page query ("sku", code, …), for writes that change any SKU's numbers. */
  skuAll: ["sku"] as const,
  /** How each channel's number was reached (`GET /api/skus/<code>/published`); under "sku", so SKU refreshes include it. */
  publishedExplanation: (code: string) => ["sku", code, "published"] as const,
  /** Allocation rules (`GET /api/rules?channel=`): a rule write refreshes every channel's by "rules". */
  rulesAll: ["rules"] as const,
  rules: (channel: string) => ["rules", channel] as const,
  /** What a candidate rule would change (`POST /api/rules/preview`), keyed by the request body as sent. */
  rulePreview: (body: string) => ["rule-preview", body] as const,
  /** Recent rule changes (`GET /api/audit?action=rule`); under "audit", so audit refreshes include it. */
  ruleHistory: ["audit", "rules"] as const,
  // Reconciliation and drift (issue 15): every key starts with "reconciliation" or "drift", so a live
  // frame refreshes all of them by prefix.
  reconciliationAll: ["reconciliation"] as const,
  /** The matrix for a period as the page names it (a preset's range is computed when fetched). */
  reconciliation: (period: string) => ["reconciliation", "matrix", period] as const,
  reconciliationLines: (from: string, to: string, location: string | null, bucket: string | null) => ["reconciliation", "lines", { from, to, location, bucket }] as const,
  reconciliationTrend: (weeks: number) => ["reconciliation", "trend", weeks] as const,
  /** The dashboard tile (`GET /api/reconciliation/summary`), replaced by overview frames' `reconciliation`. */
  reconciliationSummary: ["reconciliation", "summary"] as const,
  /** Open drifts (`GET /api/drift`); overview frames' `drift` replace its per-source totals. */
  drift: ["drift"] as const,
  /** What each source last said per location (`GET /api/skus/<code>/sources-said`); under "sku", so SKU refreshes include it. */
  sourcesSaid: (code: string) => ["sku", code, "sources-said"] as const,
};
