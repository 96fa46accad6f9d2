import "server-only";
import type pg from "pg";
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
 * Socket.IO's cluster adapter (DESIGN §7, §9): what one instance does to sockets (a revocation's
 * disconnect, fetchSockets) reaches every instance's. Postgres by default (its table
 * `socket_io_attachments` is created by a migration), Redis streams when REDIS_URL is set.
 * Frames do not rely on it for their order: see server/realtime/frame-bus.ts.
 */
export async function createClusterAdapter(pool: pg.Pool, redisUrl: string | undefined): Promise<ClusterAdapter> {
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
  return {
    kind: "postgres",
    adapter: createPostgresAdapter(pool, {
      channelPrefix: "onepool_socket_io",
      errorHandler: (err) => adapterLog.error({ err }, "socket.io postgres adapter error"),
    }),
    close: async () => {},
  };
}
