import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";
import { registerOutbound } from "@/server/outbound/save-outbound";
import { closing } from "../support/closing";
import { startPushReceiver } from "../support/push-receiver";
import { routeStandIn } from "../support/route-stand-in";
import { ev, startTestServer, uniqueCatalog, type TestServer } from "../support/test-server";
import { signInNewPerson } from "../support/signed-in-person";
import { openSocket, subscribe } from "../support/live-socket";
import { until } from "../support/until";
import { postWebhook, registerSource, standardHeaders, whsec } from "../support/webhooks";
import { callApi } from "../support/call-api";
import type { AlertView } from "@/server/alerts/get-alerts";

// The alert engine of docs/ALERTS.md over real HTTP, Postgres and clock: each kind opens with its
// subject and resolves by itself (thresholds shortened through PUT /api/alert-settings),
// acknowledge and mute with their 4xx, live frames on another instance, and two instances
// sweeping at once without a duplicate row or a doubled transition.

// No full sweep of the SKU kinds after start: low cover, returns and variance must open from the
// ingest path's own evaluation (the sweep only follows SKUs already tracked, to resolve them).
const SWEEP = { ONEPOOL_ALERT_SWEEP_SECONDS: "0.2", ONEPOOL_ALERT_FULL_SWEEP_SECONDS: "3600" };
const PUSH_SECRET = `whsec_${Buffer.from("onepool-alerts-test-secret-32byt").toString("base64")}`;
let server: TestServer;
let second: TestServer;
const people: Partial<Record<Role, { cookie: string; actor: Actor }>> = {};

function person(role: Role, n: number) {
  return signInNewPerson(server, role, `alerts-${role}-${n}-${process.pid}-${Date.now()}@example.com`, `10.17.0.${n}`);
}

const call = (who: Role, method: string, path: string, body?: unknown) => callApi(server.url, method, path, { body, headers: { cookie: people[who]!.cookie, origin: server.url } });

/** The answer's alert; its `value` read by path. */
type Alert = AlertView & { value: Record<string, any> };

async function alerts(query: string): Promise<Alert[]> {
  const r = await call("analyst", "GET", `/api/alerts?state=all&${query}`);
  expect(r.status).toBe(200);
  return r.body.alerts;
}
const waitFor = (what: string, query: string, pred: (a: Alert) => boolean, ms = 15_000) => until(what, async () => (await alerts(query)).find(pred), ms, 100);

/** A new SKU "A" with a 14-day lead time: `received` units in, then 5 sold (5 a day). */
async function sellingSku(received: number) {
  const c = uniqueCatalog({ skus: ["A"] });
  await server.catalog({ ...c.input, skus: [{ code: c.sku("A"), name: "a", leadTimeDays: 14 }] });
  await server.post(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: received }));
  await server.post(ev({ type: "order.placed", sku: c.sku("A"), location: c.loc("wh"), quantity: 5, orderId: `o-${c.tag}` }));
  return c;
}

beforeAll(async () => {
  second = await startTestServer(inject("databaseUrl"), SWEEP, { nextHandler: routeStandIn() });
  // Started last so the route handlers' services are this one's.
  server = await startTestServer(inject("databaseUrl"), SWEEP, { nextHandler: routeStandIn() });
  people.analyst = await person("analyst", 1);
  people.merchandiser = await person("merchandiser", 2);
  people.admin = await person("admin", 3);
  const r = await call("admin", "PUT", "/api/alert-settings", {
    stockout_listed: { forSeconds: 1 },
    lag_sla: { windowSeconds: 3, forSeconds: 1 },
    stale_location: { quietSeconds: 3 },
    drift: { olderThanSeconds: 1 },
    unmapped: { waitingSeconds: 1 },
    signature_failures: { refusals: 3, windowSeconds: 3 },
    returns_spike: { windowSeconds: 3 },
  });
  expect(r.status).toBe(200);
  expect(r.body.settings.stockout_listed.forSeconds).toBe(1);
  expect(r.body.defaults.stockout_listed.forSeconds).toBe(60);
}, 60_000);
afterAll(() => Promise.all([server?.stop(), second?.stop()]));

