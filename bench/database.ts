import { rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/server/db/embedded-postgres";
import { backendsOf, postmasterTree } from "./process-cpu";

// Where the bench writes: a fresh throwaway database, never the app's own data.
// - BENCH_DATABASE_URL / DATABASE_URL set → `onepool_bench_<pid>` created on that server (through
//   an admin connection to the given URL) and dropped afterwards.
// - otherwise → an embedded Postgres in .data/bench, wiped before the run and removed after.

export interface BenchDb {
  url: string;
  describe: string;
  /** This run's Postgres processes, for CPU accounting. */
  postgresPids: () => number[];
  cleanup(): Promise<void>;
}

export async function prepareDatabase(opts: { adminUrl: string | undefined; embeddedDir: string; log: (m: string) => void }): Promise<BenchDb> {
  if (opts.adminUrl) return freshDatabaseOn(opts.adminUrl, opts.log);
  const dir = path.resolve(opts.embeddedDir);
  await rm(dir, { recursive: true, force: true });
  const embedded = await startEmbeddedPostgres(dir, 54339, opts.log);
  let done = false;
  return {
    url: embedded.url,
    describe: `embedded Postgres (embedded-postgres package) in ${path.relative(process.cwd(), dir)}`,
    postgresPids: postmasterTree(path.join(dir, "pg", "postmaster.pid")),
    async cleanup() {
      if (done) return;
      done = true;
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function freshDatabaseOn(adminUrl: string, log: (m: string) => void): Promise<BenchDb> {
  // BENCH_DATABASE_NAME: a name of your own (a shared Postgres with a naming rule per user).
  const name = process.env.BENCH_DATABASE_NAME || `onepool_bench_${process.pid}`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`BENCH_DATABASE_NAME: a lower-case SQL identifier, not ${name}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  log(`Created database ${name} on ${url.host}`);
  let done = false;
  return {
    url: url.toString(),
    describe: `database ${name} on ${url.host} (dropped after the run)`,
    postgresPids: backendsOf(name),
    async cleanup() {
      if (done) return;
      done = true;
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        // FORCE (Postgres 13+) ends connections a crashed phase may have left behind.
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => c.query(`DROP DATABASE IF EXISTS ${name}`));
      } finally {
        await c.end();
      }
    },
  };
}

/** Between phases: flush dirty pages and refresh statistics, so one phase's leftovers weigh less on the next. */
export async function settle(pool: pg.Pool): Promise<void> {
  await pool.query("CHECKPOINT").catch(() => {});
  await pool.query("VACUUM ANALYZE event, stock_level, sales_hourly").catch(() => {});
}
