import "server-only";
import type pg from "pg";

/** Which of `expected` the database has not applied (readiness). */
export async function pendingMigrations(pool: pg.Pool, expected: readonly string[]): Promise<string[]> {
  const done = await pool.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
  const applied = new Set(done.rows.map((r) => r.migration_name));
  return expected.filter((n) => !applied.has(n));
}
