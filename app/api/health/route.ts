import { pendingMigrations } from "@/server/db/pending-migrations";
import { getServices } from "@/server/services";

export const dynamic = "force-dynamic";

/** Liveness (the process answers) and readiness (database reachable, migrations applied). */
export async function GET(): Promise<Response> {
  const { pool, startedAt, migrations } = getServices();
  const uptimeSeconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
  try {
    const t0 = Date.now();
    await pool.query("SELECT 1");
    const latencyMs = Date.now() - t0;
    const pending = await pendingMigrations(pool, migrations);
    const ready = pending.length === 0;
    return Response.json(
      { status: ready ? "ok" : "degraded", uptimeSeconds, database: { reachable: true, latencyMs }, migrations: { pending } },
      { status: ready ? 200 : 503 },
    );
  } catch (err) {
    return Response.json(
      { status: "unavailable", uptimeSeconds, database: { reachable: false, error: err instanceof Error ? err.message : String(err) } },
      { status: 503 },
    );
  }
}
