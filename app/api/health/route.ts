import { pendingMigrations } from "@/server/db/pending-migrations";
import { getServices } from "@/server/services";
import { loggerFor } from "@/server/log/logger";

const healthLog = loggerFor("health");

export const dynamic = "force-dynamic";

/**
 * Liveness (the process answers) and readiness (database reachable, migrations applied). Anyone
 * may ask, so it says what is wrong in general terms only: the database's error text (host names,
 * auth failures) and migration names go to the server log.
 */
export async function GET(): Promise<Response> {
  const { pool, startedAt, migrations } = getServices();
  const uptimeSeconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
  try {
    const t0 = Date.now();
    await pool.query("SELECT 1");
    const latencyMs = Date.now() - t0;
    const pending = await pendingMigrations(pool, migrations);
    const ready = pending.length === 0;
    if (!ready) healthLog.error({ pending }, "migrations not applied");
    return Response.json({ status: ready ? "ok" : "degraded", uptimeSeconds, database: { reachable: true, latencyMs }, migrations: { pending: pending.length } }, { status: ready ? 200 : 503 });
  } catch (err) {
    healthLog.error({ err }, "database check failed");
    return Response.json({ status: "unavailable", uptimeSeconds, database: { reachable: false, error: "the database is unreachable or refused the check; see the server log" } }, { status: 503 });
  }
}
