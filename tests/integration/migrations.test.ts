import pg from "pg";
import { afterAll, expect, inject, it } from "vitest";
import { applyMigrations } from "@/server/db/migrate";
import { diffSql, schemaTarget } from "../../scripts/lib/schema-diff";
import { createDatabase, dropDatabase, withDatabase } from "../support/test-postgres";

// schema.prisma and prisma/migrations must describe the same database: build one from each and
// compare their catalogues. Fails when someone edits the schema without a migration (or the reverse).

const admin = inject("adminUrl");
const dbs: string[] = [];

async function freshDb(name: string): Promise<pg.Pool> {
  await createDatabase(admin, name);
  dbs.push(name);
  return new pg.Pool({ connectionString: withDatabase(admin, name), max: 2 });
}

afterAll(async () => {
  for (const d of dbs) await dropDatabase(admin, d);
});

async function describeSchema(pool: pg.Pool) {
  const cols = await pool.query(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, numeric_precision, numeric_scale
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
      ORDER BY table_name, column_name`,
  );
  const idx = await pool.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`);
  const cons = await pool.query(
    `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY conname`,
  );
  return { columns: cols.rows, indexes: idx.rows, constraints: cons.rows };
}

it("the committed migrations build exactly the database schema.prisma describes", async () => {
  process.env.SHADOW_DATABASE_URL = admin;
  const suffix = process.pid;
  const fromMigrations = await freshDb(`onepool_mig_a_${suffix}`);
  const fromSchema = await freshDb(`onepool_mig_b_${suffix}`);
  try {
    await applyMigrations(fromMigrations, undefined, () => {});
    await fromSchema.query(await diffSql({ tag: "empty" }, await schemaTarget()));
    const a = await describeSchema(fromMigrations);
    const b = await describeSchema(fromSchema);
    expect(a.columns.length).toBeGreaterThan(50);
    expect(a).toEqual(b);
  } finally {
    await fromMigrations.end();
    await fromSchema.end();
  }
}, 60_000);
