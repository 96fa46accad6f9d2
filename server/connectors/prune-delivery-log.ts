import "server-only";
import type pg from "pg";
import { pruneKeepingInForce } from "@/server/oversells/prune-keeping-in-force";

const BATCH = 10_000;

// Fixed table and column names (never input), one DELETE shape for each.
const LOGS = [
  { table: "webhook_delivery", key: "id", at: "received_at", minDays: 1 },
  { table: "provider_notification", key: "ctid", at: "received_at", minDays: 1 },
  // Acknowledged pushes: the end-to-end lag's 7-day window needs a week of them, and the oversell
  // root cause (docs/OVERSELLS.md) what each channel had acknowledged as long as the published history.
  { table: "outbound_ack", key: "id", at: "acked_at", minDays: 8, history: true },
] as const;

// Work items an operator fixes (rejections to resubmit, parked events once mapped): kept longer,
// but not forever, or a sender posting junk fills the disk (review #13). Unmapped events still
// waiting for a mapping are never dropped: mapping them applies stock changes. A resolved one is
// in the ledger, whose ids dedupe any redelivery.
const WORK_ITEMS = [
  { table: "rejected_event", key: "id", at: "received_at" },
  { table: "unmapped_event", key: "id", at: "resolved_at" },
] as const;

/**
 * The delivery log, MercadoLibre's notification ids and the acknowledged pushes are operational
 * records (health, security, dedupe of redeliveries that come within hours, lag), not the system
 * of record — the ledger is. Keep `days` of them, deleting in small batches so a large backlog
 * never holds long locks.
 */
export async function pruneDeliveryLog(pool: pg.Pool, days: number, workItemDays = 90, historyDays = 0): Promise<number> {
  let removed = 0;
  const tables = [...LOGS.map((l) => ({ ...l, days: Math.max(days, l.minDays, "history" in l ? historyDays : 0) })), ...WORK_ITEMS.map((w) => ({ ...w, days: workItemDays }))];
  for (const t of tables) {
    const { table, key, at, days: keep } = t;
    // History, as published_history: the newest ack of each (channel, SKU) before the cutoff stays,
    // what the channel still held then (docs/OVERSELLS.md, "Retention").
    if ("history" in t) {
      removed += await pruneKeepingInForce(pool, t.table, keep);
      continue;
    }
    for (;;) {
      const r = await pool.query(`DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM ${table} WHERE ${at} < now() - make_interval(days => $1) LIMIT ${BATCH})`, [keep]);
      removed += r.rowCount ?? 0;
      if ((r.rowCount ?? 0) < BATCH) break;
    }
  }
  return removed;
}
