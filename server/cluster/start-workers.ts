import "server-only";
import cluster, { type Worker } from "node:cluster";
import pg from "pg";
import { restartDelayMs } from "@/lib/cluster/restart-delay";
import { workerPools } from "@/lib/cluster/worker-pools";
import { loadSecretKey } from "@/server/connectors/secret-box";
import { startEmbeddedPostgres, type EmbeddedDb } from "@/server/db/embedded-postgres";
import { applyMigrations } from "@/server/db/migrate";
import type { Env } from "@/server/env";
import { logger, loggerFor } from "@/server/log/logger";
import { refoldRequested } from "@/server/projection/refold-requested";
import { takeOverShutdownSignals } from "@/server/signal-baseline";
import { isListening, type StopMessage } from "./messages";

const clusterLog = loggerFor("cluster");

/** A worker that ran this long before dying starts the backoff over. */
const STABLE_AFTER_MS = 60_000;
/** How long a worker may take to drain on shutdown before it is killed. */
const STOP_GRACE_MS = 30_000;

/**
 * The primary of `npm start` with ONEPOOL_WORKERS > 1 (docs/SCALING.md, "One worker per core"):
 * what must happen once — the embedded Postgres when DATABASE_URL is absent, migrations, requested
 * refolds, the secret key file — then N workers (server/cluster/run-worker.ts), each a whole server
 * on the one port (node:cluster hands connections out round-robin). Workers that die are restarted;
 * SIGINT/SIGTERM drains every worker, then stops the embedded Postgres. Resolves once every worker
 * serves; exits the process itself on shutdown.
 */
export async function startWorkers(env: Env, source: NodeJS.ProcessEnv = process.env): Promise<void> {
  const n = env.ONEPOOL_WORKERS;
  const info = (m: string) => clusterLog.info(m);
  let embedded: EmbeddedDb | null = null;
  let url = env.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres(env.ONEPOOL_DATA_DIR, env.ONEPOOL_EMBEDDED_PG_PORT, info);
    url = embedded.url;
  }
  try {
    // Once, here: the workers then find nothing to migrate or refold. (Each would be safe anyway:
    // migrations take an advisory lock and refolds are idempotent; this only saves N − 1 of them.)
    const pool = new pg.Pool({ connectionString: url, max: 2, options: "-c timezone=UTC" });
    try {
      const ran = await applyMigrations(pool, undefined, info);
      if (ran.length) info(`Applied migrations: ${ran.join(", ")}`);
      await refoldRequested(pool, info);
    } finally {
      await pool.end();
    }
    // Creates the key file when there is none, so workers never race to write it.
    await loadSecretKey(env.ONEPOOL_SECRET_KEY, env.ONEPOOL_DATA_DIR);
  } catch (err) {
    await embedded?.stop();
    throw err;
  }

  const pools = workerPools(n, {
    main: source.ONEPOOL_DB_POOL_SIZE ? env.ONEPOOL_DB_POOL_SIZE : undefined,
    ingest: source.ONEPOOL_INGEST_POOL_SIZE ? env.ONEPOOL_INGEST_POOL_SIZE : undefined,
    read: source.ONEPOOL_READ_POOL_SIZE ? env.ONEPOOL_READ_POOL_SIZE : undefined,
  });
  clusterLog.info({ workers: n, pools }, `${n} workers, each with pools of ${pools.main} + ${pools.ingest} (ingest) + ${pools.read} (reads) connections: at most ${pools.total} in all`);
  if (pools.overBudget) {
    clusterLog.warn(
      { workers: n, total: pools.total },
      `${n} workers may open ${pools.total} database connections: raise Postgres's max_connections above that, or lower ONEPOOL_WORKERS (docs/SCALING.md)`,
    );
  }
  const workerEnv = {
    DATABASE_URL: url,
    ONEPOOL_DB_POOL_SIZE: String(pools.main),
    ONEPOOL_INGEST_POOL_SIZE: String(pools.ingest),
    ONEPOOL_READ_POOL_SIZE: String(pools.read),
  };

  // From here on, shutdown is ours: drain the workers, then stop the embedded Postgres.
  takeOverShutdownSignals();
  let stopping = false;
  const restarts = new Set<NodeJS.Timeout>();
  const failures = new Array<number>(n).fill(0);
  const served = new Set<number>();
  let everServed = false;
  let announced = false;

  const shutdown = async (why: string, code: number) => {
    if (stopping) return;
    stopping = true;
    for (const t of restarts) clearTimeout(t);
    clusterLog.info({ why }, `${why}: draining ${Object.keys(cluster.workers ?? {}).length} worker(s)…`);
    const live = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    const codes = await Promise.all(live.map(drain));
    const clean = codes.every((c) => c === 0);
    if (!clean) clusterLog.error({ codes }, "not every worker stopped cleanly");
    try {
      await embedded?.stop();
    } catch (err) {
      clusterLog.error({ err }, "stopping the embedded Postgres failed");
      code = 1;
    }
    clusterLog.info("stopped");
    process.exit(clean ? code : 1);
  };

  const fork = (slot: number) => {
    const worker = cluster.fork(workerEnv);
    const startedAt = Date.now();
    const pid = worker.process.pid;
    worker.on("message", (m) => {
      if (!isListening(m)) return;
      everServed = true;
      served.add(slot);
      if (!announced && served.size === n) {
        announced = true;
        logger.info({ url: m.url, workers: n }, `Onepool is running at ${m.url} (${n} workers)`);
      }
    });
    worker.on("exit", (code, signal) => {
      if (stopping) return;
      if (!everServed) {
        // No worker ever served: a configuration error (port taken, database refused), not a crash to retry.
        clusterLog.fatal({ worker: pid, workerId: worker.id, code, signal }, `worker ${pid} exited (${signal ?? code}) before any worker served: stopping`);
        void shutdown("start-up failed", 1);
        return;
      }
      failures[slot] = Date.now() - startedAt > STABLE_AFTER_MS ? 1 : failures[slot] + 1;
      const delay = restartDelayMs(failures[slot]);
      clusterLog.error(
        { worker: pid, workerId: worker.id, code, signal, restartInMs: delay, failures: failures[slot] },
        `worker ${pid} exited (${signal ?? `code ${code}`}); starting another in ${delay} ms`,
      );
      const t = setTimeout(() => {
        restarts.delete(t);
        if (!stopping) fork(slot);
      }, delay);
      restarts.add(t);
    });
  };

  process.once("SIGINT", () => void shutdown("SIGINT", 0));
  process.once("SIGTERM", () => void shutdown("SIGTERM", 0));
  for (let slot = 0; slot < n; slot++) fork(slot);
}

/** Ask a worker to stop (it drains), kill it past the grace period; resolves with its exit code (null when killed). */
function drain(worker: Worker): Promise<number | null> {
  return new Promise((resolve) => {
    if (worker.isDead()) return resolve(worker.process.exitCode);
    const kill = setTimeout(() => {
      clusterLog.error({ worker: worker.process.pid }, `worker ${worker.process.pid} did not stop within ${STOP_GRACE_MS / 1000} s: killing it`);
      worker.process.kill("SIGKILL");
    }, STOP_GRACE_MS);
    worker.once("exit", (code) => {
      clearTimeout(kill);
      resolve(code);
    });
    // A channel already closed (the worker is exiting) fails the send; the exit above still resolves.
    if (worker.isConnected()) worker.send({ type: "onepool:stop" } satisfies StopMessage, undefined, undefined, () => {});
  });
}
