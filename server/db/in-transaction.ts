import "server-only";
import type pg from "pg";

/**
 * Run `fn` in one transaction on a client of its own: committed if it returns, rolled back if it
 * throws. `begin` opens it (an isolation level, READ ONLY).
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, begin = "BEGIN"): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const r = await fn(client);
    await client.query("COMMIT");
    return r;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
