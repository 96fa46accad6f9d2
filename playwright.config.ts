import { defineConfig } from "@playwright/test";
import { E2E_ADMIN } from "./e2e/support/people";

// E2E runs against the built app (npm run build first; npm test does it) on its own database:
// E2E_DATABASE_URL when given (npm test creates one), else an embedded Postgres in .data/e2e.
const port = Number(process.env.E2E_PORT ?? 3199);
export const E2E_TOKEN = process.env.E2E_TOKEN ?? "op_e2e_token_0123456789abcdefghijklmnop";

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  // "setup" signs in one person per role (e2e/auth.setup.ts); specs run as the admin unless they
  // pick another role with test.use({ storageState: stateFor(role) }).
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "e2e", dependencies: ["setup"], use: { storageState: "e2e/.auth/admin.json" } },
  ],
  webServer: {
    command: "npx tsx server/main.ts",
    url: `http://localhost:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      // One process: specs run one at a time against it (e2e/two-instances.spec.ts starts a second
      // instance of its own); `npm start`'s one worker per CPU is covered by tests/integration/workers.test.ts.
      ONEPOOL_WORKERS: process.env.ONEPOOL_WORKERS ?? "1",
      // Warnings and errors only (sign-in refusals, failures): one info line per answer would bury the report.
      ONEPOOL_LOG_LEVEL: process.env.ONEPOOL_LOG_LEVEL ?? "warn",
      ONEPOOL_BOOTSTRAP_TOKEN: E2E_TOKEN,
      ONEPOOL_ADMIN_EMAIL: E2E_ADMIN.email,
      ONEPOOL_ADMIN_PASSWORD: E2E_ADMIN.password,
      // Specs that register channel pushes point them at receivers on loopback (docs/SECURITY.md refuses it otherwise).
      ONEPOOL_OUTBOUND_ALLOW_HOSTS: "127.0.0.1,localhost",
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : { ONEPOOL_DATA_DIR: ".data/e2e", ONEPOOL_EMBEDDED_PG_PORT: "54339" }),
    },
  },
});
