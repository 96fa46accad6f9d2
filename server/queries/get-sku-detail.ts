import "server-only";
import type pg from "pg";
import type { LevelState } from "@/lib/quantity/types";
import { getSkuRowsByIds, type SkuRow } from "./get-sku-rows";

/** The level's buckets as the projection keeps them (docs/QUANTITY-MODEL.md), with where it is and when it last moved. */
export interface LocationLevel extends Pick<LevelState, "onHand" | "committed" | "reserved" | "damaged" | "qualityControl" | "safetyStock"> {
  code: string;
  name: string;
  type: string;
  sellable: boolean;
  available: number;
  incoming: number;
  incomingLines: { reference: string; qty: number; expectedAt: string | null }[];
  lastEventAt: string | null;
  lastCountAt: string | null;
}

export interface SkuDetail extends SkuRow {
  leadTimeDays: number;
  locations: LocationLevel[];
}

/**
 * GET /api/skus/<code>: the SKU's numbers and its buckets at every location. Null when unknown.
 * `known` is its row when the caller just computed it (the live flush), so it is not computed twice.
 */
export async function getSkuDetail(pool: pg.Pool, code: string, safetyDays: number, known?: SkuRow): Promise<SkuDetail | null> {
  const sku = await pool.query<{ id: number; lead_time_days: number }>("SELECT id, lead_time_days FROM sku WHERE code = $1", [code]);
  if (sku.rowCount === 0) return null;
  const { id, lead_time_days } = sku.rows[0];
  const [rows, levels] = await Promise.all([
    known ? [known] : getSkuRowsByIds(pool, [id], safetyDays),
    pool.query<{
      code: string;
      name: string;
      type: string;
      sellable: boolean;
      on_hand: number | null;
      committed: number | null;
      reserved: number | null;
      damaged: number | null;
      quality_control: number | null;
      safety_stock: number | null;
      available: number | null;
      incoming_total: number | null;
      incoming: Record<string, { qty: number; expectedAt: string | null }> | null;
      last_event_at: Date | null;
      last_count_at: Date | null;
    }>(
      `SELECT l.code, l.name, l.type, l.sellable, sl.on_hand, sl.committed, sl.reserved, sl.damaged, sl.quality_control, sl.safety_stock,
              sl.available, sl.incoming_total, sl.incoming, sl.last_event_at, sl.last_count_at
         FROM location l LEFT JOIN stock_level sl ON sl.location_id = l.id AND sl.sku_id = $1
        ORDER BY l.sellable DESC, l.code`,
      [id],
    ),
  ]);
  return {
    ...rows[0],
    leadTimeDays: lead_time_days,
    locations: levels.rows.map((l) => ({
      code: l.code,
      name: l.name,
      type: l.type,
      sellable: l.sellable,
      onHand: l.on_hand ?? 0,
      committed: l.committed ?? 0,
      reserved: l.reserved ?? 0,
      damaged: l.damaged ?? 0,
      qualityControl: l.quality_control ?? 0,
      safetyStock: l.safety_stock ?? 0,
      available: l.available ?? 0,
      incoming: l.incoming_total ?? 0,
      incomingLines: Object.entries(l.incoming ?? {})
        .filter(([, line]) => line.qty > 0)
        .map(([reference, line]) => ({ reference, qty: line.qty, expectedAt: line.expectedAt }))
        .sort((a, b) => ((a.expectedAt ?? "9") < (b.expectedAt ?? "9") ? -1 : 1)),
      lastEventAt: l.last_event_at?.toISOString() ?? null,
      lastCountAt: l.last_count_at?.toISOString() ?? null,
    })),
  };
}
