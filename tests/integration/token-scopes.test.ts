import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PUT as putCatalog } from "@/app/api/catalog/route";
import { POST as resubmit } from "@/app/api/rejections/[id]/resubmit/route";
import { GET as listRejections } from "@/app/api/rejections/route";
import { GET as listSources } from "@/app/api/sources/route";
import { DELETE as revokeTokenRoute } from "@/app/api/tokens/[id]/route";
import { POST as rotateTokenRoute } from "@/app/api/tokens/[id]/rotate/route";
import { POST as issueTokenRoute } from "@/app/api/tokens/route";
import { createConnectorToken, type TokenLimits, type TokenScope } from "@/server/auth/connector-tokens";
import { ev, level, startTestServer, TEST_TOKEN, uniqueCatalog, type TestServer } from "../support/test-server";

// Access → scopes (issue 14; review #4, #8, #12, #19, #23): what each connector token may do, over
// real HTTP for the custom server's paths (events, reservations) and through the Next route
// handlers for the others, always with real tokens against real Postgres.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"));
});
afterAll(() => server?.stop());

const token = async (name: string, scopes: TokenScope[], limits: TokenLimits = {}) => (await createConnectorToken(server.services.pool, { name, scopes, ...limits })).token;
const bearer = (value: string) => ({ authorization: `Bearer ${value}` });

