import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";
import { approveCount, countEventId } from "@/server/counts/approve-count";
import { ingestEvents } from "@/server/ingest/ingest-events";
import { refoldRequested } from "@/server/projection/refold-requested";
import { routeStandIn } from "../support/route-stand-in";
import { openSocket, subscribe } from "../support/live-socket";
import { until } from "../support/until";
import { ev, level, startTestServer, uniqueCatalog, type TestServer } from "../support/test-server";
import { signInNewPerson } from "../support/signed-in-person";
import { callApi } from "../support/call-api";

// The count workflow of docs/RECONCILIATION.md#numbers over real HTTP and Postgres: blind mode, recounts, reasons,
// approval exactly once (double click and two instances), bad input naming its field, CSV.

let server: TestServer;
let second: TestServer;
const people: Partial<Record<Role, { cookie: string; actor: Actor }>> = {};
let extraAnalyst: string;

function person(role: Role, n: number) {
  return signInNewPerson(server, role, `count-${role}-${n}-${process.pid}-${Date.now()}@example.com`, `10.9.0.${n}`);
}

beforeAll(async () => {
  second = await startTestServer(inject("databaseUrl"), {}, { nextHandler: routeStandIn() });
  // Started last so the route handlers' services are this one's; `second` is another instance (own pools).
  server = await startTestServer(inject("databaseUrl"), {}, { nextHandler: routeStandIn() });
  people.analyst = await person("analyst", 1);
  people.merchandiser = await person("merchandiser", 2);
  extraAnalyst = (await person("analyst", 3)).cookie;
});
afterAll(async () => {
  await server?.stop();
  await second?.stop();
});

type Who = Role | { cookie: string };
async function call(who: Who, method: string, path: string, body?: unknown, contentType = "application/json") {
  const cookie = typeof who === "string" ? people[who]!.cookie : who.cookie;
  return callApi(server.url, method, path, { body, contentType, headers: { cookie, origin: server.url } });
}

/** A location holding `units` of each of A, B, C (unit cost 2.50 on A only). */
async function setup(units = 100, skus = ["A", "B", "C"]) {
  const c = uniqueCatalog({ skus });
  await server.catalog({ ...c.input, skus: skus.map((s, i) => ({ code: c.sku(s), name: `Item ${s}`, ...(i === 0 ? { unitCost: 2.5 } : {}) })) });
  for (const s of skus) await server.post(ev({ type: "receipt", sku: c.sku(s), location: c.loc("wh"), quantity: units }, 60_000));
  return c;
}

