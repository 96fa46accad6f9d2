import type { TranslateContext } from "./types";

/** The steps of an order line's stock in the ledger (docs/CONNECTORS.md): placed (committed), shipped, cancelled. */
export type OrderStep = "placed" | "shipped" | "cancelled";

const STEP_TYPES: Record<OrderStep, string> = { placed: "order.placed", shipped: "order.shipped", cancelled: "order.cancelled" };

/** One order line's step: its stock moving at `location`, for the order sold on `channel`; a cancellation's reason. */
export interface LineStep {
  step: OrderStep;
  orderId: string;
  channel: string;
  location: string;
  quantity: number;
  occurredAt: string;
  reason?: string;
}

/** The fields an order line's step event carries in every order translator: its canonical type and the step's
 *  facts (the id, the listing and the payload are the translator's own). */
export function stepFields({ step, reason, ...facts }: LineStep) {
  return { type: STEP_TYPES[step], ...facts, ...(reason ? { reason } : {}) };
}

/** Per line: what the ledger already holds for it (where and how much was placed; whether shipped, cancelled). */
export interface StepHistory {
  placed: { location: string; quantity: number } | undefined;
  shipped: boolean;
  cancelled: boolean;
}

/** Each line's step history (by line id), from the ids the translator gives its step events: one lookup per order. */
export async function stepHistory<L extends { id: string }>(
  ctx: Pick<TranslateContext, "findEvents">,
  lines: readonly L[],
  idOf: (line: L, step: OrderStep) => string,
): Promise<Map<string, StepHistory>> {
  const steps: OrderStep[] = ["placed", "shipped", "cancelled"];
  const ids = lines.flatMap((line) => steps.map((step) => idOf(line, step)));
  const found = ids.length > 0 ? await ctx.findEvents(ids) : new Map<string, { location: string; quantity: number }>();
  return new Map(lines.map((line) => [line.id, { placed: found.get(idOf(line, "placed")), shipped: found.has(idOf(line, "shipped")), cancelled: found.has(idOf(line, "cancelled")) }]));
}
