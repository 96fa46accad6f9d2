// Offline migration SQL from Prisma's WebAssembly schema engine. The native engine binary cannot be
// downloaded on these machines (see ENVIRONMENT.md), but the wasm engine ships on npm and can diff
// two schema files. It still connects to a database, so each diff gets a throwaway one.
import { copyFile, mkdir, readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { SchemaEngineWasm } from "@prisma/migrate";

export const migrationsDir = path.resolve("prisma/migrations");
export const schemaPath = path.resolve("prisma/schema.prisma");

export type Target = { tag: "empty" } | { tag: "schemaDatamodel"; files: { path: string; content: string }[] };

export async function schemaTarget(file = schemaPath): Promise<Target> {
  return { tag: "schemaDatamodel", files: [{ path: file, content: await readFile(file, "utf8") }] };
}

// @prisma/internals looks for the wasm in its own build/ folder, where only the bundled CLI puts it.
async function ensureWasmBeside(): Promise<void> {
  const req = createRequire(path.resolve("package.json"));
  const internalsBuild = path.join(path.dirname(req.resolve("@prisma/internals/package.json")), "build");
  const target = path.join(internalsBuild, "schema_engine_bg.wasm");
  try {
    await stat(target);
    return;
  } catch {
    /* copy below */
  }
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
