import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GroupCommitter } from "@/server/ingest/group-commit";
import { ingestEvents, type IngestDeps } from "@/server/ingest/ingest-events";
import { startPgFaultProxy } from "../support/pg-fault-proxy";
import { ev, level, startTestServer, uniqueCatalog, type TestServer } from "../support/test-server";

// Security review finding 22: when a COMMIT's answer is lost (the connection drops after the COMMIT
// went out), the group committer retries each request alone; their events are already in the
// ledger, come back "duplicate", and their SKUs must still be marked dirty, or the published numbers
// (and the pushes to channels) stay stale. A real Postgres behind a proxy that cuts the connection.

let server: TestServer;
let proxy: Awaited<ReturnType<typeof startPgFaultProxy>>;
let proxied: pg.Pool;
let deps: IngestDeps;
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"));
  const url = new URL(inject("databaseUrl"));
  proxy = await startPgFaultProxy({ host: url.hostname, port: Number(url.port || 5432) });
  url.hostname = "127.0.0.1";
  url.port = String(proxy.port);
  proxied = new pg.Pool({ connectionString: url.toString(), max: 4 });
  proxied.on("error", () => {});
  const { catalog, publisher, pool } = server.services;
  // The server's own wiring (start-server.ts), but writing through the proxy.
  const committer = new GroupCommitter(
    proxied,
    (id) => catalog.locationsById.get(id)?.trustedSources ?? [],
    (ids) => publisher.markDirty(ids),
  );
  deps = { pool, catalog, committer, futureToleranceMs: 120_000 };
});
afterAll(async () => {
  await deps?.committer.stop();
  await proxied?.end();
  await proxy?.stop();
  await server?.stop();
});

async function published(sku: string, channel: string): Promise<number | null> {
  const r = await server.services.pool.query(
    "SELECT pq.quantity FROM published_quantity pq JOIN sku s ON s.id = pq.sku_id JOIN channel ch ON ch.id = pq.channel_id WHERE s.code = $1 AND ch.code = $2",
    [sku, channel],
  );
  return r.rows[0]?.quantity ?? null;
}

describe("an ambiguous COMMIT", () => {
  it("requests retried alone come back duplicate, and their SKUs' published numbers still move", async () => {
    const c = uniqueCatalog();
    await server.catalog(c.input);
    proxy.armCommitCut();
    const ctx = { token: null, receivedAt: new Date() };
    const [a, b] = await Promise.all([
      ingestEvents(deps, [ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 5 })], ctx),
      ingestEvents(deps, [ev({ type: "receipt", sku: c.sku("B"), location: c.loc("wh"), quantity: 7 })], ctx),
    ]);
    expect(proxy.cuts).toBe(1);
    // The lost COMMIT had gone through: each request, retried alone, finds its event written.
    expect([a[0].status, b[0].status]).toEqual(["duplicate", "duplicate"]);
    expect(await level(server, c.sku("A"), c.loc("wh"))).toMatchObject({ on_hand: 5 });
    await expect.poll(() => published(c.sku("A"), c.channel), { timeout: 5000 }).toBe(5);
    await expect.poll(() => published(c.sku("B"), c.channel), { timeout: 5000 }).toBe(7);
  });

  it("a lone request whose COMMIT is lost is retried once, answers what is stored, and its SKU is refreshed", async () => {
    const c = uniqueCatalog();
    await server.catalog(c.input);
    proxy.armCommitCut();
    const cutsBefore = proxy.cuts;
    const e = ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 3 });
    const first = await ingestEvents(deps, [e], { token: null, receivedAt: new Date() });
    expect(proxy.cuts).toBe(cutsBefore + 1);
    expect(first[0].status).toBe("duplicate");
    await expect.poll(() => published(c.sku("A"), c.channel), { timeout: 5000 }).toBe(3);
    const again = await ingestEvents(deps, [e], { token: null, receivedAt: new Date() });
    expect(again[0].status).toBe("duplicate");
    expect(await level(server, c.sku("A"), c.loc("wh"))).toMatchObject({ on_hand: 3 });
  });
});
