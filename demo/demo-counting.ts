// How the demo brand counts its stock and which system disagrees with it. Shared by the history
// (seed) and the simulator (live traffic) so both tell the same story.

import type { DemoSku } from "./demo-catalog";
import { LOCATION_SOURCE, type LocationCode } from "./demo-network";
import { ONEPOOL_COUNTS_SOURCE } from "@/lib/quantity/event-order";
import { hashString } from "./random";

/** Who counts with the tablet, per location (shown as "counted by" on counted lines). */
export const DEMO_COUNTERS: Record<LocationCode, readonly string[]> = {
  "wh-gdl": ["Ana Ortiz", "Jorge Pérez", "Luis Cano"],
  "3pl-us-east": ["Ana Ortiz"],
  "fba-us": ["Ana Ortiz"],
  "store-cdmx": ["Sofía Ramos", "Diego Luna"],
  "dropship-vendor": ["Marco Ruiz"],
};

/** Reasons a reviewer records for a big miss (docs/RECONCILIATION.md#numbers's list, minus "miscount", which gets recounted). */
export const BIG_MISS_REASONS = ["theft", "damaged", "unrecorded_receipt", "unrecorded_shipment", "transfer_error", "unknown"] as const;

/**
 * When a (SKU, location) row is counted, on the day grid of the history (day 0 = its first day):
 * - never: some rows were never counted (coverage's ">90" bucket with no date);
 * - once: a row counted once, long ago, and forgotten since (">90" with a date);
 * - every: a rolling cadence (fast movers weekly, the tail every month or two), at a fixed phase.
 * Derived from the SKU code and location only, so it is the same every run.
 */
export type CountPlan = { kind: "never" } | { kind: "once"; daysAgo: number } | { kind: "every"; days: number; phase: number };

export function countPlan(sku: Pick<DemoSku, "code" | "rate">, loc: LocationCode): CountPlan {
  const h = hashString(`${sku.code}@${loc}`);
  const r = h % 100;
  if (r < 5) return { kind: "never" };
  if (r < 11) return { kind: "once", daysAgo: 95 + (h % 20) };
  // The dropship vendor reports a stock take quarterly-ish; everyone else counts on a rolling cycle.
  const days = loc === "dropship-vendor" ? (r < 30 ? 7 : r < 60 ? 21 : 45) : sku.rate >= 3 ? 7 : r < 45 ? 14 : r < 80 ? 28 : 60;
  return { kind: "every", days, phase: (h >>> 7) % days };
}

/** True when the plan counts this row on day `day` of a history of `days` days (day `days` is today). */
export function countsOn(plan: CountPlan, day: number, days: number): boolean {
  if (plan.kind === "never") return false;
  if (plan.kind === "once") return day === days - plan.daysAgo;
  return (day + plan.phase) % plan.days === 0;
}

/**
 * Who sends the count: the store counts with Onepool's tablet screen; the Guadalajara DC splits
 * between its WMS and Onepool counts (about a third); the 3PL, FBA and the vendor send their own.
 */
export function countSourceFor(sku: Pick<DemoSku, "code">, loc: LocationCode, day: number): string {
  if (loc === "store-cdmx") return ONEPOOL_COUNTS_SOURCE;
  if (loc === "wh-gdl" && hashString(`${sku.code}#${day}`) % 3 === 0) return ONEPOOL_COUNTS_SOURCE;
  return LOCATION_SOURCE[loc];
}

/** Shopify's own view of Guadalajara (untrusted there): agrees except for these SKUs, stuck off by `offset` units since `daysAgo`. */
export const SHOPIFY_DRIFT_SOURCE = "shopify-web";
export const SHOPIFY_DRIFT_LOCATION: LocationCode = "wh-gdl";

export interface DriftingSku {
  code: string;
  /** pool − what Shopify says (docs/RECONCILIATION.md#drift's sign: positive = Shopify sees fewer units). */
  offset: number;
  daysAgo: number;
}

/** The handful of SKUs Shopify disagrees about: picked by hash from the web-listed ones, same every run. */
export function driftingSkus(skus: readonly DemoSku[]): DriftingSku[] {
  const offsets = [3, -2, 5, 1, -4, 2];
  const ages = [9, 6, 4, 2, 1, 1];
  const candidates = skus
    .filter((s) => s.listings.web && s.launchedDaysAgo === null && s.stockedAt.includes("wh-gdl") && s.rate >= 0.3)
    .sort((a, b) => hashString(`drift:${a.code}`) - hashString(`drift:${b.code}`) || a.code.localeCompare(b.code));
  return candidates.slice(0, offsets.length).map((s, i) => ({ code: s.code, offset: offsets[i], daysAgo: ages[i] }));
}