async function postEvents(value: string, body: unknown) {
  const res = await fetch(`${server.url}/api/events`, { method: "POST", headers: { ...bearer(value), "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

async function callReservations(value: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...bearer(value), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

const json = (method: string, url: string, value: string, body?: unknown) =>
  new Request(`http://localhost${url}`, { method, headers: { ...bearer(value), "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
const params = <T>(p: T) => ({ params: Promise.resolve(p) });

describe("the catalogue is the catalog scope's, not ingest's (review #4)", () => {
  it("a source-restricted ingest token gets 403 on PUT /api/catalog and changes nothing; a catalog token may load it", async () => {
    const c = uniqueCatalog({ skus: ["CAT"] });
    await server.catalog(c.input);
    const wms = await token("wms-eu", ["ingest"], { sources: ["wms-eu-1"] });
    const takeover = { locations: [{ code: c.loc("wh"), name: "wh", type: "warehouse", sellable: false, trustedSources: ["wms-eu-1"] }] };
    const refused = await putCatalog(json("PUT", "/api/catalog", wms, takeover));
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toContain("catalog");
    const loc = await server.services.pool.query("SELECT sellable, trusted_sources FROM location WHERE code = $1", [c.loc("wh")]);
    expect(loc.rows[0]).toMatchObject({ sellable: true });

    const loader = await token("catalog-loader", ["catalog"]);
    const ok = await putCatalog(json("PUT", "/api/catalog", loader, { skus: [{ code: c.sku("NEW"), name: "new" }] }));
    expect(ok.status, await ok.clone().text()).toBe(200);
    // ...and a catalog token is no ingest token.
    expect((await postEvents(loader, ev({ type: "receipt", sku: c.sku("CAT"), location: c.loc("wh") }))).status).toBe(403);
  });
});

describe("events are held to the token's sources, types and locations (docs/SECURITY.md, review #12)", () => {
  it("no token, not even the bootstrap one, writes under onepool-* or sends reservation.* events", async () => {
    const c = uniqueCatalog({ skus: ["INT"] });
    await server.catalog(c.input);
    const sku = c.sku("INT");
    await server.post(ev({ type: "receipt", sku, location: c.loc("wh"), quantity: 10 }));
    const counts = await server.post(ev({ source: "onepool-counts", type: "cycle_count", sku, location: c.loc("wh"), quantity: 0 }));
    expect(counts.status).toBe(422);
    expect(counts.body.results[0].error).toMatchObject({ code: "forbidden_source", field: "source" });
    const phantom = await server.post(ev({ type: "reservation.created", sku, location: c.loc("wh"), quantity: 10 }));
    expect(phantom.status).toBe(422);
    expect(phantom.body.results[0].error).toMatchObject({ code: "forbidden_event_type", field: "type" });
    expect(await level(server, sku, c.loc("wh"))).toMatchObject({ on_hand: 10, reserved: 0, available: 10 });
  });

  it("a source-restricted token's event under another source is refused as forbidden, even when it would also fail another check", async () => {
    const c = uniqueCatalog({ skus: ["SRC"] });
    await server.catalog(c.input);
    const wms = await token("wms only", ["ingest"], { sources: ["wms"] });
    // An hour ahead: the parser alone would call it clock_drift, a reason that looks transient (review #8).
    const future = { ...ev({ source: "onepool-counts", type: "cycle_count", sku: c.sku("SRC"), location: c.loc("wh"), quantity: 0 }), occurredAt: new Date(Date.now() + 3_600_000).toISOString() };
    const r = await postEvents(wms, [future, ev({ source: "pos", type: "receipt", sku: c.sku("SRC"), location: c.loc("wh") })]);
    expect(r.body.results.map((x: { error: { code: string } }) => x.error.code)).toEqual(["forbidden_source", "forbidden_source"]);
    const stored = await server.services.pool.query("SELECT code FROM rejected_event WHERE event_id = $1", [future.id]);
    expect(stored.rows).toEqual([{ code: "forbidden_source" }]);
  });

  it("a token limited to event types and locations gets a precise reason for each event outside them", async () => {
    const c = uniqueCatalog({ skus: ["LIM"] });
    await server.catalog(c.input);
    const sku = c.sku("LIM");
    const limited = await token("receiving dock", ["ingest"], { sources: ["wms"], eventTypes: ["receipt", "transfer.out"], locations: [c.loc("wh")] });
    const r = await postEvents(limited, [
      ev({ type: "receipt", sku, location: c.loc("wh"), quantity: 5 }),
      ev({ type: "cycle_count", sku, location: c.loc("wh"), quantity: 0 }),
      ev({ type: "receipt", sku, location: c.loc("store"), quantity: 5 }),
      ev({ type: "transfer.out", sku, location: c.loc("wh"), toLocation: c.loc("store"), quantity: 1, reference: "T1" }),
    ]);
    expect(r.status).toBe(202);
    expect(r.body.results.map((x: { status: string; error?: { code: string; field: string } }) => x.error ?? x.status)).toEqual([
      "accepted",
      expect.objectContaining({ code: "forbidden_event_type", field: "type" }),
      expect.objectContaining({ code: "forbidden_location", field: "location" }),
      "accepted",
    ]);
    expect(await level(server, sku, c.loc("wh"))).toMatchObject({ on_hand: 4 });
  });

  it("tokens cannot be issued for Onepool's own sources or event types, and carry their limits", async () => {
    const issue = (body: unknown) => issueTokenRoute(json("POST", "/api/tokens", TEST_TOKEN, body));
    const own = await issue({ name: "x", scopes: ["ingest"], sources: ["onepool-counts"] });
    expect(own.status).toBe(400);
    expect((await own.json()).error.details.field).toBe("sources.0");
    const holds = await issue({ name: "x", scopes: ["ingest"], eventTypes: ["reservation.created"] });
    expect(holds.status).toBe(400);
    expect((await holds.json()).error.details.field).toBe("eventTypes.0");
    const ok = await issue({ name: "pos-cdmx", scopes: ["ingest", "reserve"], sources: ["pos"], eventTypes: ["order.placed"], locations: ["store-1"], channels: ["pos"] });
    expect(ok.status).toBe(201);
    const { id } = await ok.json();
    const row = await server.services.pool.query("SELECT sources, event_types, locations, channels FROM connector_token WHERE id = $1", [id]);
    expect(row.rows[0]).toEqual({ sources: ["pos"], event_types: ["order.placed"], locations: ["store-1"], channels: ["pos"] });
  });
});

describe("re-submitting a rejected canonical event re-applies its token's limits (review #8)", () => {
  const resubmitAsAdmin = (id: string) => resubmit(json("POST", `/api/rejections/${id}/resubmit`, TEST_TOKEN), params({ id }));

  /** A rejection as the path before this fix stored it: a forbidden event under a parse error's code. */
  async function oldRejection(tokenId: string, event: Record<string, unknown>, code = "clock_drift"): Promise<string> {
    const r = await server.services.pool.query<{ id: string }>(
      "INSERT INTO rejected_event (source, event_id, code, message, raw, token_id) VALUES ($1, $2, $3, 'occurredAt is in the future', $4, $5) RETURNING id",
      [event.source, event.id, code, JSON.stringify(event), tokenId],
    );
    return String(r.rows[0].id);
  }

  it("a WMS token's count under onepool-counts, stored as clock_drift, is still refused when an admin re-submits it", async () => {
    const c = uniqueCatalog({ skus: ["RSB"], locations: [{ code: "wh", trustedSources: ["wms", "onepool-counts"] }] });
    await server.catalog(c.input);
    const sku = c.sku("RSB");
    await server.post(ev({ type: "receipt", sku, location: c.loc("wh"), quantity: 8 }));
    const created = await createConnectorToken(server.services.pool, { name: "wms-eu", scopes: ["ingest"], sources: ["wms"] });
    const id = await oldRejection(created.id, ev({ source: "onepool-counts", type: "cycle_count", sku, location: c.loc("wh"), quantity: 0 }));
    const r = await resubmitAsAdmin(id);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ outcome: "rejected", error: { code: "forbidden_source" } });
    expect(await level(server, sku, c.loc("wh"))).toMatchObject({ on_hand: 8 });
  });

  it("a rejection whose token is revoked or deleted is refused with 409; an allowed one is accepted once its cause is fixed", async () => {
    const c = uniqueCatalog({ skus: ["RSC"] });
    const sku = c.sku("RSC");
    const t = await createConnectorToken(server.services.pool, { name: "wms-rsc", scopes: ["ingest"], sources: ["wms"] });
    // Rejected for a cause an admin can fix (the location and SKU are not in the catalogue yet).
    const events = [0, 1, 2].map(() => ev({ type: "receipt", sku, location: c.loc("wh"), quantity: 2 }));
    const sent = await postEvents(t.token, events);
    expect(sent.body.results.map((x: { error: { code: string } }) => x.error.code)).toEqual(["unknown_location", "unknown_location", "unknown_location"]);
    const ids = (await server.services.pool.query<{ id: string }>("SELECT id FROM rejected_event WHERE event_id = ANY($1) ORDER BY id", [events.map((e) => e.id)])).rows.map((r) => String(r.id));
    await server.catalog(c.input);

    expect(await (await resubmitAsAdmin(ids[0])).json()).toMatchObject({ outcome: "accepted" });

    await revokeTokenRoute(json("DELETE", `/api/tokens/${t.id}`, TEST_TOKEN), params({ id: t.id }));
    const revoked = await resubmitAsAdmin(ids[1]);
    expect(revoked.status).toBe(409);
    expect((await revoked.json()).error.code).toBe("token_revoked");

    await server.services.pool.query("DELETE FROM connector_token WHERE id = $1", [t.id]);
    const gone = await resubmitAsAdmin(ids[2]);
    expect(gone.status).toBe(409);
    expect((await gone.json()).error.code).toBe("token_gone");
    expect(await level(server, sku, c.loc("wh"))).toMatchObject({ on_hand: 2 });
  });
});

describe("reserve tokens: channels and idempotency keys of their own (review #12)", () => {
  async function stocked(units: number) {
    const c = uniqueCatalog({ skus: ["R"] });
    c.input.channels!.push({ code: `${c.channel}-b`, name: "B", kind: "website" });
    await server.catalog(c.input);
    await server.post(ev({ type: "receipt", sku: c.sku("R"), location: c.loc("wh"), quantity: units }));
    return c;
  }
  let n = 0;
  const key = () => `cart-${Date.now()}-${++n}`;

  it("a token limited to a channel gets 403 for another channel's hold, to create, read or release", async () => {
    const c = await stocked(10);
    const web = await token("web checkout", ["reserve"], { channels: [c.channel] });
    const other = await token("other checkout", ["reserve"]);
    const refused = await callReservations(web, "POST", "/api/reservations", { sku: c.sku("R"), channel: `${c.channel}-b`, quantity: 1, idempotencyKey: key() });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "forbidden_channel" });
    expect(refused.body.error.message).toContain(`${c.channel}-b`);

    const mine = await callReservations(web, "POST", "/api/reservations", { sku: c.sku("R"), channel: c.channel, quantity: 1, idempotencyKey: key() });
    expect(mine.status).toBe(201);
    const theirs = await callReservations(other, "POST", "/api/reservations", { sku: c.sku("R"), channel: `${c.channel}-b`, quantity: 2, idempotencyKey: key() });
    expect(theirs.status).toBe(201);
    expect((await callReservations(web, "GET", `/api/reservations/${theirs.body.id}`)).status).toBe(403);
    const release = await callReservations(web, "DELETE", `/api/reservations/${theirs.body.id}`);
    expect(release.status).toBe(403);
    expect(release.body.error.code).toBe("forbidden_channel");
    expect(await level(server, c.sku("R"), c.loc("wh"))).toMatchObject({ reserved: 3 });
    expect((await callReservations(web, "GET", `/api/reservations/${mine.body.id}`)).status).toBe(200);
  });

  it("one caller's idempotency key never answers with another caller's hold", async () => {
    const c = await stocked(10);
    const alice = await token("alice checkout", ["reserve"]);
    const mallory = await token("mallory checkout", ["reserve"]);
    const shared = `order-${c.tag}`;
    const body = { sku: c.sku("R"), channel: c.channel, quantity: 2, idempotencyKey: shared };
    const first = await callReservations(alice, "POST", "/api/reservations", body);
    expect(first.status).toBe(201);
    // Same key, other body: before, a 422 that named alice's hold; now mallory's own new hold.
    const probe = await callReservations(mallory, "POST", "/api/reservations", { ...body, quantity: 1 });
    expect(probe.status).toBe(201);
    expect(probe.body.id).not.toBe(first.body.id);
    // Same key, same body: before, alice's hold replayed to mallory; now mallory's own.
    const copy = await callReservations(mallory, "POST", "/api/reservations", { ...body, idempotencyKey: `${shared}-2` });
    const again = await callReservations(mallory, "POST", "/api/reservations", { ...body, idempotencyKey: `${shared}-2` });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.id).toBe(copy.body.id);
    const retry = await callReservations(alice, "POST", "/api/reservations", body);
    expect(retry.body.id).toBe(first.body.id);
    expect(JSON.stringify(probe.body)).not.toContain(first.body.id);
  });
});

describe("raw provider bodies and secret hints are for connectors.manage only (review #19)", () => {
  it("a read token sees rejections without their raw body and sources without secret hints; an admin token sees both", async () => {
    const src = `hint-${Date.now()}`;
    await server.services.pool.query("INSERT INTO source (code, provider, updated_at) VALUES ($1, 'standard', now())", [src]);
    await server.services.pool.query("INSERT INTO source_secret (id, source_code, sealed, fingerprint, hint) VALUES ($1, $1, 'sealed', 'f', '…abcd')", [src]);
    const pii = { id: `pii-${Date.now()}`, customer: { email: "jane@example.com" } };
    await server.services.pool.query("INSERT INTO rejected_event (source, event_id, code, message, raw, provider) VALUES ($1, $2, 'unknown_sku', 'x', $3, 'shopify')", [
      src,
      pii.id,
      JSON.stringify(pii),
    ]);
    const reader = await token("bi tool", ["read"]);

    const asReader = await (await listRejections(new Request(`http://localhost/api/rejections?source=${src}`, { headers: bearer(reader) }))).json();
    expect(asReader.items[0]).toMatchObject({ eventId: pii.id, rawPreview: null });
    expect(JSON.stringify(asReader)).not.toContain("jane@example.com");
    const asAdmin = await (await listRejections(new Request(`http://localhost/api/rejections?source=${src}`, { headers: bearer(TEST_TOKEN) }))).json();
    expect(asAdmin.items[0].rawPreview).toContain("jane@example.com");

    const sourcesAsReader = await (await listSources(new Request("http://localhost/api/sources", { headers: bearer(reader) }))).json();
    expect(sourcesAsReader.sources.find((s: { code: string }) => s.code === src).secrets[0].hint).toBeNull();
    const sourcesAsAdmin = await (await listSources(new Request("http://localhost/api/sources", { headers: bearer(TEST_TOKEN) }))).json();
    expect(sourcesAsAdmin.sources.find((s: { code: string }) => s.code === src).secrets[0].hint).toBe("…abcd");
  });
});

describe("token changes and their audit rows commit together (review #23)", () => {
  it("when the audit row cannot be written, issuing, revoking and rotating change nothing", async () => {
    const pool = server.services.pool;
    const marker = `audit-fails-${Date.now()}`;
    // A real failure of the audit insert, for this test's tokens only.
    await pool.query(`CREATE TABLE IF NOT EXISTS test_audit_fails (target text PRIMARY KEY)`);
    await pool.query(`CREATE OR REPLACE FUNCTION test_audit_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.target IN (SELECT target FROM test_audit_fails) OR NEW.details->>'name' IN (SELECT target FROM test_audit_fails) THEN
          RAISE EXCEPTION 'audit write failed (test)';
        END IF;
        RETURN NEW;
      END $$`);
    await pool.query(`DROP TRIGGER IF EXISTS test_audit_fail ON audit_log; CREATE TRIGGER test_audit_fail BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_audit_fail()`);
    await pool.query("INSERT INTO test_audit_fails VALUES ($1)", [marker]);

    const issued = await issueTokenRoute(json("POST", "/api/tokens", TEST_TOKEN, { name: marker, scopes: ["read"] }));
    expect(issued.status).toBe(500);
    expect((await pool.query("SELECT count(*)::int AS n FROM connector_token WHERE name = $1", [marker])).rows[0].n).toBe(0);

    const t = await createConnectorToken(pool, { name: `${marker}-existing`, scopes: ["read"] });
    await pool.query("INSERT INTO test_audit_fails VALUES ($1)", [`token:${t.id}`]);
    const revoked = await revokeTokenRoute(json("DELETE", `/api/tokens/${t.id}`, TEST_TOKEN), params({ id: t.id }));
    expect(revoked.status).toBe(500);
    const rotated = await rotateTokenRoute(json("POST", `/api/tokens/${t.id}/rotate`, TEST_TOKEN, { overlapSeconds: 0 }), params({ id: t.id }));
    expect(rotated.status).toBe(500);
    const rows = await pool.query("SELECT revoked_at, expires_at FROM connector_token WHERE name = $1", [`${marker}-existing`]);
    expect(rows.rows).toEqual([{ revoked_at: null, expires_at: null }]);
    // The token still works: nothing was half-done.
    const still = await listSources(new Request("http://localhost/api/sources", { headers: bearer(t.token) }));
    expect(still.status).toBe(200);
    await pool.query("DROP TRIGGER test_audit_fail ON audit_log");
  });
});
