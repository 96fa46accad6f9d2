import pg from "pg";
import { inject } from "vitest";
import type { CatalogInput } from "@/server/catalog/upsert-catalog";
import { applyMigrations } from "@/server/db/migrate";
import { createDatabase, dropDatabase, withDatabase } from "./test-postgres";
import { startTestServer, type TestServer } from "./test-server";

/** Its database's URL, for a test that restarts a server on the same ledger. */
export type OwnDatabaseServer = TestServer & { databaseUrl: string };

/**
 * A test server on a database of its own (`<name>_<pid>`, made empty first), for a file that needs
 * an empty ledger or settings no other file shares; stopping the server drops the database.
 */
export async function startOnOwnDatabase(name: string, ...rest: Parameters<typeof startTestServer> extends [string, ...infer R] ? R : never): Promise<OwnDatabaseServer> {
  const adminUrl = inject("adminUrl");
  const db = `${name}_${process.pid}`;
  await createDatabase(adminUrl, db);
  const databaseUrl = withDatabase(adminUrl, db);
  let server: TestServer;
  try {
    server = await startTestServer(databaseUrl, ...rest);
  } catch (err) {
    await dropDatabase(adminUrl, db);
    throw err;
  }
  return {
    ...server,
    databaseUrl,
    async stop() {
      await server.stop();
      await dropDatabase(adminUrl, db);
    },
  };
}

/** A database of its own for one test (`<name>_<pid>`, made empty), dropped by the file's `cleanups`; its URL. */
export async function scratchDatabase(name: string, cleanups: (() => unknown)[]): Promise<string> {
  const adminUrl = inject("adminUrl");
  const db = `${name}_${process.pid}`;
  await createDatabase(adminUrl, db);
  cleanups.push(() => dropDatabase(adminUrl, db));
  return withDatabase(adminUrl, db);
}

/** Migrations and `catalog` written by a test server that then stops, for a test whose own child process is to be the only server on the database. */
export async function migrateWithCatalog(databaseUrl: string, catalog: CatalogInput): Promise<void> {
  const setup = await startTestServer(databaseUrl);
  await setup.catalog(catalog);
  await setup.stop();
}

/** A migrated database of its own and a pool on it; `drop` ends the pool and drops the database. */
export interface MigratedDatabase {
  url: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

/**
 * A database of its own (`<name>_<pid>`, made empty) with every migration applied and no server,
 * for a file that writes its ledger by SQL; a pool of at most `max` connections on it.
 */
export async function migratedDatabase(name: string, max = 4): Promise<MigratedDatabase> {
  const adminUrl = inject("adminUrl");
  const db = `${name}_${process.pid}`;
  await createDatabase(adminUrl, db);
  const url = withDatabase(adminUrl, db);
  const pool = new pg.Pool({ connectionString: url, max });
  const drop = async () => {
    await pool.end();
    await dropDatabase(adminUrl, db);
  };
  try {
    await applyMigrations(pool, undefined, () => {});
  } catch (err) {
    await drop();
    throw err;
  }
  return { url, pool, drop };
}
