import "server-only";
import { connectDb, type Db } from "@/server/db/connect";
import { startEmbeddedPostgres } from "@/server/db/embedded-postgres";
import { applyMigrations } from "@/server/db/migrate";
import { parseEnv, type Env } from "@/server/env";

/** Run a command against the app's database (DATABASE_URL, or the embedded one in ONEPOOL_DATA_DIR). */
export async function runCli(fn: (db: Db, env: Env) => Promise<void>): Promise<void> {
  const env = parseEnv();
  const embedded = env.DATABASE_URL ? null : await startEmbeddedPostgres(env.ONEPOOL_DATA_DIR, env.ONEPOOL_EMBEDDED_PG_PORT, () => {});
  const db = connectDb(env.DATABASE_URL ?? embedded!.url, 4);
  try {
    await applyMigrations(db.pool, undefined, () => {});
    await fn(db, env);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  } finally {
    await db.close();
    await embedded?.stop();
  }
}
