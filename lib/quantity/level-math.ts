import type { LevelState } from "./types";

/** available = on_hand − committed − reserved − damaged − quality_control − safety_stock (docs/QUANTITY-MODEL.md §2–3). */
export function availableOf(s: LevelState): number {
  return s.onHand - s.committed - s.reserved - s.damaged - s.qualityControl - s.safetyStock;
}

/** Incoming per reference never shows below 0: over-receipt of one PO does not eat another's. */
export function incomingTotalOf(s: LevelState): number {
  let total = 0;
  for (const line of Object.values(s.incoming)) total += Math.max(0, line.qty);
  return total;
}

/** Each unit once, and a negative location never eats another's stock (docs/QUANTITY-MODEL.md §2–3). */
export function availableReal(levels: Iterable<{ available: number; sellable: boolean }>): number {
  let sum = 0;
  for (const l of levels) if (l.sellable) sum += Math.max(0, l.available);
  return sum;
}
