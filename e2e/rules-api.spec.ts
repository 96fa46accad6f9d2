import { expect, test } from "@playwright/test";
import { CHANNELS, postEvent, putCatalog, uniqueCode } from "./support/onepool-api";

// The rules and pauses API over HTTP as the signed-in admin: every validation error is a 400
// naming the field, nothing is half-saved, a second rule for a scope and a stale edit are 409.

const WEB = CHANNELS[0];

test.describe("rules and pauses API", () => {
  test("bad rules are refused with the field and the reason", async ({ request, baseURL }) => {
    const sku = uniqueCode("RAPI");
    await putCatalog(request, [{ code: sku, name: "E2E rule api", tags: ["e2e-rule-tag"] }]);
    const post = (data: unknown) => request.post("/api/rules", { data, headers: { origin: baseURL! } });
    const cases: [unknown, number, string, string?][] = [
      [{ channel: WEB, sku, bufferPercent: 101 }, 400, "bufferPercent"],
      [{ channel: WEB, sku, reservePercent: -1 }, 400, "reservePercent"],
      [{ channel: WEB, sku, bufferUnits: -3 }, 400, "bufferUnits"],
      [{ channel: WEB, sku, bufferUnits: 1.5 }, 400, "bufferUnits"],
      [{ channel: WEB, sku, dynamicK: "-1" }, 400, "dynamicK"],
      [{ channel: WEB, sku, dynamicK: 0.12345 }, 400, "dynamicK"],
      [{ channel: WEB, sku, minQty: 9, maxQty: 3 }, 400, "minQty"],
      [{ channel: "no-such-channel", bufferUnits: 1 }, 400, "channel", "unknown_channel"],
      [{ channel: WEB, sku: "NO-SUCH-SKU", bufferUnits: 1 }, 400, "sku", "unknown_sku"],
      [{ channel: WEB, tag: "no-such-tag", bufferUnits: 1 }, 400, "tag", "unknown_tag"],
      [{ channel: WEB, sku, tag: "e2e-rule-tag", bufferUnits: 1 }, 400, "tag"],
      [{ bufferUnits: 1 }, 400, "channel"],
      [{ channel: WEB, sku, buffer: 1 }, 400, "", "unknown_field"],
    ];
    for (const [body, status, field, code] of cases) {
      const res = await post(body);
      const json = await res.json();
      expect(res.status(), JSON.stringify(body)).toBe(status);
      if (field) expect(json.error.details.field, JSON.stringify(body)).toBe(field);
      if (code) expect(json.error.code).toBe(code);
    }
    // Nothing was saved by any of them.
    const rules = (await (await request.get(`/api/rules?channel=${WEB}`)).json()) as { rules: { sku: string | null }[]; latencies: unknown[] };
    expect(rules.rules.filter((r) => r.sku === sku)).toHaveLength(0);
    // With the rules, the latency their dynamic k multiplies (no latency configured or measured here).
    expect(rules.latencies).toEqual([{ channel: WEB, source: "none", ms: null }]);
  });

  test("one rule per scope; edits name their version; the explanation names the rule", async ({ request, baseURL }) => {
    const sku = uniqueCode("RVER");
    await putCatalog(request, [{ code: sku, name: "E2E versions" }]);
    await postEvent(request, { type: "receipt", sku, quantity: 50 });
    const headers = { origin: baseURL! };
    const created = await request.post("/api/rules", { data: { channel: WEB, sku, bufferPercent: 10 }, headers });
    expect(created.status()).toBe(201);
    const rule = (await created.json()) as { id: string; version: number };
    expect(typeof rule.id).toBe("string");
    const again = await request.post("/api/rules", { data: { channel: WEB, sku, bufferUnits: 1 }, headers });
    expect(again.status()).toBe(409);
    expect((await again.json()).error).toMatchObject({ code: "rule_exists", details: { id: rule.id } });

    // The number answers for the rule as soon as the POST returns: 50 − 10 % = 45.
    const why = (await (await request.get(`/api/skus/${sku}/published`)).json()) as { channels: { channel: string; published: number; sources: Record<string, string> }[] };
    expect(why.channels.find((c) => c.channel === WEB)).toMatchObject({ published: 45, sources: { bufferPercent: rule.id } });

    const first = await request.patch(`/api/rules/${rule.id}`, { data: { version: 1, bufferPercent: 20 }, headers });
    expect(first.status()).toBe(200);
    expect(await first.json()).toMatchObject({ version: 2, bufferPercent: 20 });
    const stale = await request.patch(`/api/rules/${rule.id}`, { data: { version: 1, bufferPercent: 30 }, headers });
    expect(stale.status()).toBe(409);
    expect((await stale.json()).error).toMatchObject({ code: "stale_version", details: { current: { version: 2, bufferPercent: 20 } } });
    const minAboveMax = await request.patch(`/api/rules/${rule.id}`, { data: { version: 2, minQty: 30, maxQty: 10 }, headers });
    expect(minAboveMax.status()).toBe(400);
    expect((await (await request.get(`/api/skus/${sku}/published`)).json()).channels.find((c: { channel: string }) => c.channel === WEB).published).toBe(40);

    const preview = await request.post("/api/rules/preview", { data: { id: rule.id, bufferPercent: 0 }, headers });
    expect(await preview.json()).toMatchObject({ skus: expect.arrayContaining([{ code: sku, channel: WEB, before: 40, after: 50 }]) });
    expect((await request.delete(`/api/rules/${rule.id}?version=1`, { headers })).status()).toBe(409);
    expect((await request.delete(`/api/rules/${rule.id}?version=2`, { headers })).status()).toBe(200);
    expect((await request.delete(`/api/rules/${rule.id}`, { headers })).status()).toBe(404);
  });

  test("pauses: a scope is required, the end must be ahead, one pause per scope, resume is idempotent", async ({ request, baseURL }) => {
    const sku = uniqueCode("PAPI");
    await putCatalog(request, [{ code: sku, name: "E2E pause api" }]);
    await postEvent(request, { type: "receipt", sku, quantity: 8 });
    const headers = { origin: baseURL! };
    const post = (data: unknown) => request.post("/api/pauses", { data, headers });
    expect((await (await post({ reason: "x" })).json()).error.details.field).toBe("channel");
    expect((await (await post({ sku })).json()).error.details.field).toBe("reason");
    expect((await (await post({ sku, reason: "x", until: new Date(Date.now() - 60_000).toISOString() })).json()).error.details.field).toBe("until");
    expect((await (await post({ sku: "NO-SUCH-SKU", reason: "x" })).json()).error).toMatchObject({ code: "unknown_sku", details: { field: "sku" } });
    const paused = await post({ sku, channel: WEB, reason: "price check", until: new Date(Date.now() + 3_600_000).toISOString() });
    expect(paused.status()).toBe(201);
    const p = (await paused.json()) as { id: string; createdBy: string };
    expect(p.createdBy).toBe("e2e-admin@onepool.test");
    expect((await post({ sku, channel: WEB, reason: "again" })).status()).toBe(409);
    const row = (await (await request.get(`/api/skus/${sku}`)).json()) as { channels: { code: string; published: number; paused: boolean }[] };
    expect(row.channels.find((c) => c.code === WEB)).toMatchObject({ published: 0, paused: true });
    expect((await request.delete(`/api/pauses/${p.id}`, { headers })).status()).toBe(200);
    const again = await request.delete(`/api/pauses/${p.id}`, { headers });
    expect(again.status()).toBe(200);
    expect((await (await request.get(`/api/skus/${sku}`)).json()).channels.find((c: { code: string }) => c.code === WEB)).toMatchObject({ published: 8, paused: false });
  });
});
