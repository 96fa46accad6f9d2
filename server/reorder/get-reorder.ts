import "server-only";
import type pg from "pg";
import { reorderRows, type ReorderInput, type ReorderRow, type ReorderShow } from "@/lib/reorder/reorder-rows";
import { loadAlertSettings } from "@/server/alerts/alert-settings";
import { readCoverInputs } from "@/server/alerts/read-cover-inputs";

export interface ReorderView {
  /** The low_cover alert's safety days in force (its setting, default ONEPOOL_SAFETY_DAYS). */
  safetyDays: number;
  show: ReorderShow;
  /** Rows that matched before `limit`. */
  total: number;
  rows: ReorderRow[];
}

/**
 * The Reorder view (issue 17): every SKU's cover numbers from the low_cover alert's own query and
 * settings, its low_cover alert and mute, filtered and sorted by lib/reorder. One read of every SKU,
 * as the alert's full sweep (docs/ALERTS.md, Reorder: tens of ms for the demo's 302 SKUs).
 */
export async function getReorder(pool: Pick<pg.Pool, "query">, opts: { show: ReorderShow; limit: number; envSafetyDays: number }): Promise<ReorderView> {
  const settings = await loadAlertSettings(pool, opts.envSafetyDays);
  const safetyDays = settings.low_cover.safetyDays;
  // Unsold SKUs have infinite cover: only the "all" list shows them.
  const cover = await readCoverInputs(pool, null, { unsold: opts.show === "all" });
  const alerts = await pool.query<{ sku_id: number; id: string; state: "open" | "resolved" }>("SELECT sku_id, id::text, state FROM alert WHERE kind = 'low_cover' AND sku_id IS NOT NULL");
  // A mute may exist before its alert ever opened: read mutes by subject key, not through the alert.
  const mutes = await pool.query<{ subject_key: string; until: Date }>("SELECT subject_key, until FROM alert_mute WHERE kind = 'low_cover' AND until > now()");
  const alertOf = new Map(alerts.rows.map((a) => [a.sku_id, a]));
  const muteOf = new Map(mutes.rows.map((m) => [m.subject_key, m.until.toISOString()]));
  const inputs: ReorderInput[] = cover.map((c) => {
    const a = alertOf.get(c.skuId);
    return {
      sku: c.code,
      name: c.name,
      availableReal: c.availableReal,
      incoming: c.incoming,
      units24h: c.units24h,
      units7d: c.units7d,
      leadTimeDays: c.leadTimeDays,
      alertId: a?.id ?? null,
      alertState: a?.state ?? null,
      mutedUntil: muteOf.get(`sku:${c.skuId}`) ?? null,
    };
  });
  const rows = reorderRows(inputs, safetyDays, opts.show);
  return { safetyDays, show: opts.show, total: rows.length, rows: rows.slice(0, opts.limit) };
}
