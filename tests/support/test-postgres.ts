import "../../server/preload";
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
