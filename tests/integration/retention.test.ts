import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { pruneDeliveryLog } from "@/server/connectors/prune-delivery-log";
import { startTestServer, type TestServer } from "../support/test-server";

// Review #13: rejected and unmapped events were never pruned, so a sender posting junk could fill
// the disk. Rejections and mapped (resolved) parked events now age out; parked events still
// waiting for their mapping never do (mapping them applies stock).

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"));
});
afterAll(() => server?.stop());

it("prunes rejections and resolved parked events past the retention, and keeps parked events still waiting", async () => {
  const pool = server.services.pool;
  const tag = `ret-${Date.now()}`;
  await pool.query(
    `INSERT INTO rejected_event (source, event_id, code, message, raw, received_at)
     VALUES ($1, 'old', 'invalid_field', 'x', '{}', now() - interval '100 days'), ($1, 'new', 'invalid_field', 'x', '{}', now() - interval '10 days')`,
    [tag],
  );
  await pool.query(
    `INSERT INTO unmapped_event (source, event_id, channel, external_id, body, received_at, resolved_at)
     VALUES ($1, 'resolved-old', 'web', 'x', '{}', now() - interval '200 days', now() - interval '100 days'),
            ($1, 'resolved-new', 'web', 'x', '{}', now() - interval '200 days', now() - interval '10 days'),
            ($1, 'waiting-old', 'web', 'x', '{}', now() - interval '400 days', NULL)`,
    [tag],
  );
  await pruneDeliveryLog(pool, 30, 90);
  const rejected = await pool.query("SELECT event_id FROM rejected_event WHERE source = $1 ORDER BY 1", [tag]);
  expect(rejected.rows).toEqual([{ event_id: "new" }]);
  const parked = await pool.query("SELECT event_id FROM unmapped_event WHERE source = $1 ORDER BY 1", [tag]);
  expect(parked.rows).toEqual([{ event_id: "resolved-new" }, { event_id: "waiting-old" }]);
});
