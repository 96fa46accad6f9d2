// @prisma/migrate's package.json points "types" at a file it does not ship; this declares the one
// class scripts/lib/schema-diff.ts uses.
declare module "@prisma/migrate" {
  export class SchemaEngineWasm {
    static setup(input: { adapter: unknown }): Promise<SchemaEngineWasm>;
    stop?(): Promise<void>;
  }
}
