import "server-only";
import type pg from "pg";

export interface RuleView {
  id: string;
  channel: string;
  scope: "channel" | "tag" | "sku";
  sku: string | null;
  tag: string | null;
  bufferUnits: number | null;
  bufferPercent: number | null;
  dynamicK: number | null;
  reserveUnits: number | null;
  reservePercent: number | null;
  floor: number | null;
  minQty: number | null;
  maxQty: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}

export const RULE_SELECT = `
  SELECT r.id::text, c.code AS channel, s.code AS sku, r.tag, r.buffer_units, r.buffer_percent, r.dynamic_k::text AS dynamic_k,
         r.reserve_units, r.reserve_percent, r.floor, r.min_qty, r.max_qty, r.version, r.created_at, r.updated_at, r.updated_by
    FROM channel_rule r JOIN channel c ON c.id = r.channel_id LEFT JOIN sku s ON s.id = r.sku_id`;

export interface RuleRow {
  id: string;
  channel: string;
  sku: string | null;
  tag: string | null;
  buffer_units: number | null;
  buffer_percent: number | null;
  dynamic_k: string | null;
  reserve_units: number | null;
  reserve_percent: number | null;
  floor: number | null;
  min_qty: number | null;
  max_qty: number | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  updated_by: string | null;
}

export function toRuleView(r: RuleRow): RuleView {
  return {
    id: r.id,
    channel: r.channel,
    scope: r.sku ? "sku" : r.tag ? "tag" : "channel",
    sku: r.sku,
    tag: r.tag,
    bufferUnits: r.buffer_units,
    bufferPercent: r.buffer_percent,
    dynamicK: r.dynamic_k === null ? null : Number(r.dynamic_k),
    reserveUnits: r.reserve_units,
    reservePercent: r.reserve_percent,
    floor: r.floor,
    minQty: r.min_qty,
    maxQty: r.max_qty,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    updatedBy: r.updated_by,
  };
}

/** Rules, optionally of one channel: channel default, then tag rules (oldest first), then SKU overrides. */
export async function getRules(db: pg.Pool | pg.PoolClient, channel?: string): Promise<RuleView[]> {
  const r = await db.query<RuleRow>(
    `${RULE_SELECT} WHERE ($1::text IS NULL OR c.code = $1)
      ORDER BY c.code, (r.sku_id IS NOT NULL), (r.tag IS NOT NULL), r.created_at, s.code, r.id`,
    [channel ?? null],
  );
  return r.rows.map(toRuleView);
}

export async function getRule(db: pg.Pool | pg.PoolClient, id: string, lock = false): Promise<RuleView | null> {
  const r = await db.query<RuleRow>(`${RULE_SELECT} WHERE r.id = $1${lock ? " FOR UPDATE OF r" : ""}`, [id]);
  return r.rows[0] ? toRuleView(r.rows[0]) : null;
}
