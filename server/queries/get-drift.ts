import "server-only";
import type pg from "pg";

export type OpenDrift = { source: string; sku: string; location: string; bucket: string; drift: number; pool: number; reported: number; since: string };
export type DriftBySource = { source: string; skus: number; absolute: number; since: string };

/** Per source: SKUs drifting, Σ |drift|, oldest `since` (docs/RECONCILIATION.md#drift): what the dashboard panel shows. */
export async function getDriftSources(pool: pg.Pool | pg.PoolClient, filter: { skuId?: number; source?: string } = {}): Promise<DriftBySource[]> {
  const r = await pool.query<{ source: string; skus: number; absolute: string; since: Date }>({
    name: "drift-sources",
    text: `SELECT source, count(DISTINCT sku_id)::int AS skus, sum(abs(drift)) AS absolute, min(since) AS since
             FROM drift_state WHERE drift <> 0 AND ($1::int IS NULL OR sku_id = $1) AND ($2::text IS NULL OR source = $2)
            GROUP BY source ORDER BY sum(abs(drift)) DESC, source`,
    values: [filter.skuId ?? null, filter.source ?? null],
  });
  return r.rows.map((x) => ({ source: x.source, skus: x.skus, absolute: Number(x.absolute), since: x.since.toISOString() }));
}

/** GET /api/drift: the open drifts (oldest first) and the per-source summary. */
export async function getDrift(pool: pg.Pool, filter: { skuId?: number; source?: string; limit: number }): Promise<{ drifts: OpenDrift[]; sources: DriftBySource[] }> {
  const [drifts, sources] = await Promise.all([
    pool.query<{ source: string; sku: string; location: string; bucket: string; drift: number; pool: number; reported: number; since: Date }>({
      name: "drift-open",
      text: `SELECT d.source, s.code AS sku, l.code AS location, d.bucket, d.drift, d.pool, d.reported, d.since
               FROM drift_state d JOIN sku s ON s.id = d.sku_id JOIN location l ON l.id = d.location_id
              WHERE d.drift <> 0 AND ($1::int IS NULL OR d.sku_id = $1) AND ($2::text IS NULL OR d.source = $2)
              ORDER BY d.since, d.source, s.code, l.code LIMIT $3`,
      values: [filter.skuId ?? null, filter.source ?? null, filter.limit],
    }),
    getDriftSources(pool, filter),
  ]);
  return { drifts: drifts.rows.map((x) => ({ ...x, since: x.since.toISOString() })), sources };
}

export type SourceSaid = { source: string; bucket: string; reported: number; drift: number; at: string; trusted: boolean };

/**
 * Per location, the latest absolute each source sent for this SKU, trusted or not, next to the
 * pool. `drift` = pool at that time − reported (for a trusted count: its variance).
 */
export async function getSourcesSaid(pool: pg.Pool, skuId: number): Promise<{ locations: { location: string; onHand: number; said: SourceSaid[] }[] }> {
  const [levels, said] = await Promise.all([
    pool.query<{ location_id: number; location: string; on_hand: number }>(
      "SELECT sl.location_id, l.code AS location, sl.on_hand FROM stock_level sl JOIN location l ON l.id = sl.location_id WHERE sl.sku_id = $1 ORDER BY l.code",
      [skuId],
    ),
    pool.query<{ location_id: number; source: string; type: string; bucket: string | null; quantity: number; amount: number | null; kind: string | null; occurred_at: Date }>(
      `SELECT DISTINCT ON (e.location_id, e.source) e.location_id, e.source, e.type, e.bucket, e.quantity, ef.amount, ef.kind, e.occurred_at
         FROM event e LEFT JOIN event_effect ef ON ef.seq = e.seq
        WHERE e.sku_id = $1 AND e.type IN ('cycle_count', 'snapshot')
        ORDER BY e.location_id, e.source, e.occurred_at DESC, e.seq DESC`,
      [skuId],
    ),
  ]);
  const bySource = new Map<number, SourceSaid[]>();
  for (const x of said.rows) {
    let list = bySource.get(x.location_id);
    if (!list) bySource.set(x.location_id, (list = []));
    list.push({
      source: x.source,
      bucket: x.type === "snapshot" && x.bucket === "available" ? "available" : "on_hand",
      reported: x.quantity,
      drift: x.amount ?? 0,
      at: x.occurred_at.toISOString(),
      trusted: x.kind !== "drift",
    });
  }
  return { locations: levels.rows.map((l) => ({ location: l.location, onHand: l.on_hand, said: bySource.get(l.location_id) ?? [] })) };
}
