import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import { routeStandIn } from "../support/route-stand-in";
import { ev, startTestServer, TEST_TOKEN, uniqueCatalog, type TestServer } from "../support/test-server";
import { signInNewPerson } from "../support/signed-in-person";
import { until } from "../support/until";
import { parseCsv } from "../support/parse-csv";
import type { ReorderView } from "@/server/reorder/get-reorder";
import { DAY_MS as DAY } from "@/lib/time/durations";

// The Reorder view (issue 17) over real HTTP and Postgres: a SKU with sales, a lead time and an ASN
// on its way gets the suggestion worked out by hand below, the same number its low_cover alert
// carries; the CSV holds the JSON rows; who may read it.

let server: TestServer;
const cookies: Partial<Record<Role, string>> = {};

async function person(role: Role, n: number) {
  return (await signInNewPerson(server, role, `reorder-${role}-${n}-${process.pid}-${Date.now()}@example.com`, `10.18.0.${n}`)).cookie;
}

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers: { origin: server.url, ...headers } });
const as = (role: Role, path: string, method = "GET", body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { cookie: cookies[role]!, origin: server.url, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"), {}, { nextHandler: routeStandIn() });
  cookies.analyst = await person("analyst", 1);
  cookies.merchandiser = await person("merchandiser", 2);
  cookies.manager = await person("manager", 3);
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

describe("GET /api/reorder", () => {
  const c = uniqueCatalog({ skus: ["LOW", "COVERED", "FINE", "UNSOLD"] });
  const wh = c.loc("wh");

  beforeAll(async () => {
    await server.catalog({
      ...c.input,
      skus: [
        { code: c.sku("LOW"), name: 'Knee brace, "large"', leadTimeDays: 10 },
        { code: c.sku("COVERED"), name: "covered", leadTimeDays: 10 },
        { code: c.sku("FINE"), name: "fine", leadTimeDays: 10 },
        { code: c.sku("UNSOLD"), name: "unsold", leadTimeDays: 10 },
      ],
    });
    const post = async (e: Record<string, unknown> & { type: string }, ageMs?: number) => expect((await server.post(ev(e, ageMs))).status).toBeLessThan(300);
    // LOW: 30 received 4 days ago; 21 sold 3 days ago and 2 just now; an ASN of 10 on its way.
    await post({ type: "receipt", sku: c.sku("LOW"), location: wh, quantity: 30 }, 4 * DAY);
    await post({ type: "order.placed", sku: c.sku("LOW"), location: wh, quantity: 21, orderId: `o1-${c.tag}` }, 3 * DAY);
    await post({ type: "order.placed", sku: c.sku("LOW"), location: wh, quantity: 2, orderId: `o2-${c.tag}` });
    await post({ type: "asn", sku: c.sku("LOW"), location: wh, quantity: 10, reference: `ASN-${c.tag}`, expectedAt: new Date(Date.now() + 5 * DAY).toISOString() }, 1000);
    // COVERED: 1 left selling 1/day, but a PO of 100 covers the 17 days it needs.
    await post({ type: "receipt", sku: c.sku("COVERED"), location: wh, quantity: 2 }, 2 * DAY);
    await post({ type: "order.placed", sku: c.sku("COVERED"), location: wh, quantity: 1, orderId: `o3-${c.tag}` });
    await post({ type: "po", sku: c.sku("COVERED"), location: wh, quantity: 100, reference: `PO-${c.tag}`, expectedAt: new Date(Date.now() + 5 * DAY).toISOString() }, 1000);
    // FINE: 499 left at 1/day.
    await post({ type: "receipt", sku: c.sku("FINE"), location: wh, quantity: 500 }, 2 * DAY);
    await post({ type: "order.placed", sku: c.sku("FINE"), location: wh, quantity: 1, orderId: `o4-${c.tag}` });
    // UNSOLD: stock, no sales.
    await post({ type: "receipt", sku: c.sku("UNSOLD"), location: wh, quantity: 5 }, 2 * DAY);
  }, 30_000);

  const mine = (v: ReorderView) => v.rows.filter((r) => r.sku.endsWith(c.tag));

  it("suggests the hand-computed quantity, equal to the low_cover alert's", async () => {
    const res = await as("merchandiser", "/api/reorder");
    expect(res.status).toBe(200);
    const view = (await res.json()) as ReorderView;
    expect(view.safetyDays).toBe(7);
    expect(view.show).toBe("reorder");
    // velocity = max(24 h: 2, 7 d: 23 / 7) = 23/7 ≈ 3.29/day; available real 30 − 23 = 7; cover 7 ÷ 23/7 = 49/23 ≈ 2.13 days < 10 + 7.
    // Suggestion ⌈(10 + 7) × 23/7 − 7 − 10⌉ = ⌈391/7 − 17⌉ = ⌈38.857…⌉ = 39.
    expect(mine(view).map((r) => r.sku)).toEqual([c.sku("LOW")]);
    const low = mine(view)[0];
    expect(low).toMatchObject({ name: 'Knee brace, "large"', availableReal: 7, incoming: 10, leadTimeDays: 10, safetyDays: 7, lowCover: true, suggestedQuantity: 39 });
    expect(low.velocity).toBeCloseTo(23 / 7, 10);
    expect(low.daysOfInventory).toBeCloseTo(49 / 23, 10);
    expect(low.urgency).toBeCloseTo(49 / 23 - 10, 10);

    // The alert the engine opened after ingest carries the same number.
    const alert = await until(
      "low_cover alert",
      async () => {
        const r = await as("merchandiser", `/api/alerts?kind=low_cover&sku=${encodeURIComponent(c.sku("LOW"))}`);
        const body = (await r.json()) as { alerts: { id: string; state: string; value: { suggestedQuantity: number; daysOfInventory: number } }[] };
        return body.alerts.find((a) => a.state === "open");
      },
      20_000,
      200,
    );
    expect(alert.value.suggestedQuantity).toBe(39);
    expect(alert.value.suggestedQuantity).toBe(low.suggestedQuantity);
    expect(alert.value.daysOfInventory).toBe(low.daysOfInventory);
    const again = mine((await (await as("merchandiser", "/api/reorder")).json()) as ReorderView)[0];
    expect(again.alert).toEqual({ id: alert.id, state: "open" });
    expect(again.muted).toBe(false);
  });

  it("sorts by urgency and filters: low cover covered by incoming, every SKU", async () => {
    const low = mine((await (await as("manager", "/api/reorder?show=low&limit=100000")).json()) as ReorderView);
    // COVERED: cover 1 day − 10 = −9, before LOW's −7.9.
    expect(low.map((r) => r.sku)).toEqual([c.sku("COVERED"), c.sku("LOW")]);
    expect(low[0]).toMatchObject({ lowCover: true, suggestedQuantity: 0, incoming: 100, availableReal: 1 });
    const all = mine((await (await as("manager", "/api/reorder?show=all&limit=100000")).json()) as ReorderView);
    expect(all.map((r) => r.sku)).toEqual([c.sku("COVERED"), c.sku("LOW"), c.sku("FINE"), c.sku("UNSOLD")]);
    expect(all[2]).toMatchObject({ lowCover: false, suggestedQuantity: 0, daysOfInventory: 499, urgency: 489 });
    expect(all[3]).toMatchObject({ daysOfInventory: null, urgency: null, velocity: 0, availableReal: 5 });
    // Across the whole database the list stays sorted.
    const urg = ((await (await as("manager", "/api/reorder?show=all&limit=100000")).json()) as ReorderView).rows.map((r) => r.urgency ?? Infinity);
    expect(urg).toEqual([...urg].sort((a, b) => a - b));
  });

  it("shows a mute of the SKU's low_cover", async () => {
    const until = new Date(Date.now() + DAY).toISOString();
    expect((await as("merchandiser", "/api/alerts/mutes", "POST", { kind: "low_cover", sku: c.sku("LOW"), until })).status).toBe(200);
    const row = mine((await (await as("merchandiser", "/api/reorder?limit=100000")).json()) as ReorderView)[0];
    expect(row).toMatchObject({ sku: c.sku("LOW"), muted: true, mutedUntil: until });
  });

  it("exports the same rows as RFC 4180 CSV with a header row", async () => {
    const json = (await (await as("merchandiser", "/api/reorder?show=all&limit=100000")).json()) as ReorderView;
    const res = await as("merchandiser", "/api/reorder?show=all&limit=100000&format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="reorder-all-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await res.text();
    expect(text.endsWith("\r\n")).toBe(true);
    const [header, ...records] = parseCsv(text);
    expect(header).toEqual(["sku", "name", "availableReal", "velocityPerDay", "daysOfInventory", "leadTimeDays", "safetyDays", "incoming", "suggestedQuantity", "lowCoverAlert", "mutedUntil"]);
    const num = (s: string) => (s === "" ? null : Number(s));
    expect(
      records.map((f) => ({
        sku: f[0],
        name: f[1],
        availableReal: num(f[2]),
        velocity: num(f[3]),
        daysOfInventory: num(f[4]),
        leadTimeDays: num(f[5]),
        safetyDays: num(f[6]),
        incoming: num(f[7]),
        suggestedQuantity: num(f[8]),
        alert: f[9] || null,
        mutedUntil: f[10] || null,
      })),
    ).toEqual(
      json.rows.map((r) => ({
        sku: r.sku,
        name: r.name,
        availableReal: r.availableReal,
        velocity: r.velocity,
        daysOfInventory: r.daysOfInventory,
        leadTimeDays: r.leadTimeDays,
        safetyDays: r.safetyDays,
        incoming: r.incoming,
        suggestedQuantity: r.suggestedQuantity,
        alert: r.alert?.state ?? null,
        mutedUntil: r.mutedUntil,
      })),
    );
    expect(records.find((f) => f[0] === c.sku("LOW"))?.[1]).toBe('Knee brace, "large"');
    expect(records.find((f) => f[0] === c.sku("LOW"))?.[8]).toBe("39");
  });

  it("answers 401 to nobody, 403 to an analyst, 200 to merchandisers, managers and a read token; 400 on a bad filter", async () => {
    expect((await get("/api/reorder")).status).toBe(401);
    expect((await get("/api/reorder?format=csv")).status).toBe(401);
    const analyst = await as("analyst", "/api/reorder");
    expect(analyst.status).toBe(403);
    expect(((await analyst.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    expect((await as("analyst", "/api/reorder?format=csv")).status).toBe(403);
    expect((await as("merchandiser", "/api/reorder")).status).toBe(200);
    expect((await as("manager", "/api/reorder?format=csv")).status).toBe(200);
    expect((await get("/api/reorder", { authorization: `Bearer ${TEST_TOKEN}` })).status).toBe(200);
    const bad = await as("merchandiser", "/api/reorder?show=everything");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { field: string } } }).error.details.field).toBe("show");
  });
});
