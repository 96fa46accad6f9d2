import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { loggerFor } from "@/server/log/logger";

const dbLog = loggerFor("db");

// int8 (ledger seq, counts) arrives as a string: ids stay strings end to end (docs/CONNECTORS.md).
// numeric stays a string too, so decimals are never rounded through a float.

export interface Db {
  pool: pg.Pool;
  /** Ingest's own connections (group commit, token checks): dashboard reads cannot take them (review #13). */
  ingestPool: pg.Pool;
  /** Catalogue-wide reads (SKU lists, lag percentiles, rule previews): few connections, each statement time-limited. */
  readPool: pg.Pool;
  prisma: PrismaClient;
  close(): Promise<void>;
}

export interface PoolOptions {
  /** Connections for ingest (default 3: group commit writes one batch at a time). */
  ingestSize?: number;
  /** Connections for expensive reads (default 3). */
  readSize?: number;
  /** statement_timeout of the read pool's sessions, ms (default 10 s). */
  readTimeoutMs?: number;
  /** How long a request waits for a connection, or for the database to accept one, before failing (503), ms. */
  connectTimeoutMs?: number;
}

/** Prisma (through its pg adapter) and most SQL share `pool`; ingest and expensive reads each get their own. */
export function connectDb(url: string, max = 10, opts: PoolOptions = {}): Db {
  const connectionTimeoutMillis = opts.connectTimeoutMs ?? 5000;
  // UTC sessions: sales roll up by date_trunc('hour'), which must agree with the JS hour buckets.
  // connectionTimeoutMillis: with the database away (or every connection busy) a request fails in
  // seconds, answered 503 + Retry-After, instead of waiting forever; the pool reconnects by itself.
  const open = (size: number, name: string, options = "-c timezone=UTC") => {
    const p = new pg.Pool({ connectionString: url, max: size, idleTimeoutMillis: 30_000, connectionTimeoutMillis, options });
    p.on("error", (err) => dbLog.error({ err, pool: name }, "idle client error"));
    // A checked-out client between two queries (inside a transaction, or the outbox's claimant
    // session) that loses its connection emits 'error' with no listener: an uncaught exception that
    // killed the process when the database restarted. Its next query fails instead (a 503).
    p.on("connect", (client) => client.on("error", (err) => dbLog.error({ err, pool: name }, "connection lost")));
    return p;
  };
  const pool = open(max, "pool");
  const ingestPool = open(opts.ingestSize ?? 3, "ingest");
  const readPool = open(opts.readSize ?? 3, "read", `-c timezone=UTC -c statement_timeout=${Math.trunc(opts.readTimeoutMs ?? 10_000)}`);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    pool,
    ingestPool,
    readPool,
    prisma,
    async close() {
      await prisma.$disconnect();
      await Promise.all([pool.end(), ingestPool.end(), readPool.end()]);
    },
  };
}
