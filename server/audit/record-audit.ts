import "server-only";
import type pg from "pg";

/** One control change in the append-only audit log (DESIGN §8): who, what, on what, when. */
export async function recordAudit(db: pg.Pool | pg.PoolClient, entry: { actor: string; action: string; target: string; details?: unknown }): Promise<void> {
  await db.query("INSERT INTO audit_log (actor, action, target, details) VALUES ($1, $2, $3, $4)", [entry.actor, entry.action, entry.target, JSON.stringify(entry.details ?? {})]);
}
