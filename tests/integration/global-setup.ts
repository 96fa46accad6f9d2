import type { TestProject } from "vitest/node";
import { createDatabase, dropDatabase, startTestPostgres } from "../support/test-postgres";

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
  await createDatabase(pgServer.adminUrl, name);
  project.provide("databaseUrl", pgServer.urlFor(name));
  project.provide("adminUrl", pgServer.adminUrl);

  return async () => {
    await dropDatabase(pgServer.adminUrl, name);
    await pgServer.stop();
  };
}
