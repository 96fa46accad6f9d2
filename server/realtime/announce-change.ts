import "server-only";
import type pg from "pg";
import { contextChangePayload, type ContextChange } from "@/lib/realtime/context-change";

/** The Postgres channel catalogue, rule, pause, token and source changes travel on (server/realtime/credential-bus.ts listens). */
export const CHANGE_CHANNEL = "onepool_context_changed";

/**
 * Inside the changing transaction: Postgres delivers it on commit only (never a rolled-back change)
 * to every instance listening, which reloads what it caches. The sending instance applies the change
 * itself (its answer waits for that) and knows its echo by the sending connection
 * (server/db/own-backends.ts); a CLI process, which runs no bus, still reaches the running instances.
 */
export async function announceChange(db: Pick<pg.PoolClient, "query">, change: ContextChange): Promise<void> {
  await db.query("SELECT pg_notify($1, $2)", [CHANGE_CHANNEL, contextChangePayload(change)]);
}
