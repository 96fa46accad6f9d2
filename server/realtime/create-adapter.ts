import "server-only";
import pg from "pg";
import type { ServerOptions } from "socket.io";
import { createAdapter as createPostgresAdapter } from "@socket.io/postgres-adapter";
import { createAdapter as createRedisAdapter } from "@socket.io/redis-streams-adapter";
import { createClient } from "redis";
import { loggerFor } from "@/server/log/logger";

const adapterLog = loggerFor("realtime");

export interface ClusterAdapter {
  kind: "postgres" | "redis";
  adapter: NonNullable<ServerOptions["adapter"]>;
  /** After Socket.IO closed (which closes the adapter): the Redis connection. */
  close(): Promise<void>;
}

/**
 * Socket.IO's cluster adapter (docs/LIVE.md, docs/ARCHITECTURE.md): what one instance does to sockets (a revocation's
 * disconnect, fetchSockets) reaches every instance's. Postgres by default (its table
 * `socket_io_attachments` is created by a migration), Redis streams when REDIS_URL is set.
 * Frames do not rely on it for their order: see server/realtime/frame-bus.ts.
 */
export async function createClusterAdapter(databaseUrl: string, redisUrl: string | undefined): Promise<ClusterAdapter> {
  if (redisUrl) {
    const client = createClient({ url: redisUrl });
    client.on("error", (err: unknown) => adapterLog.error({ err }, "redis connection error"));
    await client.connect();
    return {
      kind: "redis",
      adapter: createRedisAdapter(client, { streamName: "onepool-socket.io" }),
      close: async () => {
        await client.close().catch(() => {});
      },
    };
  }
  // Its own small pool, not the app's. The adapter keeps one client checked out for LISTEN and, when
  // that connection dies, takes another without releasing the dead one; and a close() while it is
  // still connecting leaves the new client checked out. Either way the pool's end() would wait
  // forever (seen as a server that never stopped after a database outage). Here a dead listener is
  // released with its error, and close() gives the pool a bounded time to end.
  const adapterPool = new pg.Pool({ connectionString: databaseUrl, max: 3, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5000, options: "-c timezone=UTC" });
  adapterPool.on("error", (err) => adapterLog.error({ err }, "socket.io postgres adapter: idle client error"));
  // Once per connection ("connect"), not per checkout: every NOTIFY of a frame checks a client out,
  // and listeners added on "acquire" piled up without end (MaxListenersExceededWarning, a leak).
  adapterPool.on("connect", (client) => {
    const lost = (err?: Error) => (client as pg.PoolClient).release(err ?? new Error("connection ended"));
    client.once("end", () => {
      try {
        lost();
      } catch {
        // already released (the adapter's own close)
      }
    });
    client.on("error", (err) => adapterLog.error({ err }, "socket.io postgres adapter: connection lost"));
  });
  return {
    kind: "postgres",
    adapter: createPostgresAdapter(adapterPool, {
      channelPrefix: "onepool_socket_io",
      errorHandler: (err) => adapterLog.error({ err }, "socket.io postgres adapter error"),
    }),
    close: async () => {
      await Promise.race([adapterPool.end().catch(() => {}), new Promise((r) => setTimeout(r, 2000).unref())]);
    },
  };
}