describe("each kind opens with its subject and resolves by itself", () => {
  it("low_cover carries the reorder suggestion and resolves when stock comes in", async () => {
    const c = await sellingSku(10);
    // 5 left at 5/day: 1 day of cover < 14 + 7; suggestion ⌈21 × 5 − 5 − 0⌉ = 100.
    const a = await waitFor("low_cover", `kind=low_cover&sku=${c.sku("A")}`, (x) => x.state === "open");
    expect(a).toMatchObject({ kind: "low_cover", sku: c.sku("A"), value: { suggestedQuantity: 100, daysOfInventory: 1, velocity: 5 } });
    expect(a.channel).toBeUndefined();
    await server.post(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 200 }));
    await waitFor("low_cover resolved", `kind=low_cover&sku=${c.sku("A")}`, (x) => x.state === "resolved" && x.id === a.id);
  });

  it("stockout_listed: the channel still shows units after 1 s of nothing to sell, until it acknowledges 0", async () => {
    await closing(startPushReceiver(PUSH_SECRET), async (receiver) => {
      const c = uniqueCatalog({ skus: ["A"] });
      await server.catalog(c.input);
      await server.post(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 3 }));
      await server.services.publisher.settle();
      await registerOutbound(server.services, c.channel, { provider: "standard", url: receiver.url, secret: PUSH_SECRET }, SYSTEM_ACTOR);
      await until("3 acknowledged", () => receiver.latest().get(c.sku("A")) === 3);
      receiver.script([503, 503]); // the channel is down for the next two attempts (≈ 6 s)
      const soldOut = Date.now();
      await server.post(ev({ type: "order.placed", sku: c.sku("A"), location: c.loc("wh"), quantity: 3, orderId: `o-${c.tag}` }));
      const a = await waitFor("stockout_listed", `kind=stockout_listed&sku=${c.sku("A")}`, (x) => x.state === "open");
      expect(Date.now() - soldOut).toBeGreaterThanOrEqual(1000); // held for forSeconds first
      expect(a).toMatchObject({ sku: c.sku("A"), channel: c.channel, value: { availableReal: 0, acknowledged: 3 } });
      await waitFor("stockout_listed resolved", `kind=stockout_listed&sku=${c.sku("A")}`, (x) => x.id === a.id && x.state === "resolved", 20_000);
      expect(receiver.latest().get(c.sku("A"))).toBe(0);
    });
  });

  it("push_failing: a channel refusing pushes, until it takes one", async () => {
    await closing(startPushReceiver(PUSH_SECRET), async (receiver) => {
      receiver.script([422, 422]);
      const c = uniqueCatalog({ skus: ["A"] });
      await server.catalog(c.input);
      await server.post(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 3 }));
      await server.services.publisher.settle();
      await registerOutbound(server.services, c.channel, { provider: "standard", url: receiver.url, secret: PUSH_SECRET }, SYSTEM_ACTOR);
      const a = await waitFor("push_failing", `kind=push_failing&channel=${c.channel}`, (x) => x.state === "open");
      expect(a.value.reason).toContain("422");
      await waitFor("push_failing resolved", `kind=push_failing&channel=${c.channel}`, (x) => x.id === a.id && x.state === "resolved", 20_000);
    });
  });

  it("returns_spike: ≥ 5 returns in the window with no history, clearing as the window passes", async () => {
    const c = uniqueCatalog({ skus: ["A", "B"] });
    await server.catalog(c.input);
    await server.post(ev({ type: "return.received", sku: c.sku("A"), location: c.loc("wh"), quantity: 5, reference: `r-${c.tag}` }, 0));
    await server.post(ev({ type: "return.received", sku: c.sku("B"), location: c.loc("wh"), quantity: 4, reference: `r2-${c.tag}` }, 0));
    const a = await waitFor("returns_spike", `kind=returns_spike&sku=${c.sku("A")}`, (x) => x.state === "open");
    expect(a.value).toMatchObject({ units: 5, baselineUnits: 0 });
    expect(await alerts(`kind=returns_spike&sku=${c.sku("B")}`)).toEqual([]);
    await waitFor("returns_spike resolved", `kind=returns_spike&sku=${c.sku("A")}`, (x) => x.state === "resolved");
  });

  it("variance: a count ≥ max(5, 10 %) off opens for the SKU × location; a recount that agrees resolves it", async () => {
    const c = uniqueCatalog({ skus: ["A"] });
    await server.catalog(c.input);
    await server.post(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 100 }, 10_000));
    await server.post(ev({ type: "cycle_count", sku: c.sku("A"), location: c.loc("wh"), quantity: 90 }, 5_000));
    const a = await waitFor("variance", `kind=variance&sku=${c.sku("A")}`, (x) => x.state === "open");
    expect(a).toMatchObject({ sku: c.sku("A"), location: c.loc("wh"), value: { system: 100, counted: 90, variance: 10 } });
    await server.post(ev({ type: "cycle_count", sku: c.sku("A"), location: c.loc("wh"), quantity: 90 }, 1_000));
    await waitFor("variance resolved", `kind=variance&sku=${c.sku("A")}`, (x) => x.state === "resolved");
  });

  it("drift: an untrusted source disagreeing for over the threshold, until it agrees", async () => {
    const c = uniqueCatalog({ skus: ["A"], locations: [{ code: "wh", trustedSources: ["wms"] }] });
    await server.catalog(c.input);
    const shop = `shop-${c.tag}`;
    await server.post(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 10 }, 10_000));
    await server.post(ev({ type: "snapshot", source: shop, bucket: "available", sku: c.sku("A"), location: c.loc("wh"), quantity: 7 }, 5_000));
    const a = await waitFor("drift", `kind=drift&source=${shop}`, (x) => x.state === "open");
    expect(a).toMatchObject({ sku: c.sku("A"), location: c.loc("wh"), source: shop, value: { drift: 3, pool: 10, reported: 7 } });
    await server.post(ev({ type: "snapshot", source: shop, bucket: "available", sku: c.sku("A"), location: c.loc("wh"), quantity: 10 }, 1_000));
    await waitFor("drift resolved", `kind=drift&source=${shop}`, (x) => x.state === "resolved");
  });

  it("unmapped: a listing waiting in the queue, until it is mapped", async () => {
    const c = uniqueCatalog({ skus: ["A"] });
    await server.catalog({ ...c.input, listings: [] });
    const listing = { channel: c.channel, externalId: `unknown-${c.tag}` };
    expect((await server.post(ev({ type: "receipt", listing, location: c.loc("wh"), quantity: 2 }))).body.results[0].status).toBe("unmapped");
    const a = await waitFor("unmapped", `kind=unmapped&listingChannel=${c.channel}&listingExternalId=${listing.externalId}`, (x) => x.state === "open");
    expect(a).toMatchObject({ listing, value: { events: 1 } });
    await server.catalog({ listings: [{ channel: c.channel, externalId: listing.externalId, sku: c.sku("A") }] });
    await waitFor("unmapped resolved", `kind=unmapped&listingChannel=${c.channel}`, (x) => x.id === a.id && x.state === "resolved");
  });

  it("signature_failures: refused signatures from one source in the window, clearing when they stop", async () => {
    const c = uniqueCatalog({ skus: ["A"] });
    await server.catalog(c.input);
    const code = `hooks-${c.tag}`;
    await registerSource(server, code, { provider: "standard", channel: c.channel, secrets: [whsec()] });
    const raw = JSON.stringify({ id: "x", type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 1, occurredAt: new Date().toISOString() });
    for (let i = 0; i < 3; i++) expect((await postWebhook(server, `/api/webhooks/standard/${code}`, raw, standardHeaders(whsec(), raw))).status).toBe(401);
    const a = await waitFor("signature_failures", `kind=signature_failures&source=${code}`, (x) => x.state === "open");
    expect(a.value).toMatchObject({ refused: 3 });
    await waitFor("signature_failures resolved", `kind=signature_failures&source=${code}`, (x) => x.state === "resolved");
  });

  it("lag_sla: a source whose ingest p95 is over 60 s for 1 s, clearing when the window empties", async () => {
    const c = uniqueCatalog({ skus: ["A"] });
    await server.catalog(c.input);
    const src = `late-${c.tag}`;
    await server.post([0, 1, 2].map((i) => ev({ type: "receipt", source: src, sku: c.sku("A"), location: c.loc("wh"), quantity: 1 + i }, 120_000)));
    const a = await waitFor("lag_sla", `kind=lag_sla&source=${src}`, (x) => x.state === "open");
    expect(a.value).toMatchObject({ lag: "ingest", slaSeconds: 60 });
    expect(a.value.p95Ms).toBeGreaterThan(110_000);
    await waitFor("lag_sla resolved", `kind=lag_sla&source=${src}`, (x) => x.state === "resolved");
  });

  it("lag_sla: a channel whose end-to-end p95 is over 5 min (a change that occurred 7 min ago, acknowledged now)", async () => {
    await closing(startPushReceiver(PUSH_SECRET), async (receiver) => {
      const c = uniqueCatalog({ skus: ["A"] });
      await server.catalog(c.input);
      await registerOutbound(server.services, c.channel, { provider: "standard", url: receiver.url, secret: PUSH_SECRET }, SYSTEM_ACTOR);
      await server.post(ev({ type: "receipt", source: `old-${c.tag}`, sku: c.sku("A"), location: c.loc("wh"), quantity: 4 }, 420_000));
      const a = await waitFor("lag_sla on the channel", `kind=lag_sla&channel=${c.channel}`, (x) => x.state === "open");
      expect(a.value).toMatchObject({ lag: "end_to_end", slaSeconds: 300 });
      expect(a.value.p95Ms).toBeGreaterThan(400_000);
      expect(a.source).toBeUndefined();
      await waitFor("lag_sla on the channel resolved", `kind=lag_sla&channel=${c.channel}`, (x) => x.state === "resolved");
    });
  });

  it("stale_location: no event at a location for the quiet time, until one comes; it opens again as the same row", async () => {
    const c = uniqueCatalog({ skus: ["A"] });
    await server.catalog(c.input);
    await server.post(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 1 }, 0));
    const a = await waitFor("stale_location", `kind=stale_location&location=${c.loc("store")}`, (x) => x.state === "open");
    expect(a.value.lastActivityAt).toBeNull();
    await server.post(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("store"), quantity: 1 }, 0));
    await waitFor("stale_location resolved", `kind=stale_location&location=${c.loc("store")}`, (x) => x.state === "resolved");
    // Quiet again: the same row opens again (one row per kind and subject), and the history keeps each turn.
    const again = await waitFor("stale_location again", `kind=stale_location&location=${c.loc("store")}`, (x) => x.state === "open" && x.openings === 2);
    expect(again.id).toBe(a.id);
    const turns = await server.services.pool.query("SELECT change FROM alert_event WHERE alert_id = $1 ORDER BY id", [a.id]);
    expect(turns.rows.map((r) => r.change)).toEqual(["opened", "resolved", "reopened"]);
  });
});