async function openCount(c: ReturnType<typeof uniqueCatalog>, extra: Record<string, unknown> = {}) {
  const r = await call("analyst", "POST", "/api/counts", { location: c.loc("wh"), skus: [c.sku("A"), c.sku("B"), c.sku("C")], ...extra });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

const ledgerEvents = async (id: string) =>
  (await server.services.pool.query("SELECT event_id, quantity, reason, occurred_at FROM event WHERE source = 'onepool-counts' AND event_id LIKE $1 ORDER BY event_id", [`count-${id}-%`])).rows;

describe("count workflow", () => {
  it("opens blind by default and never shows the system number to the counter, nor to anyone while open", async () => {
    const c = await setup();
    const created = await call("analyst", "POST", "/api/counts", { location: c.loc("wh"), skus: [c.sku("A"), c.sku("B")] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^cnt_/), location: c.loc("wh"), status: "open", blind: true, skus: [c.sku("A"), c.sku("B")] });
    const id = created.body.id;
    expect((await call("analyst", "PUT", `/api/counts/${id}/lines`, { lines: [{ sku: c.sku("A"), counted: 97 }] })).body).toEqual({ lines: 1, replaced: 0 });
    for (const who of ["analyst", "merchandiser"] as const) {
      const open = await call(who, "GET", `/api/counts/${id}`);
      expect(open.status).toBe(200);
      expect(open.body.lines[0]).not.toHaveProperty("system");
      expect(open.body.lines[0]).not.toHaveProperty("variance");
      expect(open.body.lines[0]).not.toHaveProperty("value");
      expect(open.body.expected).toEqual([
        { sku: c.sku("A"), skuName: "Item A" },
        { sku: c.sku("B"), skuName: "Item B" },
      ]);
    }
    expect((await call("analyst", "POST", `/api/counts/${id}/submit`)).body).toMatchObject({ status: "in_review" });
    const counter = await call("analyst", "GET", `/api/counts/${id}`);
    expect(counter.body.lines[0]).not.toHaveProperty("system");
    expect(JSON.stringify(counter.body)).not.toContain('"variance"');
    const reviewer = await call("merchandiser", "GET", `/api/counts/${id}`);
    expect(reviewer.body.lines[0]).toMatchObject({ sku: c.sku("A"), counted: 97, system: 100, variance: 3, value: 7.5, needsReason: false });
    // A count opened not blind shows the number to its counter from the start.
    const open = await call("analyst", "POST", "/api/counts", { location: c.loc("wh"), skus: [c.sku("C")], blind: false });
    await call("analyst", "PUT", `/api/counts/${open.body.id}/lines`, { lines: [{ sku: c.sku("C"), counted: 100 }] });
    expect((await call("analyst", "GET", `/api/counts/${open.body.id}`)).body.lines[0]).toMatchObject({ system: 100, variance: 0, value: null, needsReason: false });
    const list = await call("analyst", "GET", `/api/counts?location=${c.loc("wh")}`);
    expect(list.body.counts.map((x: { id: string }) => x.id).sort()).toEqual([id, open.body.id].sort());
    expect(list.body.counts.find((x: { id: string }) => x.id === id)).toMatchObject({ status: "in_review", blind: true, lines: 1, expected: 2, createdBy: people.analyst!.actor.label });
  });

  it("a recount replaces the line, within one upload and across uploads", async () => {
    const c = await setup();
    const id = await openCount(c);
    expect(
      (
        await call("analyst", "PUT", `/api/counts/${id}/lines`, {
          lines: [
            { sku: c.sku("A"), counted: 5 },
            { sku: c.sku("B"), counted: 1 },
            { sku: c.sku("B"), counted: 2 },
          ],
        })
      ).body,
    ).toEqual({ lines: 2, replaced: 0 });
    expect((await call("analyst", "PUT", `/api/counts/${id}/lines`, { lines: [{ sku: c.sku("A"), counted: 7 }] })).body).toEqual({ lines: 1, replaced: 1 });
    const got = await call("analyst", "GET", `/api/counts/${id}`);
    expect(got.body.lines.map((l: { sku: string; counted: number }) => [l.sku, l.counted]).sort()).toEqual([
      [c.sku("A"), 7],
      [c.sku("B"), 2],
    ]);
  });

  it("approval needs a reason above max(2, 5 %) and refuses naming the lines; with reasons it posts one cycle_count per line", async () => {
    const c = await setup();
    const id = await openCount(c);
    const at = new Date(Date.now() - 30_000).toISOString();
    // A: 100 → 90 (needs a reason), B: 100 → 96 (4 < 5 %: no), C: 100 → 100.
    await call("analyst", "PUT", `/api/counts/${id}/lines`, {
      lines: [
        { sku: c.sku("A"), counted: 90, countedAt: at },
        { sku: c.sku("B"), counted: 96 },
        { sku: c.sku("C"), counted: 100 },
      ],
    });
    expect((await call("merchandiser", "POST", `/api/counts/${id}/approve`)).status).toBe(409); // still open
    await call("analyst", "POST", `/api/counts/${id}/submit`);
    expect((await call("analyst", "POST", `/api/counts/${id}/approve`)).status).toBe(403);
    const refused = await call("merchandiser", "POST", `/api/counts/${id}/approve`);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: "reasons_required", details: { field: "reasons", skus: [c.sku("A")] } });
    expect(await ledgerEvents(id)).toEqual([]);
    const ok = await call("merchandiser", "POST", `/api/counts/${id}/approve`, { reasons: { [c.sku("A")]: "theft" } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: "approved", events: 3 });
    const events = await ledgerEvents(id);
    expect(events.map((e) => [e.event_id, e.quantity])).toEqual([
      [`count-${id}-${c.sku("A")}`, 90],
      [`count-${id}-${c.sku("B")}`, 96],
      [`count-${id}-${c.sku("C")}`, 100],
    ]);
    expect(events[0].reason).toBe("theft");
    expect(events[0].occurred_at.toISOString()).toBe(at);
    expect((await level(server, c.sku("A"), c.loc("wh"))).on_hand).toBe(90);
    expect((await level(server, c.sku("B"), c.loc("wh"))).on_hand).toBe(96);
    const audit = await server.services.pool.query("SELECT action FROM audit_log WHERE target = $1 ORDER BY id", [`count:${id}`]);
    expect(audit.rows.map((r) => r.action)).toEqual(["count.opened", "count.submitted", "count.approved"]);
  });

  it("an approved count sets on_hand even where the location trusts only its WMS, and is a counted line, not drift", async () => {
    const c = uniqueCatalog({ skus: ["A"], locations: [{ code: "wh", trustedSources: ["wms"] }] });
    await server.catalog(c.input);
    await server.post(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 10 }, 60_000));
    const id = (await call("analyst", "POST", "/api/counts", { location: c.loc("wh"), skus: [c.sku("A")] })).body.id as string;
    await call("analyst", "PUT", `/api/counts/${id}/lines`, { lines: [{ sku: c.sku("A"), counted: 7 }] });
    await call("analyst", "POST", `/api/counts/${id}/submit`);
    expect((await call("merchandiser", "POST", `/api/counts/${id}/approve`, { reasons: { [c.sku("A")]: "miscount" } })).status).toBe(200);
    expect((await level(server, c.sku("A"), c.loc("wh"))).on_hand).toBe(7);
    const lines = await server.services.pool.query("SELECT cl.system, cl.counted, cl.variance FROM counted_line cl JOIN sku s ON s.id = cl.sku_id WHERE s.code = $1", [c.sku("A")]);
    expect(lines.rows).toEqual([{ system: 10, counted: 7, variance: 3 }]);
    expect((await server.services.pool.query("SELECT 1 FROM drift_state d JOIN sku s ON s.id = d.sku_id WHERE s.code = $1", [c.sku("A")])).rowCount).toBe(0);
  });

  it("a database from before: the migration files a refold for such locations and start-up applies it", async () => {
    const c = uniqueCatalog({ skus: ["A"], locations: [{ code: "wh", trustedSources: ["wms"] }] });
    await server.catalog(c.input);
    await server.post(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 10 }, 60_000));
    const [r] = await ingestEvents(
      server.services.ingest,
      [{ id: `old-count-${c.tag}`, source: "onepool-counts", type: "cycle_count", sku: c.sku("A"), location: c.loc("wh"), quantity: 4, occurredAt: new Date(Date.now() - 30_000).toISOString() }],
      { token: null, receivedAt: new Date() },
    );
    expect(r.status).toBe("accepted");
    // What the old rules left behind: the count folded as drift, on_hand untouched, no counted line.
    const pool = server.services.pool;
    const ids = (await pool.query("SELECT s.id AS sku_id, l.id AS location_id FROM sku s, location l WHERE s.code = $1 AND l.code = $2", [c.sku("A"), c.loc("wh")])).rows[0];
    await pool.query("UPDATE stock_level SET on_hand = 10 WHERE sku_id = $1 AND location_id = $2", [ids.sku_id, ids.location_id]);
    await pool.query("DELETE FROM counted_line WHERE sku_id = $1 AND location_id = $2", [ids.sku_id, ids.location_id]);
    // Nor its day in the rollup (this test's location only): else the refold adds the line to a sum that still holds it.
    await pool.query("DELETE FROM counted_rollup WHERE location_id = $1", [ids.location_id]);
    const sql = await readFile(path.resolve("prisma/migrations/20261206214132_trusted_onepool_counts/migration.sql"), "utf8");
    await pool.query(sql.slice(sql.indexOf("INSERT INTO")));
    expect((await pool.query("SELECT reason FROM refold_request WHERE location_id = $1", [ids.location_id])).rows).toEqual([{ reason: "onepool-counts is trusted at every location" }]);
    // A location without onepool-counts events is not filed.
    const other = (await pool.query("SELECT id FROM location WHERE code = $1", [c.loc("store")])).rows[0]?.id;
    if (other !== undefined) expect((await pool.query("SELECT 1 FROM refold_request WHERE location_id = $1", [other])).rowCount).toBe(0);

    const done = await refoldRequested(pool, () => {});
    expect(done).toContain(ids.location_id);
    expect((await level(server, c.sku("A"), c.loc("wh"))).on_hand).toBe(4);
    expect((await pool.query("SELECT system, counted, variance FROM counted_line WHERE sku_id = $1 AND location_id = $2", [ids.sku_id, ids.location_id])).rows).toEqual([
      { system: 10, counted: 4, variance: 6 },
    ]);
    expect((await pool.query("SELECT 1 FROM refold_request WHERE location_id = $1", [ids.location_id])).rowCount).toBe(0);
  });

  it("review shows system as of each line's countedAt while stock keeps moving, and approval records exactly that", async () => {
    const c = await setup(100, ["A", "B"]);
    const id = (await call("analyst", "POST", "/api/counts", { location: c.loc("wh"), skus: [c.sku("A"), c.sku("B")] })).body.id as string;
    const countedAt = new Date(Date.now() - 20_000);
    await call("analyst", "PUT", `/api/counts/${id}/lines`, {
      lines: [
        { sku: c.sku("A"), counted: 95, countedAt: countedAt.toISOString() },
        { sku: c.sku("B"), counted: 100, countedAt: countedAt.toISOString() },
      ],
    });
    await call("analyst", "POST", `/api/counts/${id}/submit`);
    // After the count: 10 of A leave the shelf (not in the count). Before it, arriving late: 3 of A received.
    await server.post(ev({ type: "adjustment", sku: c.sku("A"), location: c.loc("wh"), quantity: -10, reason: "picked" }, 5_000));
    await server.post(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 3 }, 40_000));
    expect((await level(server, c.sku("A"), c.loc("wh"))).on_hand).toBe(93);
    const review = await call("merchandiser", "GET", `/api/counts/${id}`);
    expect(review.body.lines.find((l: { sku: string }) => l.sku === c.sku("A"))).toMatchObject({ system: 103, counted: 95, variance: 8, needsReason: true });
    expect(review.body.lines.find((l: { sku: string }) => l.sku === c.sku("B"))).toMatchObject({ system: 100, variance: 0, needsReason: false });
    // Needs a reason by the as-of variance (8 ≥ max(2, 5.15)), though on_hand now (93) is within 2 of 95.
    expect((await call("merchandiser", "POST", `/api/counts/${id}/approve`)).body.error).toMatchObject({ code: "reasons_required", details: { skus: [c.sku("A")] } });
    expect((await call("merchandiser", "POST", `/api/counts/${id}/approve`, { reasons: { [c.sku("A")]: "unrecorded_shipment" } })).status).toBe(200);
    expect((await level(server, c.sku("A"), c.loc("wh"))).on_hand).toBe(85);
    const line = await server.services.pool.query("SELECT cl.system, cl.variance FROM counted_line cl JOIN sku s ON s.id = cl.sku_id WHERE s.code = $1", [c.sku("A")]);
    expect(line.rows).toEqual([{ system: 103, variance: 8 }]);
    // After approval the review reads what the ledger recorded, even as more stock moves.
    await server.post(ev({ type: "adjustment", sku: c.sku("A"), location: c.loc("wh"), quantity: -1, reason: "picked" }, 1_000));
    expect((await call("merchandiser", "GET", `/api/counts/${id}`)).body.lines.find((l: { sku: string }) => l.sku === c.sku("A"))).toMatchObject({ system: 103, variance: 8 });
  });

  it("every change of a count reaches count screens on another instance live, and a refused change sends nothing", async () => {
    const c = await setup(100, ["A"]);
    const s = await openSocket(second.url, { cookie: people.merchandiser!.cookie });
    try {
      expect(await subscribe(s, "counts")).toMatchObject({ ok: true });
      const frames: { id: string; status: string; location: string }[] = [];
      s.on("frame", (f: { room: string; data: { count?: { id: string; status: string; location: string } } }) => {
        if (f.room === "counts" && f.data.count) frames.push(f.data.count);
      });
      const id = (await call("analyst", "POST", "/api/counts", { location: c.loc("wh"), skus: [c.sku("A")] })).body.id as string;
      const mine = () => frames.filter((f) => f.id === id).map((f) => f.status);
      await until("the open frame", () => mine().length === 1);
      expect(frames.find((f) => f.id === id)).toEqual({ id, status: "open", location: c.loc("wh") });
      expect((await call("analyst", "POST", `/api/counts/${id}/submit`)).status).toBe(422); // no lines: rolled back, not announced
      await call("analyst", "PUT", `/api/counts/${id}/lines`, { lines: [{ sku: c.sku("A"), counted: 100 }] });
      await call("analyst", "POST", `/api/counts/${id}/submit`);
      await call("merchandiser", "POST", `/api/counts/${id}/approve`);
      await until("four frames", () => mine().length === 4);
      expect(mine()).toEqual(["open", "open", "in_review", "approved"]);
    } finally {
      s.close();
    }
  });

  it("approve is exactly once: a double click and two instances racing post each line once", async () => {
    const c = await setup();
    const id = await openCount(c);
    await call("analyst", "PUT", `/api/counts/${id}/lines`, {
      lines: [
        { sku: c.sku("A"), counted: 99 },
        { sku: c.sku("B"), counted: 101 },
      ],
    });
    await call("analyst", "POST", `/api/counts/${id}/submit`);
    const merch = people.merchandiser!.actor;
    const results = await Promise.all([
      call("merchandiser", "POST", `/api/counts/${id}/approve`),
      call("merchandiser", "POST", `/api/counts/${id}/approve`),
      approveCount(second.services, id, {}, merch),
      approveCount(second.services, id, {}, merch),
    ]);
    expect(results.slice(0, 2).map((r) => (r as { status: number }).status)).toEqual([200, 200]);
    const bodies = [(results[0] as { body: { events: number } }).body, (results[1] as { body: { events: number } }).body, results[2], results[3]];
    expect(bodies.map((b) => b.events).sort()).toEqual([0, 0, 0, 2]);
    expect((await ledgerEvents(id)).length).toBe(2);
    expect((await level(server, c.sku("A"), c.loc("wh"))).on_hand).toBe(99);
    expect((await level(server, c.sku("B"), c.loc("wh"))).on_hand).toBe(101);
    const audit = await server.services.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE target = $1 AND action = 'count.approved'", [`count:${id}`]);
    expect(audit.rows[0].n).toBe(1);
    // A later stock move after the count still applies on top (the counts are absolutes at countedAt).
    await server.post(ev({ type: "order.shipped", sku: c.sku("A"), location: c.loc("wh"), quantity: 4 }, 0));
    expect((await level(server, c.sku("A"), c.loc("wh"))).on_hand).toBe(95);
  });

  it("a crash after the events landed but before the status changed: the retry's events are duplicates", async () => {
    const c = await setup();
    const id = await openCount(c);
    await call("analyst", "PUT", `/api/counts/${id}/lines`, { lines: [{ sku: c.sku("A"), counted: 50, reason: "damaged" }] });
    await call("analyst", "POST", `/api/counts/${id}/submit`);
    const row = await server.services.pool.query("SELECT counted_at FROM stock_count_line WHERE count_id = $1", [id]);
    // What the first attempt wrote before dying: the same event the approval makes.
    const [landed] = await ingestEvents(
      server.services.ingest,
      [
        {
          id: countEventId(id, c.sku("A")),
          source: "onepool-counts",
          type: "cycle_count",
          sku: c.sku("A"),
          location: c.loc("wh"),
          quantity: 50,
          occurredAt: row.rows[0].counted_at.toISOString(),
          reason: "damaged",
        },
      ],
      { token: null, receivedAt: new Date() },
    );
    expect(landed.status).toBe("accepted");
    const ok = await call("merchandiser", "POST", `/api/counts/${id}/approve`);
    expect(ok.body).toMatchObject({ status: "approved", events: 0 });
    expect((await ledgerEvents(id)).length).toBe(1);
    expect((await level(server, c.sku("A"), c.loc("wh"))).on_hand).toBe(50);
  });

  it("bad input is a 4xx naming the field: unknown SKU or location, negative counts, another location's SKU or a line for another location", async () => {
    const c = await setup(10, ["A", "B", "C", "X"]);
    const noLoc = await call("analyst", "POST", "/api/counts", { location: "nowhere-at-all", skus: [c.sku("A")] });
    expect(noLoc.status).toBe(422);
    expect(noLoc.body.error.details.field).toBe("location");
    const noSku = await call("analyst", "POST", "/api/counts", { location: c.loc("wh"), skus: ["NOPE-none"] });
    expect(noSku.status).toBe(422);
    expect(noSku.body.error.details).toMatchObject({ field: "skus", skus: ["NOPE-none"] });
    expect((await call("analyst", "POST", "/api/counts", { location: c.loc("wh"), due: -1 })).body.error.details.field).toBe("due");
    const id = await openCount(c);
    const cases: [unknown, number, string][] = [
      [{ lines: [{ sku: "NOPE-none", counted: 1 }] }, 422, "lines.0.sku"],
      [
        {
          lines: [
            { sku: c.sku("A"), counted: 1 },
            { sku: c.sku("B"), counted: -1 },
          ],
        },
        400,
        "lines.1.counted",
      ],
      [{ lines: [{ sku: c.sku("A"), counted: 1.5 }] }, 400, "lines.0.counted"],
      // X exists but is not in this count (stocked, counted elsewhere): refused, not silently added.
      [{ lines: [{ sku: c.sku("X"), counted: 1 }] }, 422, "lines.0.sku"],
      [{ lines: [{ sku: c.sku("A"), counted: 1, location: c.loc("store") }] }, 422, "lines.0.location"],
      [{ lines: [{ sku: c.sku("A"), counted: 1, countedAt: new Date(Date.now() + 3_600_000).toISOString() }] }, 422, "lines.0.countedAt"],
      [{ lines: [{ sku: c.sku("A"), counted: 1, reason: "aliens" }] }, 400, "lines.0.reason"],
    ];
    for (const [body, status, field] of cases) {
      const r = await call("analyst", "PUT", `/api/counts/${id}/lines`, body);
      expect([r.status, r.body.error.details.field], JSON.stringify(body)).toEqual([status, field]);
    }
    // Nothing half-applied: the good line before the bad one was not written.
    expect((await call("analyst", "GET", `/api/counts/${id}`)).body.lines).toEqual([]);
    expect((await call("analyst", "POST", `/api/counts/${id}/submit`)).body.error).toMatchObject({ code: "no_lines", details: { field: "lines" } });
    expect((await call("analyst", "GET", "/api/counts/cnt_nope")).status).toBe(404);
  });

  it("takes CSV `sku,counted` (header optional, quoted codes) and refuses a bad row with its line", async () => {
    const c = await setup(10, ["A", "B,1", "C"]);
    const r = await call("analyst", "POST", "/api/counts", { location: c.loc("wh"), skus: [c.sku("A"), c.sku("B,1"), c.sku("C")] });
    const id = r.body.id;
    const ok = await call("analyst", "PUT", `/api/counts/${id}/lines`, `sku,counted\r\n${c.sku("A")},4\r\n"${c.sku("B,1")}",0\r\n`, "text/csv");
    expect(ok.body).toEqual({ lines: 2, replaced: 0 });
    const bad = await call("analyst", "PUT", `/api/counts/${id}/lines`, `${c.sku("A")},4\n${c.sku("C")},-2\n`, "text/csv");
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "invalid_csv", details: { field: "csv", line: 2 } });
    const unknown = await call("analyst", "PUT", `/api/counts/${id}/lines`, `${c.sku("A")},4\nNOPE-none,2\n`, "text/csv");
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.message).toContain("CSV line 2");
  });

  it("cancel: its creator or a reviewer; a cancelled count cannot be approved or changed", async () => {
    const c = await setup();
    const id = await openCount(c);
    expect((await call({ cookie: extraAnalyst }, "POST", `/api/counts/${id}/cancel`)).status).toBe(403);
    const mine = await openCount(c);
    expect((await call("analyst", "POST", `/api/counts/${mine}/cancel`)).body).toMatchObject({ status: "cancelled" });
    await call("analyst", "PUT", `/api/counts/${id}/lines`, { lines: [{ sku: c.sku("A"), counted: 1 }] });
    await call("analyst", "POST", `/api/counts/${id}/submit`);
    expect((await call("merchandiser", "POST", `/api/counts/${id}/cancel`)).body).toMatchObject({ status: "cancelled" });
    expect((await call("merchandiser", "POST", `/api/counts/${id}/approve`)).status).toBe(409);
    expect((await call("analyst", "PUT", `/api/counts/${id}/lines`, { lines: [{ sku: c.sku("A"), counted: 2 }] })).status).toBe(409);
    expect(await ledgerEvents(id)).toEqual([]);
    expect((await level(server, c.sku("A"), c.loc("wh"))).on_hand).toBe(100);
  });

  it("N most due: on hand only, never counted first, then the oldest trusted count, then on_hand × cost", async () => {
    const c = uniqueCatalog({ skus: ["A", "B", "C", "D", "E"] });
    await server.catalog({ ...c.input, skus: ["A", "B", "C", "D", "E"].map((s) => ({ code: c.sku(s), name: s, unitCost: s === "E" ? 10 : 1 })) });
    const wh = c.loc("wh");
    for (const s of ["A", "B", "C", "E"]) await server.post(ev({ type: "receipt", sku: c.sku(s), location: wh, quantity: 5 }, 20 * 86_400_000));
    await server.post(ev({ type: "cycle_count", sku: c.sku("B"), location: wh, quantity: 5 }, 2 * 86_400_000));
    await server.post(ev({ type: "cycle_count", sku: c.sku("C"), location: wh, quantity: 5 }, 10 * 86_400_000));
    // D: counted long ago but nothing on hand, never due.
    await server.post(ev({ type: "cycle_count", sku: c.sku("D"), location: wh, quantity: 0 }, 30 * 86_400_000));
    const r = await call("analyst", "POST", "/api/counts", { location: wh, due: 10 });
    expect(r.body.skus).toEqual([c.sku("E"), c.sku("A"), c.sku("C"), c.sku("B")]);
    expect((await call("analyst", "POST", "/api/counts", { location: wh, due: 2 })).body.skus).toEqual([c.sku("E"), c.sku("A")]);
  });
  it("a tag selects its SKUs stocked here; in review only a reviewer may recount a line", async () => {
    const c = uniqueCatalog({ skus: ["A", "B", "C"] });
    const tag = `cnt-${c.tag}`;
    await server.catalog(c.withTag(tag, ["A", "B"]));
    await server.post(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 10 }));
    await server.post(ev({ type: "receipt", sku: c.sku("C"), location: c.loc("wh"), quantity: 10 }));
    // B carries the tag but is stocked only at the store: not in a count of the warehouse.
    await server.post(ev({ type: "receipt", sku: c.sku("B"), location: c.loc("store"), quantity: 10 }));
    const opened = await call("analyst", "POST", "/api/counts", { location: c.loc("wh"), tag });
    expect(opened.body.skus).toEqual([c.sku("A")]);
    expect((await call("analyst", "POST", "/api/counts", { location: c.loc("wh"), tag: "no-such-tag" })).body.error.details.field).toBe("tag");
    const id = opened.body.id;
    await call("analyst", "PUT", `/api/counts/${id}/lines`, { lines: [{ sku: c.sku("A"), counted: 4 }] });
    await call("analyst", "POST", `/api/counts/${id}/submit`);
    expect((await call("analyst", "PUT", `/api/counts/${id}/lines`, { lines: [{ sku: c.sku("A"), counted: 9 }] })).status).toBe(409);
    expect((await call("merchandiser", "PUT", `/api/counts/${id}/lines`, { lines: [{ sku: c.sku("A"), counted: 9 }] })).body).toEqual({ lines: 1, replaced: 1 });
    expect((await call("merchandiser", "GET", `/api/counts/${id}`)).body.lines[0]).toMatchObject({ counted: 9, system: 10, variance: 1, needsReason: false });
    expect((await call("merchandiser", "POST", `/api/counts/${id}/approve`)).body).toMatchObject({ status: "approved", events: 1 });
    expect((await level(server, c.sku("A"), c.loc("wh"))).on_hand).toBe(9);
  });
});
