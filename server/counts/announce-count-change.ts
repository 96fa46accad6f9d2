import "server-only";
import type pg from "pg";

/** The Postgres channel count changes travel on to every instance's hub (server/realtime/credential-bus.ts listens). */
export const COUNT_CHANNEL = "onepool_count_changed";

export interface CountChange {
  id: string;
  status: string;
  location: string;
}

/**
 * Inside the transaction that changes a count: Postgres delivers the notification on commit only,
 * to every listening instance, so open count screens refresh live (no polling) and a rolled-back
 * change is never announced.
 */
export async function announceCountChange(db: Pick<pg.PoolClient, "query">, change: CountChange): Promise<void> {
  await db.query("SELECT pg_notify($1, $2)", [COUNT_CHANNEL, JSON.stringify(change)]);
}
