import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import * as deliveriesRoute from "@/app/api/admin/scorecard-deliveries/route";
import * as subscriptionRoute from "@/app/api/scorecard-subscription/route";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";
import { scorecard as scorecardSchema, type Scorecard } from "@/lib/contracts/scorecard";
import { weekRange } from "@/lib/time/iso-week";
import { handleAuthRequest } from "@/server/auth/handle-auth-request";
import { inTransaction } from "@/server/db/in-transaction";
import { createMailTransport, type MailTransport } from "@/server/mail/mail-transport";
import { createPerson } from "@/server/people/create-person";
import { subscribe, unsubscribe } from "@/server/scorecard-mail/save-subscription";
import { ScorecardMailScheduler } from "@/server/scorecard-mail/scorecard-mail-scheduler";
import { pruneScorecardDeliveries } from "@/server/scorecard-mail/prune-deliveries";
import { buildScorecard, sendScorecardMails, type ScorecardBuilder, type ScorecardMailDeps } from "@/server/scorecard-mail/send-scorecard-mails";
import { getScorecard } from "@/server/scorecard/get-scorecard";
import { ScorecardPreparingError } from "@/server/scorecard/sku-weeks";
import { scorecardCsv } from "@/lib/scorecard/scorecard-csv";
import { routeStandIn } from "../support/route-stand-in";
import { until } from "../support/until";
import { startTestServer, TEST_TOKEN, type TestServer } from "../support/test-server";
import { DAY_MS } from "@/lib/time/durations";

// The weekly scorecard e-mail (docs/SCORECARD.md#figures) against a real SMTP server started here (smtp-server on
// loopback) and a real Postgres: what arrives is parsed back with mailparser.
//
// The scorecard itself is built by another part of issue 16 (getScorecard + scorecardCsv). Until it
// is merged these tests pass a builder that returns a hand-made, valid Scorecard and its CSV; the
// sender's default is the real one.

const PASSWORD = "correct horse battery";
const FROM = "Onepool <scorecard@onepool.test>";

let server: TestServer;
let smtp: SMTPServer;
let smtpUrl: string;
let refuse = false;
const received: ParsedMail[] = [];
const parsing: Promise<unknown>[] = [];
const transports: MailTransport[] = [];

function handMadeScorecard(week: string, tz: string): Scorecard {
  const { from, to } = weekRange(week, tz);
  const trend = Array.from({ length: 11 }, (_, i) => ({ week: `w${i}`, value: i === 10 ? 40 : 30 }));
  return scorecardSchema.parse({
    week,
    from: from.toISOString(),
    to: to.toISOString(),
    timezone: tz,
    figures: [
      { key: "units_sold", channel: null, value: 42, trend },
      { key: "units_sold", channel: "web & <b>shop</b>", value: 42, trend },
      { key: "oversell_rate", channel: null, value: 0.05, trend: trend.map((p) => ({ ...p, value: 0.02 })) },
    ],
  });
}
const csvOf = (week: string) => `key,channel,reason,sku,bucket,value\r\nunits_sold,,,,,42\r\n"oversell_rate",,,,,0.05\r\n# ${week}\r\n`;

/** Stands in for getScorecard + scorecardCsv; records what it was asked for. */
function fakeBuilder(calls: { week: string; tz: string }[] = []): ScorecardBuilder {
  return async (_pool, week, tz) => {
    calls.push({ week, tz });
    return { scorecard: handMadeScorecard(week, tz), csv: csvOf(week) };
  };
}

function transport(): MailTransport {
  const t = createMailTransport(smtpUrl);
  transports.push(t);
  return t;
}

function deps(over: Partial<ScorecardMailDeps> = {}): ScorecardMailDeps {
  return { pool: server.services.pool, transport: transport(), from: FROM, timezone: "UTC", build: fakeBuilder(), ...over };
}

/** Mails received for `email` (the SMTP server sees every test's mail). */
async function mailsTo(email: string): Promise<ParsedMail[]> {
  await Promise.all(parsing);
  return received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value.some((a) => a.address === email));
}

let n = 0;
async function person(role: Role): Promise<{ id: string; email: string; actor: Extract<Actor, { kind: "user" }> }> {
  n += 1;
  const email = `mail-${role}-${n}-${process.pid}-${Date.now()}@example.com`;
  const p = await inTransaction(server.services.pool, (db) => createPerson(db, server.services.auth, { email, name: `${role} ${n}`, role, password: PASSWORD }, SYSTEM_ACTOR));
  return { id: p.id, email, actor: { kind: "user", id: p.id, label: email, role } };
}

