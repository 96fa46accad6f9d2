import "server-only";
import type pg from "pg";
import { foldIntoProjection, type TrustOf } from "@/server/projection/fold-into-projection";
import type { CountFactsChange } from "@/server/reconciliation/sync-count-facts";
import { appendToLedger, type FollowUps, type PendingEvent, type WriteOutcome } from "./append-to-ledger";

export interface BatchResult {
  outcomes: WriteOutcome[];
  changedSkuIds: Set<number>;
  /** Whether counted lines or drift moved (the dashboard's reconciliation and drift frames). */
  facts: CountFactsChange;
}

/**
 * Write a batch of events in ONE transaction (the caller's): the ledger rows (append-to-ledger.ts:
 * idempotency, follow-ups), then the projection of every (SKU, location) they touch, absolute
 * effects and the sales rollup (server/projection/fold-into-projection.ts). Either all of it commits
 * or none of it does, so a crash can never leave the ledger and the projection apart. Duplicates
 * (source, id) change nothing; a batch with nothing new touches no stock row.
 */
export async function writeBatch(client: pg.PoolClient, events: readonly PendingEvent[], trustOf: TrustOf, followUps?: FollowUps): Promise<BatchResult> {
  const { outcomes, appended } = await appendToLedger(client, events, followUps);
  if (appended.length === 0) return { outcomes, changedSkuIds: new Set(), facts: { counts: false, drift: false } };
  const { changedSkuIds, facts } = await foldIntoProjection(client, appended, trustOf);
  return { outcomes, changedSkuIds, facts };
}