describe("acknowledge and mute", () => {
  async function openVariance() {
    const c = uniqueCatalog({ skus: ["A"] });
    await server.catalog(c.input);
    await server.post(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 50 }, 10_000));
    await server.post(ev({ type: "cycle_count", sku: c.sku("A"), location: c.loc("wh"), quantity: 40 }, 5_000));
    const a = await waitFor("variance", `kind=variance&sku=${c.sku("A")}`, (x) => x.state === "open");
    return { c, a };
  }

  it("anyone who reads acknowledges (who, audited); again changes nothing; unknown is 404, resolved is 409", async () => {
    const { c, a } = await openVariance();
    const r = await call("analyst", "POST", `/api/alerts/${a.id}/acknowledge`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: a.id, acknowledgedBy: people.analyst!.actor.label, acknowledgedAt: expect.any(String) });
    const again = await call("merchandiser", "POST", `/api/alerts/${a.id}/acknowledge`);
    expect(again.body.acknowledgedBy).toBe(people.analyst!.actor.label);
    const audit = await server.services.pool.query("SELECT action, actor FROM audit_log WHERE target = $1", [`alert:${a.id}`]);
    expect(audit.rows).toEqual([{ action: "alert.acknowledged", actor: people.analyst!.actor.label }]);
    expect((await call("analyst", "POST", "/api/alerts/999999999999/acknowledge")).body.error.code).toBe("not_found");
    expect((await call("analyst", "POST", "/api/alerts/abc/acknowledge")).status).toBe(404);
    await server.post(ev({ type: "cycle_count", sku: c.sku("A"), location: c.loc("wh"), quantity: 40 }, 1_000));
    await waitFor("resolved", `kind=variance&sku=${c.sku("A")}`, (x) => x.state === "resolved");
    const late = await call("analyst", "POST", `/api/alerts/${a.id}/acknowledge`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("not_open");
  });

  it("a merchandiser mutes a (kind, subject) until a time: still tracked, flagged muted; unmute; precise 4xx", async () => {
    const { c, a } = await openVariance();
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const subject = { kind: "variance", sku: c.sku("A"), location: c.loc("wh") };
    expect((await call("analyst", "POST", "/api/alerts/mutes", { ...subject, until })).status).toBe(403);
    const past = await call("merchandiser", "POST", "/api/alerts/mutes", { ...subject, until: new Date(Date.now() - 1000).toISOString() });
    expect(past).toMatchObject({ status: 400, body: { error: { code: "invalid_field", details: { field: "until" } } } });
    const unknown = await call("merchandiser", "POST", "/api/alerts/mutes", { ...subject, sku: "NO-SUCH", until });
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: "unknown_sku", details: { field: "sku" } } } });
    const wrong = await call("merchandiser", "POST", "/api/alerts/mutes", { kind: "variance", sku: c.sku("A"), until });
    expect(wrong).toMatchObject({ status: 400, body: { error: { code: "invalid_subject" } } });
    expect(wrong.body.error.message).toContain("sku + location");
    expect((await call("merchandiser", "POST", "/api/alerts/mutes", { ...subject, kind: "nope", until })).body.error).toMatchObject({ code: "invalid_field", details: { field: "kind" } });
    expect((await call("merchandiser", "POST", "/api/alerts/mutes", { ...subject, until, extra: 1 })).body.error.code).toBe("unknown_field");

    const muted = await call("merchandiser", "POST", "/api/alerts/mutes", { ...subject, until });
    expect(muted).toMatchObject({ status: 200, body: { kind: "variance", sku: c.sku("A"), location: c.loc("wh"), until } });
    expect((await alerts(`kind=variance&sku=${c.sku("A")}`))[0]).toMatchObject({ id: a.id, state: "open", muted: true, mutedUntil: until });
    const counts = (await call("analyst", "GET", "/api/alerts?kind=variance")).body.open;
    expect(counts.muted).toBeGreaterThanOrEqual(1);
    expect(counts.total).toBeGreaterThanOrEqual(counts.muted);
    expect((await call("analyst", "GET", "/api/alerts/mutes")).body.mutes).toContainEqual(
      expect.objectContaining({ kind: "variance", sku: c.sku("A"), location: c.loc("wh"), by: people.merchandiser!.actor.label }),
    );
    // The brief's alias takes the same body with PUT.
    const later = new Date(Date.now() + 7_200_000).toISOString();
    expect((await call("merchandiser", "PUT", "/api/alert-mutes", { ...subject, until: later })).body.until).toBe(later);

    expect((await call("merchandiser", "DELETE", "/api/alerts/mutes", subject)).status).toBe(200);
    expect((await alerts(`kind=variance&sku=${c.sku("A")}`))[0]).toMatchObject({ id: a.id, muted: false });
    expect(await call("merchandiser", "DELETE", "/api/alerts/mutes", subject)).toMatchObject({ status: 404, body: { error: { code: "not_muted" } } });
    const audit = await server.services.pool.query("SELECT action, details, before, after FROM audit_log WHERE action LIKE 'alert.%muted' AND details->>'sku' = $1 ORDER BY id", [c.sku("A")]);
    expect(audit.rows.map((r) => r.action)).toEqual(["alert.muted", "alert.muted", "alert.unmuted"]);
    expect(audit.rows[1]).toMatchObject({ details: { kind: "variance", sku: c.sku("A"), location: c.loc("wh") }, before: { until }, after: { until: later } });
  });

  it("the list refuses bad filters, and settings refuse bad input and other roles", async () => {
    expect((await call("analyst", "GET", "/api/alerts?state=closed")).body.error).toMatchObject({ code: "invalid_field", details: { field: "state" } });
    expect((await call("analyst", "GET", "/api/alerts?kind=bogus")).body.error).toMatchObject({ code: "invalid_field", details: { field: "kind" } });
    expect((await call("analyst", "GET", "/api/alerts?color=red")).body.error.code).toBe("unknown_field");
    expect((await call("merchandiser", "PUT", "/api/alert-settings", { drift: { olderThanSeconds: 5 } })).status).toBe(403);
    expect((await call("admin", "PUT", "/api/alert-settings", { drift: { olderThanSeconds: -5 } })).body.error).toMatchObject({ code: "invalid_field", details: { field: "drift.olderThanSeconds" } });
    expect((await call("admin", "PUT", "/api/alert-settings", { nope: { forSeconds: 1 } })).body.error.code).toBe("unknown_field");
    expect((await call("admin", "PUT", "/api/alert-settings", {})).status).toBe(400);
    const audit = await server.services.pool.query("SELECT before, after FROM audit_log WHERE action = 'alert_settings.updated' AND target = 'alert_settings:stockout_listed'");
    expect(audit.rows[0]).toMatchObject({ before: { forSeconds: 60 }, after: { forSeconds: 1 } });
    expect((await call("analyst", "GET", "/api/alert-settings")).body.settings.drift.olderThanSeconds).toBe(1);
  });
});

