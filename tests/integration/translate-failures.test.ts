import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as wooCancelled from "../fixtures/providers/woocommerce/order-updated-cancelled";
import * as wooOrder from "../fixtures/providers/woocommerce/order-created";
import { level, startTestServer, uniqueCatalog, type TestServer } from "../support/test-server";
import { hmacBase64, postWebhook, registerSource } from "../support/webhooks";

// Security review finding 9: a database failure while a delivery is translated (the translator reads
// the ledger to know what an order committed) is ours, not the body's. It must answer 503 with
// Retry-After so the provider delivers again, never "rejected" (which WooCommerce gets as a 200 and
// never retries). The failure is real: the table the lookup reads is missing for a moment.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"));
});
afterAll(() => server?.stop());

describe("a ledger lookup that fails while translating", () => {
  it("answers WooCommerce 503 with Retry-After, records no rejection, and the redelivery applies", async () => {
    const c = uniqueCatalog({ skus: ["A", "B", "C"] });
    await server.catalog({
      ...c.input,
      listings: [
        ["794", "A"],
        ["93", "B"],
        ["23", "C"],
      ].map(([externalId, sku]) => ({ channel: c.channel, externalId, sku: c.sku(sku) })),
    });
    const code = `woo-${c.tag}`;
    const secret = `woo_${c.tag}_webhook_secret`;
    await registerSource(server, code, { provider: "woocommerce", channel: c.channel, secrets: [secret], locations: { default: c.loc("wh") } });
    const send = (f: { headers: Record<string, string>; body: string }) =>
      postWebhook(server, `/api/webhooks/woocommerce/${code}`, f.body, { ...f.headers, "x-wc-webhook-signature": hmacBase64(secret, f.body) });

    expect((await send(wooOrder)).body.outcome).toBe("accepted");
    expect(await level(server, c.sku("B"), c.loc("wh"))).toMatchObject({ committed: 2 });

    const { pool } = server.services;
    await pool.query("ALTER TABLE unmapped_event RENAME TO unmapped_event_away");
    let res: Awaited<ReturnType<typeof send>>;
    try {
      res = await send(wooCancelled);
    } finally {
      await pool.query("ALTER TABLE unmapped_event_away RENAME TO unmapped_event");
    }
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBeTruthy();
    expect((await pool.query("SELECT count(*)::int AS n FROM rejected_event WHERE source = $1", [code])).rows[0].n).toBe(0);
    expect(await level(server, c.sku("B"), c.loc("wh"))).toMatchObject({ committed: 2 });
    const logged = await pool.query("SELECT outcome, http_status FROM webhook_delivery WHERE source = $1 ORDER BY id", [code]);
    expect(logged.rows.at(-1)).toMatchObject({ outcome: "failed", http_status: 503 });

    // WooCommerce delivers again once the database is back: the cancellation applies.
    const again = await send(wooCancelled);
    expect(again.status).toBe(200);
    expect(again.body.outcome).toBe("accepted");
    expect(await level(server, c.sku("B"), c.loc("wh"))).toMatchObject({ committed: 0 });
  });
});
