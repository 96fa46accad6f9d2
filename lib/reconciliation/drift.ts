import { compareVersions } from "@/lib/quantity/event-order";

// Cross-system drift of one (source, SKU, location), docs/RECONCILIATION.md#drift.

export interface DriftReading {
  /** The event's id and version: readings of one source at the same instant in fold order (docs/QUANTITY-MODEL.md §4). */
  id: string;
  version: string | null;
  occurredAt: number;
  bucket: string;
  /** pool − reported at occurredAt (what the fold recorded). */
  drift: number;
  reported: number;
}

export interface DriftState {
  bucket: string;
  drift: number;
  pool: number;
  reported: number;
  /** The latest reading's time. */
  at: number;
  /** First reading of the unbroken run of non-zero drifts; null when the latest agrees (closed). */
  since: number | null;
}

/** The state after all readings (any input order): the latest's drift, and since when it has been off. */
export function driftStateOf(readings: readonly DriftReading[]): DriftState | null {
  if (readings.length === 0) return null;
  const sorted = [...readings].sort((a, b) => a.occurredAt - b.occurredAt || compareVersions(a.version, b.version) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let since: number | null = null;
  for (const r of sorted) since = r.drift === 0 ? null : (since ?? r.occurredAt);
  const last = sorted[sorted.length - 1];
  return { bucket: last.bucket, drift: last.drift, pool: last.reported + last.drift, reported: last.reported, at: last.occurredAt, since };
}
