import "server-only";
import type pg from "pg";

export interface Subscription {
  subscribed: boolean;
  /** When the person subscribed (ISO), null when not subscribed. */
  since: string | null;
}

export async function getSubscription(pool: pg.Pool | pg.PoolClient, personId: string): Promise<Subscription> {
  const r = await pool.query<{ created_at: Date }>("SELECT created_at FROM scorecard_subscription WHERE person_id = $1", [personId]);
  const at = r.rows[0]?.created_at;
  return { subscribed: !!at, since: at ? at.toISOString() : null };
}
