import "server-only";
import { requireCatalogId } from "@/server/catalog/find-catalog-id";
import type { Republisher } from "@/server/publishing/publisher";
import type pg from "pg";
import type { CreatePauseInput } from "@/lib/contracts/pauses";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/server/audit/record-audit";
import { inTransaction } from "@/server/db/in-transaction";
import { AdminError } from "@/server/http/admin-error";
import { announceChange } from "@/server/realtime/announce-change";

// Given a publisher (the API), a change returns once every published number reflects it; the demo
// seed passes none and recomputes once after all its changes.

// Pauses (docs/CHANNEL-RULES.md): a channel, a SKU on every channel, or one (channel, SKU); a reason, who,
// and an optional end that resumes on its own. A pause stops showing stock; it releases nothing.

export interface PauseView {
  id: string;
  /** Null: every channel. */
  channel: string | null;
  /** Null: every SKU. */
  sku: string | null;
  reason: string;
  /** Null: until someone resumes it. */
  until: string | null;
  createdBy: string;
  createdAt: string;
}

const SELECT = `SELECT p.id::text, c.code AS channel, s.code AS sku, p.reason, p.until, p.created_by, p.created_at, p.ended_at
                  FROM pause p LEFT JOIN channel c ON c.id = p.channel_id LEFT JOIN sku s ON s.id = p.sku_id`;
type Row = { id: string; channel: string | null; sku: string | null; reason: string; until: Date | null; created_by: string; created_at: Date; ended_at: Date | null };
const view = (r: Row): PauseView => ({
  id: r.id,
  channel: r.channel,
  sku: r.sku,
  reason: r.reason,
  until: r.until?.toISOString() ?? null,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});
const ACTIVE = "p.ended_at IS NULL AND (p.until IS NULL OR p.until > now())";

/** Active pauses, newest first. */
export async function getPauses(db: pg.Pool | pg.PoolClient): Promise<PauseView[]> {
  return (await db.query<Row>(`${SELECT} WHERE ${ACTIVE} ORDER BY p.created_at DESC, p.id DESC`)).rows.map(view);
}

export async function createPause(pool: pg.Pool, input: CreatePauseInput, actor: Actor, publisher?: Republisher): Promise<PauseView> {
  const saved = await inTransaction(pool, async (db) => {
    const channelId = input.channel ? await requireCatalogId(db, "channel", input.channel) : null;
    const skuId = input.sku ? await requireCatalogId(db, "sku", input.sku) : null;
    await db.query("SELECT pg_advisory_xact_lock(hashtext('onepool.pauses'))");
    const dup = await db.query<{ id: string }>(`SELECT p.id::text FROM pause p WHERE p.channel_id IS NOT DISTINCT FROM $1 AND p.sku_id IS NOT DISTINCT FROM $2 AND ${ACTIVE}`, [channelId, skuId]);
    if (dup.rows[0]) throw new AdminError(409, "already_paused", "this is already paused: resume it, or change that pause", undefined, { id: dup.rows[0].id });
    const ins = await db.query<{ id: string }>("INSERT INTO pause (channel_id, sku_id, reason, created_by, until) VALUES ($1, $2, $3, $4, $5) RETURNING id::text", [
      channelId,
      skuId,
      input.reason,
      actor.label,
      input.until ? new Date(input.until) : null,
    ]);
    const p = view((await db.query<Row>(`${SELECT} WHERE p.id = $1`, [ins.rows[0].id])).rows[0]);
    await recordAudit(db, { actor, action: "pause.created", target: `pause:${p.id}`, details: { channel: p.channel, sku: p.sku }, after: { reason: p.reason, until: p.until } });
    await announceChange(db, { kind: "pauses" });
    return p;
  });
  await publisher?.recomputeAll();
  return saved;
}

/** Resume. Ending a pause that already ended (or ran out) answers with when it ended and changes nothing. */
export async function endPause(pool: pg.Pool, id: string, actor: Actor, publisher?: Republisher): Promise<{ id: string; endedAt: string }> {
  const saved = await inTransaction(pool, async (db) => {
    const r = await db.query<Row>(`${SELECT} WHERE p.id = $1 FOR UPDATE OF p`, [id]);
    const row = r.rows[0];
    if (!row) throw new AdminError(404, "not_found", `no pause ${id}`);
    if (row.ended_at) return { id, endedAt: row.ended_at.toISOString() };
    if (row.until && row.until.getTime() <= Date.now()) return { id, endedAt: row.until.toISOString() };
    const ended = await db.query<{ ended_at: Date }>("UPDATE pause SET ended_at = now(), ended_by = $2 WHERE id = $1 RETURNING ended_at", [id, actor.label]);
    await recordAudit(db, {
      actor,
      action: "pause.ended",
      target: `pause:${id}`,
      details: { channel: row.channel, sku: row.sku, reason: row.reason },
      before: { active: true },
      after: { active: false },
    });
    await announceChange(db, { kind: "pauses" });
    return { id, endedAt: ended.rows[0].ended_at.toISOString() };
  });
  await publisher?.recomputeAll();
  return saved;
}
