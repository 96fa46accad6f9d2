import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, inject, it } from "vitest";
import { startEmbeddedPostgres } from "@/server/db/embedded-postgres";
import { createDatabase, dropDatabase, withDatabase } from "../support/test-postgres";
import { ev, startTestServer, uniqueCatalog } from "../support/test-server";

// docs/OPERATIONS.md's backup and restore, as written: pg_dump -Fc, pg_restore into a new
// database, then `npm run rebuild -- --check` says the projections equal a replay of the ledger.

const SRC = `onepool_it_bk_src_${process.pid}`;
const DST = `onepool_it_bk_dst_${process.pid}`;
const dir = mkdtempSync(path.join(os.tmpdir(), "onepool-backup-"));
const dirs: string[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await dropDatabase(inject("adminUrl"), SRC);
  await dropDatabase(inject("adminUrl"), DST);
});

/** pg_dump refuses a newer server (the embedded one is 18): then there is nothing to test here. */
async function clientMatchesServer(url: string): Promise<boolean> {
  const dump = spawnSync("pg_dump", ["--version"], { encoding: "utf8" });
  if (dump.status !== 0) return false;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const server = Number((await c.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0].v);
  await c.end();
  return Number(/(\d+)\./.exec(dump.stdout)?.[1] ?? 0) >= Math.floor(server / 10000);
}

/** A server on `databaseUrl` writes a catalogue of the one SKU `sku` and `events` of it, then stops. */
async function writeLedger(databaseUrl: string, sku: string, events: (c: ReturnType<typeof uniqueCatalog>) => unknown[]): Promise<void> {
  const server = await startTestServer(databaseUrl);
  try {
    const c = uniqueCatalog({ skus: [sku] });
    await server.catalog(c.input);
    expect((await server.post(events(c))).status).toBe(202);
    await server.services.publisher.settle();
  } finally {
    await server.stop();
  }
}

it("a pg_dump restored into a new database passes `npm run rebuild -- --check`", async (ctx) => {
  const admin = inject("adminUrl");
  if (!(await clientMatchesServer(admin))) ctx.skip();
  await createDatabase(admin, SRC);
  await createDatabase(admin, DST);
  const src = withDatabase(admin, SRC);
  await writeLedger(src, "BK", (c) => [
    ev({ type: "receipt", sku: c.sku("BK"), location: c.loc("wh"), quantity: 12 }),
    ev({ type: "order.placed", sku: c.sku("BK"), location: c.loc("wh"), channel: c.channel, quantity: 5 }),
  ]);
  const file = path.join(dir, "onepool.dump");
  execFileSync("pg_dump", ["-Fc", src, "-f", file]);
  execFileSync("pg_restore", ["--no-owner", "-d", withDatabase(admin, DST), file]);
  const check = spawnSync(process.execPath, ["--import", "tsx", "server/cli/rebuild.ts", "--check"], {
    env: { ...process.env, DATABASE_URL: withDatabase(admin, DST) },
    encoding: "utf8",
  });
  expect(check.stdout).toMatch(/The live projection equals the replay/);
  expect(check.status).toBe(0);
}, 60_000);

// The other backup docs/OPERATIONS.md gives for an embedded install, and the one any machine can
// test (the embedded server is 18; a distribution's pg_dump is often older): a cold copy of the
// stopped data folder, started elsewhere, replays to the same projection.
it("a cold copy of a stopped embedded data folder passes `npm run rebuild -- --check`", async () => {
  const original = mkdtempSync(path.join(os.tmpdir(), "onepool-cold-"));
  const copy = `${original}-copy`;
  dirs.push(original, copy);
  // As root the cluster runs as 'postgres', which must enter the folder.
  chmodSync(original, 0o755);
  const db = await startEmbeddedPostgres(original, 54381, () => {});
  try {
    await writeLedger(db.url, "CC", (c) => [
      ev({ type: "receipt", sku: c.sku("CC"), location: c.loc("wh"), quantity: 30 }),
      ev({ type: "order.placed", sku: c.sku("CC"), location: c.loc("wh"), channel: c.channel, quantity: 4 }),
      ev({ type: "cycle_count", sku: c.sku("CC"), location: c.loc("wh"), quantity: 27 }),
    ]);
  } finally {
    await db.stop();
  }
  // `cp -a`, as docs/OPERATIONS.md says: owners and modes come along (as root the files are postgres's).
  execFileSync("cp", ["-a", original, copy]);
  // What an operator runs on the copy: the CLI starts the embedded server on that folder itself.
  const env: NodeJS.ProcessEnv = { ...process.env, ONEPOOL_DATA_DIR: copy, ONEPOOL_EMBEDDED_PG_PORT: "54382" };
  delete env.DATABASE_URL;
  const check = spawnSync(process.execPath, ["--import", "tsx", "server/cli/rebuild.ts", "--check"], { env, encoding: "utf8", timeout: 90_000 });
  expect(check.stdout, check.stderr).toMatch(/The live projection equals the replay/);
  expect(check.status).toBe(0);
}, 120_000);