async function subscriber(role: Role = "manager") {
  const p = await person(role);
  await subscribe(server.services.pool, p.actor);
  return p;
}

const delivery = async (week: string, personId: string) =>
  (await server.services.pool.query("SELECT status, attempts, error, message_id, sent_at FROM scorecard_delivery WHERE week = $1 AND person_id = $2", [week, personId])).rows[0];

beforeAll(async () => {
  server = await startTestServer(
    inject("databaseUrl"),
    {},
    {
      nextHandler: routeStandIn({ "/api/scorecard-subscription": subscriptionRoute, "/api/admin/scorecard-deliveries": deliveriesRoute }),
    },
  );
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onMailFrom(_address, _session, cb) {
      if (!refuse) return cb();
      const err = new Error("refused by the test server") as Error & { responseCode: number };
      err.responseCode = 550;
      cb(err);
    },
    onData(stream, _session, cb) {
      const p = simpleParser(stream).then((m) => received.push(m));
      parsing.push(p);
      p.then(() => cb(), cb);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const t of transports) t.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await server?.stop();
});

beforeEach(async () => {
  refuse = false;
  // Subscriptions are global (every subscriber gets every week): each test starts with none.
  await server.services.pool.query("DELETE FROM scorecard_subscription");
});

describe("weekly scorecard e-mail", () => {
  it("a subscriber gets exactly one mail: subject, HTML and text summaries, the CSV attached", async () => {
    const p = await subscriber();
    const week = "2026-W40";
    const r = await sendScorecardMails(deps(), { now: new Date(), week });
    expect(r).toEqual({ week, sent: 1, failed: 0 });
    const [m, ...more] = await until("the mail", async () => ((await mailsTo(p.email)).length ? mailsTo(p.email) : null));
    expect(more).toHaveLength(0);
    expect(m.subject).toBe("Onepool scorecard 2026-W40");
    expect(m.from?.text).toContain("scorecard@onepool.test");
    expect(m.html).toContain("Onepool scorecard 2026-W40");
    expect(m.html).toContain("5.0 %");
    expect(m.html).toContain("+3.0 pp");
    expect(m.html).toContain("web &amp; &lt;b&gt;shop&lt;/b&gt;");
    expect(m.html).not.toContain("<b>shop</b>");
    expect(m.text).toContain("Units sold");
    expect(m.text).toMatch(/42\s+\(\+2\)/);
    expect(m.attachments).toHaveLength(1);
    expect(m.attachments[0].filename).toBe("onepool-scorecard-2026-W40.csv");
    expect(m.attachments[0].contentType).toBe("text/csv");
    expect(m.attachments[0].content.toString("utf8")).toBe(csvOf(week));
    const d = await delivery(week, p.id);
    expect(d).toMatchObject({ status: "sent", attempts: 1, error: null });
    expect(d.sent_at).toBeInstanceOf(Date);
    expect(d.message_id).toBe(m.messageId);

    // Run again (the next tick, or another instance later): nothing more.
    expect(await sendScorecardMails(deps(), { now: new Date(), week })).toEqual({ week, sent: 0, failed: 0 });
    expect(await mailsTo(p.email)).toHaveLength(1);
  });

  it("with the real scorecard: the attachment is exactly GET /api/scorecard's CSV of that week", async () => {
    const p = await subscriber();
    const week = "2018-W20"; // closed long ago: nothing else in the shared database lands in it
    expect(await sendScorecardMails(deps({ build: buildScorecard }), { now: new Date(), week })).toEqual({ week, sent: 1, failed: 0 });
    const [m] = await until("the mail", async () => ((await mailsTo(p.email)).length ? mailsTo(p.email) : null));
    const expected = scorecardCsv(await getScorecard(server.services.pool, { week, timezone: "UTC" }));
    expect(m.attachments[0].content.toString("utf8")).toBe(expected);
    expect(m.html).toContain("Onepool scorecard 2018-W20");
  });

  it("two instances sending at once still send each person's mail once", async () => {
    const people = [await subscriber(), await subscriber("admin"), await subscriber()];
    const pools = [new pg.Pool({ connectionString: inject("databaseUrl"), max: 2 }), new pg.Pool({ connectionString: inject("databaseUrl"), max: 2 })];
    try {
      for (const week of ["2026-W41", "2026-W42", "2026-W43"]) {
        const results = await Promise.all(pools.map((pool) => sendScorecardMails(deps({ pool }), { now: new Date(), week })));
        expect(results[0].sent + results[1].sent).toBe(3);
        expect(results[0].failed + results[1].failed).toBe(0);
      }
      for (const p of people) {
        const got = await until(`3 mails to ${p.email}`, async () => {
          const m = await mailsTo(p.email);
          return m.length >= 3 ? m : null;
        });
        expect(got.map((m) => m.subject).sort()).toEqual(["Onepool scorecard 2026-W41", "Onepool scorecard 2026-W42", "Onepool scorecard 2026-W43"]);
      }
      // Settle: a duplicate would have arrived by now.
      await new Promise((r) => setTimeout(r, 200));
      for (const p of people) expect(await mailsTo(p.email)).toHaveLength(3);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it("an unsubscribed person, a deactivated one and one who lost the permission get nothing", async () => {
    const keeps = await subscriber();
    const left = await subscriber();
    await unsubscribe(server.services.pool, left.actor);
    const deactivated = await subscriber();
    await server.services.pool.query("UPDATE app_user SET deactivated_at = now() WHERE id = $1", [deactivated.id]);
    const demoted = await subscriber();
    await server.services.pool.query("UPDATE app_user SET role = 'merchandiser' WHERE id = $1", [demoted.id]);
    const week = "2026-W44";
    expect(await sendScorecardMails(deps(), { now: new Date(), week })).toEqual({ week, sent: 1, failed: 0 });
    await until("the one mail", async () => (await mailsTo(keeps.email)).length === 1);
    for (const p of [left, deactivated, demoted]) {
      expect(await mailsTo(p.email)).toHaveLength(0);
      expect(await delivery(week, p.id)).toBeUndefined();
    }
  });

  it("a refused send is recorded as failed with the error, waits out its backoff, then is retried and sent once", async () => {
    const p = await subscriber();
    const week = "2026-W45";
    const t0 = new Date();
    refuse = true;
    expect(await sendScorecardMails(deps(), { now: t0, week })).toEqual({ week, sent: 0, failed: 1 });
    const failed = await delivery(week, p.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 1, sent_at: null });
    expect(failed.error).toContain("refused by the test server");
    refuse = false;
    // Within the first backoff (5 minutes): not retried.
    expect(await sendScorecardMails(deps(), { now: new Date(t0.getTime() + 4 * 60_000), week })).toEqual({ week, sent: 0, failed: 0 });
    expect(await mailsTo(p.email)).toHaveLength(0);
    // After it: retried, sent, and never again.
    const later = new Date(t0.getTime() + 6 * 60_000);
    expect(await sendScorecardMails(deps(), { now: later, week })).toEqual({ week, sent: 1, failed: 0 });
    expect(await sendScorecardMails(deps(), { now: new Date(later.getTime() + 86_400_000), week })).toEqual({ week, sent: 0, failed: 0 });
    expect(await delivery(week, p.id)).toMatchObject({ status: "sent", attempts: 2, error: null });
    await until("the retried mail", async () => (await mailsTo(p.email)).length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(await mailsTo(p.email)).toHaveLength(1);
  });

  it("gives up after 5 attempts, and records a scorecard that could not be built as the failure", async () => {
    const p = await subscriber();
    const week = "2026-W46";
    const broken: ScorecardBuilder = async () => {
      throw new Error("no ledger today");
    };
    let t = Date.now();
    for (let i = 1; i <= 5; i++) {
      expect(await sendScorecardMails(deps({ build: broken }), { now: new Date(t), week })).toMatchObject({ failed: 1 });
      t += 2 * 3_600_000; // past every backoff
    }
    expect(await delivery(week, p.id)).toMatchObject({ status: "failed", attempts: 5, error: "building the scorecard failed: no ledger today" });
    expect(await sendScorecardMails(deps(), { now: new Date(t), week })).toEqual({ week, sent: 0, failed: 0 });
    expect(await mailsTo(p.email)).toHaveLength(0);
  });

  it("waits while the scorecard is being prepared: nothing claimed or spent, then sent once it is ready", async () => {
    const p = await subscriber();
    const week = "2026-W39";
    let ready = false;
    const preparing: ScorecardBuilder = async (pool, w, tz) => {
      if (!ready) throw new ScorecardPreparingError({ done: 3, total: 10, step: "weeks" }, 7);
      return fakeBuilder()(pool, w, tz);
    };
    expect(await sendScorecardMails(deps({ build: preparing }), { now: new Date(), week })).toEqual({ week, sent: 0, failed: 0, preparing: true });
    expect(await delivery(week, p.id)).toBeUndefined();
    ready = true;
    expect(await sendScorecardMails(deps({ build: preparing }), { now: new Date(), week })).toEqual({ week, sent: 1, failed: 0 });
    expect(await delivery(week, p.id)).toMatchObject({ status: "sent", attempts: 1, error: null });
  });

  it("the send history keeps ONEPOOL_HISTORY_RETENTION_DAYS: older rows are pruned, the rest (and other weeks' rows) stay", async () => {
    const p = await subscriber();
    const now = Date.now();
    await server.services.pool.query(
      `INSERT INTO scorecard_delivery (week, person_id, status, attempts, created_at, attempted_at, sent_at)
       VALUES ('2025-W01', $1, 'sent', 1, $2, $2, $2), ('2025-W40', $1, 'failed', 5, $3, $3, NULL), ('2026-W40', $1, 'sent', 1, $4, $4, $4)`,
      [p.id, new Date(now - 500 * DAY_MS), new Date(now - 401 * DAY_MS), new Date(now - 60 * DAY_MS)],
    );
    const weeks = async () => (await server.services.pool.query<{ week: string }>("SELECT week FROM scorecard_delivery WHERE person_id = $1 ORDER BY week", [p.id])).rows.map((r) => r.week);
    expect(await pruneScorecardDeliveries(server.services.pool, 400)).toBeGreaterThanOrEqual(2);
    expect(await weeks()).toEqual(["2026-W40"]);
    expect(await pruneScorecardDeliveries(server.services.pool, 30)).toBeGreaterThanOrEqual(1);
    expect(await weeks()).toEqual([]);
  });

  it("a claim abandoned by a crashed instance is taken over after 15 minutes, not before", async () => {
    const fresh = await subscriber();
    const stale = await subscriber();
    const week = "2026-W47";
    const now = Date.now();
    await server.services.pool.query("INSERT INTO scorecard_delivery (week, person_id, status, attempts, attempted_at) VALUES ($1, $2, 'sending', 1, $3), ($1, $4, 'sending', 1, $5)", [
      week,
      fresh.id,
      new Date(now - 60_000),
      stale.id,
      new Date(now - 16 * 60_000),
    ]);
    expect(await sendScorecardMails(deps(), { now: new Date(now), week })).toEqual({ week, sent: 1, failed: 0 });
    expect(await delivery(week, stale.id)).toMatchObject({ status: "sent", attempts: 2 });
    expect(await delivery(week, fresh.id)).toMatchObject({ status: "sending", attempts: 1 });
    await until("the reclaimed mail", async () => (await mailsTo(stale.email)).length === 1);
    expect(await mailsTo(fresh.email)).toHaveLength(0);
  });

  it("goes out from Monday 08:00 local time in a zone with DST (07:59 nothing, 08:00 the last complete week)", async () => {
    const p = await subscriber();
    const calls: { week: string; tz: string }[] = [];
    const tz = "America/New_York";
    // Monday 30 November 2026, New York on EST (UTC−5) since DST ended on 1 November: 08:00 = 13:00 UTC.
    const d = deps({ timezone: tz, build: fakeBuilder(calls) });
    expect(await sendScorecardMails(d, { now: new Date("2026-11-30T12:59:00Z") })).toEqual({ week: null, sent: 0, failed: 0 });
    expect(calls).toEqual([]);
    expect(await sendScorecardMails(d, { now: new Date("2026-11-30T13:00:00Z") })).toEqual({ week: "2026-W48", sent: 1, failed: 0 });
    expect(calls).toEqual([{ week: "2026-W48", tz }]);
    const [m] = await until("the Monday mail", async () => ((await mailsTo(p.email)).length ? mailsTo(p.email) : null));
    expect(m.subject).toBe("Onepool scorecard 2026-W48");
    expect(m.text).toContain("2026-11-23T05:00:00.000Z"); // the week began at midnight in New York
    // Later that week, every tick: nothing more.
    expect(await sendScorecardMails(d, { now: new Date("2026-12-02T10:00:00Z") })).toEqual({ week: "2026-W48", sent: 0, failed: 0 });
  });

  it("the scheduler sends on start (a missed Monday) with its injected clock, and its timer repeats harmlessly", async () => {
    const p = await subscriber();
    const calls: { week: string; tz: string }[] = [];
    const s = new ScorecardMailScheduler(deps({ timezone: "Europe/Berlin", build: fakeBuilder(calls) }), { now: () => new Date("2026-03-30T06:30:00Z"), intervalMs: 50, log: () => {} });
    s.start();
    // Monday 30 March 2026 08:30 in Berlin (CEST since Sunday): week 13 is due.
    await until("the start-up mail", async () => (await mailsTo(p.email)).length === 1);
    await new Promise((r) => setTimeout(r, 300));
    await s.stop();
    expect(calls.length).toBe(1);
    const m = await mailsTo(p.email);
    expect(m).toHaveLength(1);
    expect(m[0].subject).toBe("Onepool scorecard 2026-W13");
  });
});

describe("subscription and send-history routes", () => {
  const cookies: Partial<Record<Role, string>> = {};
  let ip = 0;

  async function signIn(role: Role): Promise<string> {
    const p = await person(role);
    ip += 1;
    const res = await handleAuthRequest(
      server.services,
      new Request(`${server.url}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: server.url, "x-forwarded-for": `10.16.0.${ip}` },
        body: JSON.stringify({ email: p.email, password: PASSWORD }),
      }),
    );
    expect(res.status).toBe(200);
    return res.headers.get("set-cookie")!.split(";")[0];
  }

  async function call(who: Role | { bearer: string }, method: string, path: string) {
    const auth: Record<string, string> = typeof who === "string" ? { cookie: cookies[who]! } : { authorization: `Bearer ${who.bearer}` };
    const res = await fetch(`${server.url}${path}`, { method, headers: { ...auth, origin: server.url } });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  beforeAll(async () => {
    for (const r of ["analyst", "merchandiser", "manager", "admin"] as const) cookies[r] = await signIn(r);
  });

  it("a manager subscribes and unsubscribes (idempotent, audited once each)", async () => {
    expect(await call("manager", "GET", "/api/scorecard-subscription")).toMatchObject({ status: 200, body: { subscribed: false, since: null, mailEnabled: false } });
    const put = await call("manager", "PUT", "/api/scorecard-subscription");
    expect(put).toMatchObject({ status: 200, body: { subscribed: true } });
    expect(Date.parse(put.body.since)).toBeGreaterThan(Date.now() - 60_000);
    expect((await call("manager", "PUT", "/api/scorecard-subscription")).body.since).toBe(put.body.since);
    expect((await call("manager", "GET", "/api/scorecard-subscription")).body).toMatchObject({ subscribed: true, since: put.body.since });
    const who = (await server.services.pool.query("SELECT u.id FROM app_user u JOIN scorecard_subscription s ON s.person_id = u.id")).rows;
    expect(who).toHaveLength(1);
    expect(await call("manager", "DELETE", "/api/scorecard-subscription")).toMatchObject({ status: 200, body: { subscribed: false, since: null } });
    expect(await call("manager", "DELETE", "/api/scorecard-subscription")).toMatchObject({ status: 200, body: { subscribed: false } });
    const audit = await server.services.pool.query("SELECT action, actor_kind, target FROM audit_log WHERE action LIKE 'scorecard_mail.%' AND target = $1 ORDER BY id", [`person:${who[0].id}`]);
    expect(audit.rows.map((r) => r.action)).toEqual(["scorecard_mail.subscribed", "scorecard_mail.unsubscribed"]);
    expect(audit.rows[0].actor_kind).toBe("user");
  });

  it("people without scorecard.read, and tokens, may not subscribe (403)", async () => {
    for (const role of ["analyst", "merchandiser"] as const) {
      for (const method of ["GET", "PUT", "DELETE"]) expect((await call(role, method, "/api/scorecard-subscription")).status).toBe(403);
    }
    // The test token holds the read scope (scorecard.read), but a token has no inbox.
    expect((await call({ bearer: TEST_TOKEN }, "PUT", "/api/scorecard-subscription")).status).toBe(403);
    expect((await server.services.pool.query("SELECT count(*)::int AS n FROM scorecard_subscription")).rows[0].n).toBe(0);
    expect((await fetch(`${server.url}/api/scorecard-subscription`, { method: "PUT" })).status).toBe(401);
  });

  it("admins read the send history; others get 403; a bad week names its field", async () => {
    const p = await subscriber();
    refuse = true;
    await sendScorecardMails(deps(), { now: new Date(), week: "2026-W30" });
    const r = await call("admin", "GET", "/api/admin/scorecard-deliveries?week=2026-W30");
    expect(r.status).toBe(200);
    expect(r.body.deliveries).toEqual([
      expect.objectContaining({ week: "2026-W30", personId: p.id, email: p.email, status: "failed", attempts: 1, sentAt: null, error: expect.stringContaining("refused") }),
    ]);
    const all = await call("admin", "GET", "/api/admin/scorecard-deliveries");
    expect(all.body.deliveries.length).toBeGreaterThan(1);
    expect(all.body.deliveries.some((d: { status: string }) => d.status === "sent")).toBe(true);
    for (const role of ["analyst", "merchandiser", "manager"] as const) expect((await call(role, "GET", "/api/admin/scorecard-deliveries")).status).toBe(403);
    const bad = await call("admin", "GET", "/api/admin/scorecard-deliveries?week=2026-48");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe("week");
  });
});
