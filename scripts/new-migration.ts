// npm run migration:new -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL from the schema.prisma of the
// last commit to the one in the working tree. That "from" is exact because the drift test
// (tests/integration/migrations.test.ts) keeps every commit's migrations equal to its schema.
// (The wasm engine cannot replay migrations into a shadow database or introspect a URL here.)
// Needs a Postgres for the engine's scratch database: SHADOW_DATABASE_URL, default 127.0.0.1:5432.
import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { diffSql, migrationsDir, schemaPath, schemaTarget, type Target } from "./lib/schema-diff";

function committedSchema(): string | null {
  try {
    return execFileSync("git", ["show", `HEAD:${path.relative(process.cwd(), schemaPath)}`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return null;
  }
}

async function main() {
  const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
  if (!name) throw new Error("usage: npm run migration:new -- <name>");
  const before = committedSchema();
  const from: Target = before === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: schemaPath, content: before }] };
  const sql = await diffSql(from, await schemaTarget());
  if (!sql) {
    console.log("schema.prisma is unchanged since the last commit: nothing to write.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), `${sql}\n`);
  console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql — review it, then commit it with the schema change.`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
