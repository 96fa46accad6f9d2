import { defineConfig } from "prisma/config";

// The CLI is only used for `prisma generate` here; migrations are committed SQL applied by the
// app at start-up (server/db/migrate.ts).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
