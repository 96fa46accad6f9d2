// Offline migration SQL from Prisma's WebAssembly schema engine. The native engine binary cannot be
// downloaded on these machines (see ENVIRONMENT.md), but the wasm engine ships on npm and can diff
// two schema files, or the committed migrations against schema.prisma (applying them to a shadow
// database reached through the pg driver adapter).
import { copyFile, mkdir, readdir, readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { SchemaEngineWasm } from "@prisma/migrate";

export const migrationsDir = path.resolve("prisma/migrations");
export const schemaPath = path.resolve("prisma/schema.prisma");

type Target =
  | { tag: "empty" }
  | { tag: "schemaDatamodel"; files: { path: string; content: string }[] }
  | { tag: "migrations"; baseDir: string; lockfile: { path: "migration_lock.toml"; content: string | null }; shadowDbInitScript: string; migrationDirectories: unknown[] };

export async function schemaTarget(file = schemaPath): Promise<Target> {
  return { tag: "schemaDatamodel", files: [{ path: file, content: await readFile(file, "utf8") }] };
}

export async function migrationsTarget(dir = migrationsDir): Promise<Target> {
  const names = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: await readFile(path.join(dir, name, "migration.sql"), "utf8") } },
    })),
  );
  let lock: string | null = null;
  try { lock = await readFile(path.join(dir, "migration_lock.toml"), "utf8"); } catch { lock = null; }
  return { tag: "migrations", baseDir: dir, lockfile: { path: "migration_lock.toml", content: lock }, shadowDbInitScript: "", migrationDirectories };
}

/** SQL that takes a database from `from` to `to`; "" when they agree. `shadowUrl` is needed for a migrations target. */
// @prisma/internals looks for the wasm in its own build/ folder, where only the bundled CLI puts it.
async function ensureWasmBeside(): Promise<void> {
  const req = createRequire(path.resolve("package.json"));
  const internalsBuild = path.join(path.dirname(req.resolve("@prisma/internals/package.json")), "build");
  const target = path.join(internalsBuild, "schema_engine_bg.wasm");
  try { await stat(target); return; } catch { /* copy below */ }
  await mkdir(internalsBuild, { recursive: true });
  await copyFile(path.resolve("node_modules/@prisma/schema-engine-wasm/schema_engine_bg.wasm"), target);
}

export async function diffSql(from: Target, to: Target, shadowUrl?: string): Promise<string> {
  await ensureWasmBeside();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: shadowUrl ?? process.env.SHADOW_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" }) as never);
  const engine = await SchemaEngineWasm.setup({ adapter });
  try {
    // The public wrapper prints the script to stdout; the inner engine returns it.
    const inner = (engine as unknown as { engine: { diff(i: unknown): Promise<{ stdout?: string }> } }).engine;
    const out = await inner.diff({ from, to, script: true, exitCode: null, filters: { externalTables: [], externalEnums: [] } });
    const sql = out.stdout ?? "";
    return sql.replace(/^-- This is an empty migration\.\s*$/m, "").trim();
  } finally {
    await engine.stop?.();
  }
}
