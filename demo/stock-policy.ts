import type { DemoSku, Fate } from "./demo-catalog";
import type { LocationCode } from "./demo-network";

// The demo's purchasing and transfer policy. Healthy SKUs are bought so that even right before a
// PO lands they still cover lead time + safety days (the dashboard's "ok"); thin-cover SKUs are
// bought just in time, so they spend most of their life under that line ("low cover").

/** Order in case packs, as vendors sell. */
export function roundToPack(units: number): number {
  const pack = units < 60 ? 6 : units < 400 ? 12 : 24;
  return Math.max(pack, Math.ceil(units / pack) * pack);
}

/**
 * A reorder-point / order-up-to plan for one warehouse. `rate` is the location's expected units
 * per day; `position` is available + open incoming. Returns null while no order is due.
 */
export function purchasePlan(sku: DemoSku, rate: number, position: number, fate: Fate): { qty: number } | null {
  if (rate <= 0) return null;
  const L = sku.leadTimeDays;
  // The dashboard's velocity is the higher of the 24 h and 7-day rates, so plan on a noisy peak.
  const peak = rate * 1.3 + 1.2 * (rate / Math.max(sku.rate, 0.01));
  const [reorderAt, upTo] = fate === "healthy" ? [rate * L + peak * (L + 17), rate * L + peak * (L + 47)] : [rate * (L + 5), rate * (L + 18)];
  if (position >= reorderAt) return null;
  return { qty: roundToPack(upTo - position) };
}

/** Units a transfer tops a store or FBA up to: two weeks of sales at the store, four at FBA. */
export function transferTarget(rate: number, to: LocationCode, fate: Fate): number {
  const days = to === "fba-us" ? 28 : 14;
  const peak = rate * 1.3 + 0.3;
  return Math.max(to === "fba-us" ? 4 : 2, Math.ceil(peak * days * (fate === "healthy" ? 1 : 0.5)));
}

/** One expedited PO brings at most this many days of the SKU's normal sales. */
export const MAX_RESTOCK_DAYS = 90;

/**
 * Units an expedited PO brings to lift a SKU to `upTo` × (lead time + 7 days) of its normal rate,
 * capped at MAX_RESTOCK_DAYS of that rate; 0 when it is already there. The normal rate is what the
 * seeded business sells a day (`sku.rate`), never the live velocity: the simulator sells far faster
 * than that so the dashboard moves, so the live 24 h velocity climbs all demo long (and a flash sale
 * spikes it for a day). Sized on the live velocity, POs ran away (+13,704 units of a SKU that sells
 * half a unit a day).
 */
export function restockQuantity(sku: DemoSku, availableReal: number, upTo: number): number {
  const need = upTo * sku.rate * (sku.leadTimeDays + 7) - availableReal;
  if (need <= 0) return 0;
  return roundToPack(Math.min(need, sku.rate * MAX_RESTOCK_DAYS));
}
