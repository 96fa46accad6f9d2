import "../../server/preload";
import pg from "pg";
import { startEmbeddedPostgres } from "@/server/db/embedded-postgres";

export interface TestPostgres {
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

/**
 * The Postgres server tests use: TEST_DATABASE_URL (any database on it; we only create and drop
 * our own) or, on a machine with nothing but Node, an embedded one in .data/test-pg.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    return { adminUrl: given, urlFor: (db) => withDatabase(given, db), stop: async () => {} };
  }
  const embedded = await startEmbeddedPostgres(".data/test-pg", 54349, () => {});
  const adminUrl = withDatabase(embedded.url, "postgres");
  return { adminUrl, urlFor: (db) => withDatabase(embedded.url, db), stop: () => embedded.stop() };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** (Re)create an empty database on the test server. Names are ours, never user input. */
export async function createDatabase(adminUrl: string, name: string): Promise<void> {
  await adminQuery(adminUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`]);
}

/**
 * Drops a test's own database. pg's `pool.end()` resolves before its connections have closed; a
 * FORCE drop in that gap terminates them mid-close, and the terminated client's error surfaced as an
 * uncaught exception in whichever test file ran next. So wait (bounded) for them to go first.
 */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const end = Date.now() + 3000; Date.now() < end; ) {
      const open = await admin.query("SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() LIMIT 1", [name]);
      if (open.rowCount === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function adminQuery(adminUrl: string, statements: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const sql of statements) await admin.query(sql);
  } finally {
    await admin.end();
  }
}
