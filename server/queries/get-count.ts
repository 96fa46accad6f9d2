import "server-only";
import type pg from "pg";
import { actorCan, type Actor } from "@/lib/auth/actor";
import { countVariance, needsReason } from "@/lib/counts/count-reasons";
import { countEventId } from "@/server/counts/approve-count";
import { systemAtCount } from "@/server/counts/system-at-count";

export interface CountLineView {
  sku: string;
  skuName: string;
  counted: number;
  countedAt: string;
  reason: string | null;
  enteredBy: string;
  system?: number;
  variance?: number;
  value?: number | null;
  needsReason?: boolean;
}
export interface CountView {
  id: string;
  location: string;
  status: string;
  blind: boolean;
  createdBy: string;
  createdAt: string;
  submittedAt: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  cancelledAt: string | null;
  cancelledBy: string | null;
  /** Whether this caller is shown system numbers (a reviewer once in review, or anyone when not blind). */
  showsSystem: boolean;
  lines: CountLineView[];
  expected: { sku: string; skuName: string }[];
}

/** Blind mode (docs/RECONCILIATION.md#numbers): the system number goes only to a reviewer, and only once the count left `open`. */
export function showsSystem(count: { blind: boolean; status: string }, actor: Actor): boolean {
  return !count.blind || (count.status !== "open" && actorCan(actor, "counts.approve"));
}

/**
 * A count with its lines. `system` is on_hand folded from the events before each line's countedAt
 * (systemAtCount): what the ledger records, or will record, as the line's variance once approved.
 * Reviewers see lines by |value| (nulls last) then |variance|; counters newest first.
 */
export async function getCount(pool: pg.Pool, id: string, actor: Actor): Promise<CountView | null> {
  const c = await pool.query<{
    id: string;
    location_id: number;
    location: string;
    status: string;
    blind: boolean;
    created_by: string;
    created_at: Date;
    expected: number[] | null;
    submitted_at: Date | null;
    approved_at: Date | null;
    approved_by: string | null;
    cancelled_at: Date | null;
    cancelled_by: string | null;
  }>(`SELECT c.*, l.code AS location FROM stock_count c JOIN location l ON l.id = c.location_id WHERE c.id = $1`, [id]);
  const count = c.rows[0];
  if (!count) return null;
  const show = showsSystem(count, actor);
  const lines = await pool.query<{ sku_id: number; sku: string; name: string; counted: number; counted_at: Date; reason: string | null; entered_by: string; unit_cost: string | null }>(
    `SELECT cl.sku_id, s.code AS sku, s.name, cl.counted, cl.counted_at, cl.reason, cl.entered_by, s.unit_cost::text
       FROM stock_count_line cl JOIN sku s ON s.id = cl.sku_id
      WHERE cl.count_id = $1`,
    [id],
  );
  const systems = show
    ? await systemAtCount(
        pool,
        count.location_id,
        lines.rows.map((l) => ({ skuId: l.sku_id, counted: l.counted, countedAt: l.counted_at, eventId: countEventId(id, l.sku) })),
      )
    : new Map<number, number>();
  const expected = await pool.query<{ code: string; name: string }>("SELECT s.code, s.name FROM unnest($1::int[]) WITH ORDINALITY AS e(id, n) JOIN sku s ON s.id = e.id ORDER BY e.n", [
    count.expected ?? [],
  ]);
  const views: CountLineView[] = lines.rows.map((l) => {
    const base = { sku: l.sku, skuName: l.name, counted: l.counted, countedAt: l.counted_at.toISOString(), reason: l.reason, enteredBy: l.entered_by };
    if (!show) return base;
    const system = systems.get(l.sku_id) ?? 0;
    const variance = countVariance(system, l.counted);
    const value = l.unit_cost === null ? null : Math.round(Math.abs(variance) * Number(l.unit_cost) * 100) / 100;
    return { ...base, system, variance, value, needsReason: needsReason(system, l.counted) };
  });
  if (show) {
    views.sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || Math.abs(b.variance!) - Math.abs(a.variance!) || a.sku.localeCompare(b.sku));
  } else {
    views.sort((a, b) => b.countedAt.localeCompare(a.countedAt) || a.sku.localeCompare(b.sku));
  }
  return {
    id: count.id,
    location: count.location,
    status: count.status,
    blind: count.blind,
    createdBy: count.created_by,
    createdAt: count.created_at.toISOString(),
    submittedAt: count.submitted_at?.toISOString() ?? null,
    approvedAt: count.approved_at?.toISOString() ?? null,
    approvedBy: count.approved_by,
    cancelledAt: count.cancelled_at?.toISOString() ?? null,
    cancelledBy: count.cancelled_by,
    showsSystem: show,
    lines: views,
    expected: expected.rows.map((e) => ({ sku: e.code, skuName: e.name })),
  };
}
