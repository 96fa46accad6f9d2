// Which count lines need a reason before approval (docs/RECONCILIATION.md#numbers). Pure: no database, no Next.

export const COUNT_REASONS = ["miscount", "damaged", "theft", "unrecorded_receipt", "unrecorded_shipment", "transfer_error", "unknown"] as const;
export type CountReason = (typeof COUNT_REASONS)[number];

export const COUNT_REASON_LABELS: Record<CountReason, string> = {
  miscount: "Miscount",
  damaged: "Damaged",
  theft: "Theft",
  unrecorded_receipt: "Unrecorded receipt",
  unrecorded_shipment: "Unrecorded shipment",
  transfer_error: "Transfer error",
  unknown: "Unknown",
};

export const isCountReason = (v: unknown): v is CountReason => typeof v === "string" && (COUNT_REASONS as readonly string[]).includes(v);

/** Variance = system − counted (positive = units missing), as docs/RECONCILIATION.md#numbers defines it. */
export const countVariance = (system: number, counted: number) => system - counted;

/**
 * A line needs a reason when |variance| ≥ max(2 units, 5 % of system). Compared in integers
 * (20 × |v| ≥ system) so 5 % of an odd system is not rounded either way.
 */
export function needsReason(system: number, counted: number): boolean {
  const v = Math.abs(countVariance(system, counted));
  return v >= 2 && 20 * v >= Math.max(system, 0);
}
