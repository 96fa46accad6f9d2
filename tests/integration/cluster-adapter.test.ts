import { createServer } from "node:http";
import { Server } from "socket.io";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { createClusterAdapter, type ClusterAdapter } from "@/server/realtime/create-adapter";
import { startTestServer, type TestServer } from "../support/test-server";

// The Postgres cluster adapter's own pool (server/realtime/create-adapter.ts). Every broadcast it
// tells other instances of, and its heartbeat every 5 s, checks a client out of that pool: what is
// attached to a connection must be attached once, not once per checkout, or a long-running server
// gains a listener every few seconds (a leak, and Node's MaxListenersExceededWarning after ten).

let server: TestServer; // applies the migrations (socket_io_attachments)
let cluster: ClusterAdapter;
let io: Server;
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"));
  cluster = await createClusterAdapter(inject("databaseUrl"), undefined);
  // Attached to an HTTP server that never listens: close() needs an engine to close.
  io = new Server(createServer(), { adapter: cluster.adapter });
});
afterAll(async () => {
  await io?.close();
  await cluster?.close();
  await server?.stop();
});

it("many cluster broadcasts leave the adapter's connections with their listeners as they were", async () => {
  expect(cluster.kind).toBe("postgres");
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  process.on("warning", onWarning);
  try {
    // 3 connections at most: 40 NOTIFYs check each out more than ten times.
    for (let i = 0; i < 40; i++) {
      io.emit("ping", i);
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    process.off("warning", onWarning);
  }
  expect(warnings.filter((w) => w.startsWith("MaxListenersExceededWarning"))).toEqual([]);
});
