import type { CycleCountResult } from "@/client/api/types";
import { formatInt } from "@/client/format/numbers";

/** What a recorded count did, for the toast after the dialog closes (a person's count is trusted everywhere, docs/RECONCILIATION.md#numbers). */
export interface CountOutcome {
  sku: string;
  location: string;
  quantity: number;
  result: CycleCountResult;
}

export function outcomeText(o: CountOutcome): { title: string; detail: string } {
  return {
    title: `Count recorded: on hand set to ${formatInt(o.quantity)}`,
    detail: o.result.status === "duplicate" ? `${o.sku} at ${o.location} — this count had already been recorded.` : `${o.sku} at ${o.location}; the variance is in the ledger.`,
  };
}
