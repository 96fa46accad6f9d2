import type { TestProject } from "vitest/node";
import pg from "pg";
import { startTestPostgres } from "../support/test-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    adminUrl: string;
  }
}

/**
 * One fresh database for the run, on a real Postgres: TEST_DATABASE_URL's server when given
 * (npm test passes the one it started), else an embedded Postgres. Dropped at the end.
 */
export default async function setup(project: TestProject) {
  const pgServer = await startTestPostgres();
  const name = `onepool_it_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgServer.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  project.provide("databaseUrl", pgServer.urlFor(name));
  project.provide("adminUrl", pgServer.adminUrl);

  return async () => {
    const a = new pg.Client({ connectionString: pgServer.adminUrl });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
    await pgServer.stop();
  };
}