describe("settings", () => {
  it("a change re-evaluates every SKU before the answer: more safety days make a SKU with 30 days of cover low, fewer resolve it", async () => {
    const c = await sellingSku(155);
    await server.services.alerts!.settle();
    expect(await alerts(`kind=low_cover&sku=${c.sku("A")}`)).toEqual([]); // 30 days ≥ 14 + 7
    try {
      expect((await call("admin", "PUT", "/api/alert-settings", { low_cover: { safetyDays: 20 } })).status).toBe(200);
      expect((await alerts(`kind=low_cover&sku=${c.sku("A")}`))[0]).toMatchObject({ state: "open", value: { safetyDays: 20, suggestedQuantity: 20 } }); // 34 × 5 − 150
    } finally {
      expect((await call("admin", "PUT", "/api/alert-settings", { low_cover: { safetyDays: 7 } })).status).toBe(200);
    }
    expect((await alerts(`kind=low_cover&sku=${c.sku("A")}`))[0]).toMatchObject({ state: "resolved" });
    const stored = await server.services.pool.query("SELECT 1 FROM alert_setting WHERE kind = 'low_cover'");
    expect(stored.rowCount).toBe(0); // back at the default: nothing stored
  });
});

describe("live and on several instances", () => {
  it("an alert's opening, acknowledgement and resolution reach the alerts room of another instance", async () => {
    const s = await openSocket(second.url, { cookie: people.analyst!.cookie });
    try {
      expect(await subscribe(s, "alerts")).toMatchObject({ ok: true });
      const frames: { change: string; alert: Alert }[] = [];
      s.on("frame", (f: { room: string; data: { alert?: { change: string; alert: Alert } } }) => {
        if (f.room === "alerts" && f.data.alert) frames.push(f.data.alert);
      });
      const c = uniqueCatalog({ skus: ["A"] });
      await server.catalog(c.input);
      await server.post(ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 50 }, 10_000));
      await server.post(ev({ type: "cycle_count", sku: c.sku("A"), location: c.loc("wh"), quantity: 30 }, 5_000));
      const mine = () => frames.filter((f) => f.alert.kind === "variance" && f.alert.sku === c.sku("A"));
      const opened = await until("opened frame", () => mine().find((f) => f.change === "opened"));
      expect(opened.alert).toMatchObject({ state: "open", location: c.loc("wh"), value: { variance: 20 } });
      await call("analyst", "POST", `/api/alerts/${opened.alert.id}/acknowledge`);
      await server.post(ev({ type: "cycle_count", sku: c.sku("A"), location: c.loc("wh"), quantity: 30 }, 1_000));
      await until("resolved frame", () => mine().some((f) => f.change === "resolved"));
      expect(mine().map((f) => f.change)).toEqual(["opened", "acknowledged", "resolved"]);
    } finally {
      s.close();
    }
  });

  it("two instances sweeping at once open each alert once: one row, one 'opened', one notification", async () => {
    const c = uniqueCatalog({ skus: ["A"], locations: [{ code: "quiet1" }, { code: "quiet2" }, { code: "quiet3" }] });
    await server.catalog(c.input);
    const codes = ["quiet1", "quiet2", "quiet3"].map(c.loc);
    // Both instances sweep every 200 ms; hammer them with extra sweeps at the same moments too.
    const heard: string[] = [];
    const listener = await server.services.pool.connect();
    try {
      listener.on("notification", (n) => {
        const p = JSON.parse(n.payload ?? "{}");
        if (p.change === "opened" && codes.includes(p.alert.location)) heard.push(p.alert.location);
      });
      await listener.query("LISTEN onepool_alert_changed");
      await until(
        "all three open",
        async () => {
          await Promise.all([server.services.alerts!.sweepNow(), second.services.alerts!.sweepNow(), server.services.alerts!.sweepNow(), second.services.alerts!.sweepNow()]);
          return (await alerts("kind=stale_location&state=open")).filter((a) => codes.includes(a.location!)).length === 3;
        },
        15_000,
      );
      await Promise.all([server.services.alerts!.sweepNow(), second.services.alerts!.sweepNow()]);
      const rows = await server.services.pool.query(
        `SELECT l.code, count(DISTINCT a.id)::int AS rows, count(e.id) FILTER (WHERE e.change = 'opened')::int AS opened
           FROM location l JOIN alert a ON a.location_id = l.id AND a.kind = 'stale_location' LEFT JOIN alert_event e ON e.alert_id = a.id
          WHERE l.code = ANY($1) GROUP BY l.code ORDER BY l.code`,
        [codes],
      );
      expect(rows.rows).toEqual(codes.map((code) => ({ code, rows: 1, opened: 1 })));
      await until("three notifications heard", () => heard.length >= 3, 5000);
      expect(heard.sort()).toEqual([...codes].sort());
    } finally {
      listener.release();
    }
  });
});
