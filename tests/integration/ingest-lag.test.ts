import { afterAll, beforeAll, expect, it } from "vitest";
import { getIngestLag } from "@/server/queries/get-ingest-lag";
import { startOnOwnDatabase } from "../support/own-database";
import { openSocket, subscribe } from "../support/live-socket";
import { ev, uniqueCatalog, type TestServer } from "../support/test-server";

// Its own database: the live lag window holds the events of every instance on a database (issue
// 18), and other test files' servers share the common one.
let server: TestServer;
beforeAll(async () => {
  server = await startOnOwnDatabase("onepool_it_lag");
});
afterAll(() => server?.stop());

it("the header's live ingest lag and the API's exact figure agree on what was received", async () => {
  const c = uniqueCatalog();
  await server.catalog(c.input);
  const s = await openSocket(server.url);
  try {
    await subscribe(s, "overview");
    // Three events that happened 42 s before they reached us (a slow 3PL).
    const sentAt = Date.now();
    const events = [0, 1, 2].map(() => ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 1 }, 42_000));
    const res = await server.post(events);
    // The lag is 42 s plus however long the request took to arrive (a loaded machine can add a lot).
    const answeredIn = Date.now() - sentAt;
    expect(res.body.results.every((r: { status: string }) => r.status === "accepted")).toBe(true);
    const frame = await new Promise<{ data: { lag: { events: number; p50Ms: number; p95Ms: number } } }>((resolve) => s.on("frame", (f) => f.data.lag && f.data.lag.events > 0 && resolve(f)));
    expect(frame.data.lag.events).toBe(3);
    expect(frame.data.lag.p50Ms).toBeGreaterThanOrEqual(42_000);
    expect(frame.data.lag.p95Ms).toBeLessThanOrEqual(42_000 + answeredIn + 10);
    // The ledger's own lags for these events (other test files share the database, not this window).
    const exact = await server.services.pool.query<{ lag: number }>("SELECT (EXTRACT(EPOCH FROM (received_at - occurred_at)) * 1000)::float8 AS lag FROM event WHERE event_id = ANY($1) ORDER BY lag", [
      events.map((e) => e.id),
    ]);
    const worst = exact.rows[2].lag;
    expect(worst - frame.data.lag.p95Ms).toBeGreaterThanOrEqual(0);
    expect(worst - frame.data.lag.p95Ms).toBeLessThan(10); // 10 ms buckets above one second
    // The API's exact figure over the whole ledger covers these events too.
    expect((await getIngestLag(server.services.pool, 300)).events).toBeGreaterThanOrEqual(3);
  } finally {
    s.close();
  }
});
