import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";

// int8 (ledger seq, counts) arrives as a string: ids stay strings end to end (DESIGN §11).
// numeric stays a string too, so decimals are never rounded through a float.

export interface Db {
  pool: pg.Pool;
  prisma: PrismaClient;
  close(): Promise<void>;
}

/** One pool for the process: Prisma (through its pg adapter) and the ingest path's SQL share it. */
export function connectDb(url: string, max = 10): Db {
  // UTC sessions: sales roll up by date_trunc('hour'), which must agree with the JS hour buckets.
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000, options: "-c timezone=UTC" });
  pool.on("error", (err) => console.error("[db] idle client error:", err.message));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    pool,
    prisma,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
