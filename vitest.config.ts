import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // In plain Node `server-only` would throw; the custom server maps it the same way (server/preload.ts).
  resolve: { alias: { "@": path.resolve(__dirname), "server-only": path.resolve(__dirname, "server/server-only-shim.ts") } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["lib/**/*.test.ts", "server/**/*.test.ts", "components/**/*.test.ts", "client/**/*.test.ts", "hooks/**/*.test.ts", "bench/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          // One Postgres database shared by the files: run them one after another.
          fileParallelism: false,
          // The servers these tests start log warnings and errors only; tests/integration/logs.test.ts raises it.
          env: { ONEPOOL_LOG_LEVEL: process.env.ONEPOOL_LOG_LEVEL ?? "warn" },
          // Generous: these assert correctness; a loaded CI machine ran some past 30 s. Speed lives in `npm run bench`.
          testTimeout: 90_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
