import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { handleAuthRequest } from "@/server/auth/handle-auth-request";
import { getSessionViewer } from "@/server/auth/get-session-viewer";
import { inTransaction } from "@/server/db/in-transaction";
import { createFirstAdmin } from "@/server/people/create-first-admin";
import { POST as setupRoute } from "@/app/api/setup/route";
import { setServices } from "@/server/services";
import { createPerson } from "@/server/people/create-person";
import { unlockPerson } from "@/server/people/unlock-person";
import { authorizeRequest } from "@/server/auth/authorize-request";
import { getPeople } from "@/server/queries/get-people";
import { updatePerson } from "@/server/people/update-person";
import { type OwnDatabaseServer, startOnOwnDatabase } from "../support/own-database";
import { startTestServer } from "../support/test-server";

// People on their own database: the first-run rules need one where nobody exists yet.
let server: OwnDatabaseServer;
const startLog: string[] = [];
beforeAll(async () => {
  server = await startOnOwnDatabase("onepool_people", { ONEPOOL_LOGIN_FAILURES_PER_ACCOUNT: "3", ONEPOOL_LOGIN_FAILURES_PER_ADDRESS: "1000", ONEPOOL_LOGIN_BACKOFF_SECONDS: "1" }, (m) =>
    startLog.push(m),
  );
});
afterAll(() => server?.stop());

const PASSWORD = "correct horse battery";

function signIn(email: string, password: string, address = "10.0.0.1") {
  return handleAuthRequest(
    server.services,
    new Request(`${server.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url, "x-forwarded-for": address },
      body: JSON.stringify({ email, password }),
    }),
  );
}
const cookieOf = (res: Response) => res.headers.get("set-cookie")!.split(";")[0];
const audit = async (target: string) => (await server.services.pool.query("SELECT actor, actor_kind, action, before, after FROM audit_log WHERE target = $1 ORDER BY id", [target])).rows;

describe("people", () => {
  let admin: Actor;
  let adminId: string;

  it("a fresh install prints a one-time setup code at start, the same on every instance and after a restart; /api/setup refuses without it or with a wrong one", async () => {
    const code = server.services.setupCode;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(startLog.join("\n")).toContain(code);
    const log2: string[] = [];
    const other = await startTestServer(server.databaseUrl, {}, (m) => log2.push(m));
    try {
      expect(other.services.setupCode).toBe(code);
      expect(log2.join("\n")).toContain(code);
    } finally {
      await other.stop();
    }
    setServices(server.services);
    const post = (body: Record<string, unknown>) =>
      setupRoute(
        new Request(`${server.url}/api/setup`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: "early@example.com", name: "Early", password: PASSWORD, ...body }),
        }),
      );
    const missing = await post({});
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: { code: "invalid_field", details: { field: "setupCode" } } });
    const wrong = await post({ setupCode: "AAAA-BBBB-CCCC" });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ error: { code: "invalid_setup_code", details: { field: "setupCode" } } });
    expect((await server.services.pool.query("SELECT count(*)::int AS n FROM app_user")).rows[0].n).toBe(0);
  });

  it("a fresh install takes exactly one first admin, even when two browsers race", async () => {
    const { pool, auth, setupCode } = server.services;
    const results = await Promise.allSettled([
      createFirstAdmin(pool, auth, { email: "First@Example.com", name: "First", password: PASSWORD, setupCode: setupCode.toLowerCase() }, setupCode),
      createFirstAdmin(pool, auth, { email: "second@example.com", name: "Second", password: PASSWORD, setupCode }, setupCode),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { status: 409, code: "already_set_up" } });
    const winner = (results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<{ id: string; email: string; role: string }>).value;
    expect(winner.role).toBe("admin");
    adminId = winner.id;
    admin = { kind: "user", id: winner.id, label: winner.email, role: "admin" };
    expect(["first@example.com", "second@example.com"]).toContain(winner.email);
    expect(await audit(`person:${winner.id}`)).toMatchObject([{ actor: "first-run setup", actor_kind: "system", action: "person.created", after: { role: "admin", active: true } }]);
    // Spent: the right code no longer creates anybody, and a restart prints no code.
    setServices(server.services);
    const again = await setupRoute(
      new Request(`${server.url}/api/setup`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "late@example.com", name: "Late", password: PASSWORD, setupCode }),
      }),
    );
    expect(again.status).toBe(409);
    const log3: string[] = [];
    await (await startTestServer(server.databaseUrl, {}, (m) => log3.push(m))).stop();
    expect(log3.join("\n")).not.toContain(setupCode);
  });

  it("passwords are stored as scrypt hashes, and the session token stays out of the response body", async () => {
    const row = (await server.services.pool.query("SELECT a.password FROM auth_account a WHERE a.user_id = $1", [adminId])).rows[0];
    expect(row.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    expect(row.password).not.toContain(PASSWORD);
    const email = admin.label;
    const res = await signIn(email.toUpperCase(), PASSWORD);
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/onepool\.session_token=.*HttpOnly.*SameSite=Lax/i);
    const body = await res.json();
    expect(body.token).toBeUndefined();
    expect(body.user).toMatchObject({ email, role: "admin" });
  });

  it("an email can sign in once", async () => {
    await expect(
      inTransaction(server.services.pool, (db) => createPerson(db, server.services.auth, { email: admin.label, name: "Again", role: "analyst", password: PASSWORD }, admin)),
    ).rejects.toMatchObject({ status: 409, code: "email_taken", field: "email" });
  });

  it("the last active admin can be neither demoted nor deactivated", async () => {
    const { pool, auth } = server.services;
    await expect(updatePerson(pool, auth, adminId, { role: "manager" }, admin)).rejects.toMatchObject({ status: 409, code: "last_admin" });
    await expect(updatePerson(pool, auth, adminId, { active: false }, admin)).rejects.toMatchObject({ status: 409, code: "last_admin" });
    const other = await inTransaction(pool, (db) => createPerson(db, auth, { email: "other-admin@example.com", name: "Other", role: "admin", password: PASSWORD }, admin));
    await updatePerson(pool, auth, other.id, { role: "manager" }, admin);
    expect(await audit(`person:${other.id}`)).toMatchObject([
      { action: "person.created", actor: admin.label, actor_kind: "user" },
      { action: "person.role_changed", before: { role: "admin" }, after: { role: "manager" } },
    ]);
  });

  it("deactivation ends every session at once and refuses the next sign-in; reactivation lets them back", async () => {
    const { pool, auth } = server.services;
    const p = await inTransaction(pool, (db) => createPerson(db, auth, { email: "leaver@example.com", name: "Leaver", role: "merchandiser", password: PASSWORD }, admin));
    const a = cookieOf(await signIn("leaver@example.com", PASSWORD));
    const b = cookieOf(await signIn("leaver@example.com", PASSWORD));
    expect(await getSessionViewer(auth, new Headers({ cookie: a }))).toMatchObject({ id: p.id, role: "merchandiser" });
    expect(await updatePerson(pool, auth, p.id, { active: false }, admin)).toMatchObject({ sessionsEnded: 2, disconnect: true });
    expect(await getSessionViewer(auth, new Headers({ cookie: a }))).toBeNull();
    expect(await getSessionViewer(auth, new Headers({ cookie: b }))).toBeNull();
    const refused = await signIn("leaver@example.com", PASSWORD);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "ACCOUNT_DEACTIVATED" });
    await updatePerson(pool, auth, p.id, { active: true }, admin);
    expect((await signIn("leaver@example.com", PASSWORD)).status).toBe(200);
    expect((await audit(`person:${p.id}`)).map((e) => e.action)).toEqual(["person.created", "person.deactivated", "person.reactivated"]);
  });

  it("last seen outlives the sessions: deactivating someone who just used the app does not turn it into never", async () => {
    const { pool, auth } = server.services;
    const p = await inTransaction(pool, (db) => createPerson(db, auth, { email: "pat-seen@example.com", name: "Pat Seen", role: "analyst", password: PASSWORD }, admin));
    const seenOf = async () => (await getPeople(pool)).find((x) => x.id === p.id)!.lastSeenAt;
    expect(await seenOf()).toBeNull();
    await signIn("pat-seen@example.com", PASSWORD);
    const seen = await seenOf();
    expect(seen).not.toBeNull();
    expect(Date.now() - Date.parse(seen!)).toBeLessThan(60_000);
    expect(await updatePerson(pool, auth, p.id, { active: false }, admin)).toMatchObject({ sessionsEnded: 1 });
    expect(await seenOf()).toBe(seen);
    await updatePerson(pool, auth, p.id, { active: true }, admin);
    await updatePerson(pool, auth, p.id, { password: "another fine password" }, admin);
    expect(await seenOf()).toBe(seen);
  });

  it("a password reset signs the person out and only the new password works", async () => {
    const { pool, auth } = server.services;
    const p = await inTransaction(pool, (db) => createPerson(db, auth, { email: "forgetful@example.com", name: "F", role: "analyst", password: PASSWORD }, admin));
    const before = cookieOf(await signIn("forgetful@example.com", PASSWORD));
    await updatePerson(pool, auth, p.id, { password: "a brand new password" }, admin);
    expect(await getSessionViewer(auth, new Headers({ cookie: before }))).toBeNull();
    expect((await signIn("forgetful@example.com", PASSWORD)).status).toBe(401);
    expect((await signIn("forgetful@example.com", "a brand new password")).status).toBe(200);
    const entries = await audit(`person:${p.id}`);
    expect(JSON.stringify(entries)).not.toContain("a brand new password");
  });

  it("guessing is limited per account: after 3 failures even the right password waits, with Retry-After, and the wait doubles", async () => {
    const { pool, auth } = server.services;
    await inTransaction(pool, (db) => createPerson(db, auth, { email: "target@example.com", name: "T", role: "analyst", password: PASSWORD }, admin));
    for (let i = 0; i < 3; i++) expect((await signIn("target@example.com", `guess number ${i}`, `10.9.0.${i}`)).status).toBe(401);
    const blocked = await signIn("target@example.com", PASSWORD, "10.9.9.9");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBe(1); // ONEPOOL_LOGIN_BACKOFF_SECONDS
    expect(await blocked.json()).toMatchObject({ error: { code: "too_many_attempts" } });
    // Another account is not affected.
    expect((await signIn("forgetful@example.com", "a brand new password", "10.9.9.9")).status).toBe(200);
    // Backoff, not a lockout: one attempt per slot, each slot twice as long as the last.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await signIn("target@example.com", "guess number 4", "10.9.0.4")).status).toBe(401);
    const longer = await signIn("target@example.com", PASSWORD, "10.9.9.9");
    expect(longer.status).toBe(429);
    expect(Number(longer.headers.get("retry-after"))).toBe(2);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await signIn("target@example.com", PASSWORD, "10.9.9.9")).status).toBe(200);
  });

  it("concurrent wrong guesses get no more password checks than the limit (the attempt is taken before the check)", async () => {
    const { pool, auth } = server.services;
    await inTransaction(pool, (db) => createPerson(db, auth, { email: "raced@example.com", name: "R", role: "analyst", password: PASSWORD }, admin));
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn("raced@example.com", `concurrent guess ${i}`, `10.8.0.${i}`)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(17);
  });

  it("guessing at a known person's email cannot lock them out: the address they signed in from before is exempt", async () => {
    const { pool, auth } = server.services;
    await inTransaction(pool, (db) => createPerson(db, auth, { email: "known-admin@example.com", name: "K", role: "admin", password: PASSWORD }, admin));
    expect((await signIn("known-admin@example.com", PASSWORD, "10.7.0.1")).status).toBe(200);
    for (let i = 0; i < 6; i++) await signIn("known-admin@example.com", `attacker ${i}`, `203.0.113.${i}`);
    expect((await signIn("known-admin@example.com", PASSWORD, "203.0.113.99")).status).toBe(429);
    expect((await signIn("known-admin@example.com", PASSWORD, "10.7.0.1")).status).toBe(200);
  });

  it("an admin unlocks an account: its backoff ends at once, the People list shows it held back before, and the audit log says who", async () => {
    const { pool, auth, loginLimiter } = server.services;
    const p = await inTransaction(pool, (db) => createPerson(db, auth, { email: "locked@example.com", name: "L", role: "analyst", password: PASSWORD }, admin));
    for (let i = 0; i < 3; i++) await signIn("locked@example.com", `guess ${i}`, `10.6.0.${i}`);
    expect((await signIn("locked@example.com", PASSWORD, "10.6.9.9")).status).toBe(429);
    expect((await getPeople(pool)).find((x) => x.id === p.id)!.signInLockedUntil).not.toBeNull();
    expect(await unlockPerson(pool, loginLimiter, p.id, admin)).toEqual({ id: p.id, wasLocked: true });
    expect((await getPeople(pool)).find((x) => x.id === p.id)!.signInLockedUntil).toBeNull();
    expect((await signIn("locked@example.com", PASSWORD, "10.6.9.9")).status).toBe(200);
    expect((await audit(`person:${p.id}`)).map((e) => e.action)).toContain("person.sign_in_unlocked");
  });

  it("a cross-site or same-site page cannot post to the auth routes, without ONEPOOL_PUBLIC_URL (login CSRF, forced sign-out)", async () => {
    expect(server.services.env.ONEPOOL_PUBLIC_URL).toBeUndefined();
    const post = (path: string, headers: Record<string, string>) =>
      handleAuthRequest(
        server.services,
        new Request(`${server.url}/api/auth${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ email: admin.label, password: PASSWORD }) }),
      );
    for (const origin of ["https://evil.example", server.url.replace(/:\d+$/, ":1")]) {
      const r = await post("/sign-in/email", { origin });
      expect(r.status).toBe(403);
      expect(r.headers.get("set-cookie")).toBeNull();
    }
    expect((await post("/sign-in/email", { "sec-fetch-site": "same-site" })).status).toBe(403);
    expect((await post("/sign-out", { origin: "https://evil.example" })).status).toBe(403);
    expect((await post("/sign-in/email", { origin: server.url, "sec-fetch-site": "same-origin" })).status).toBe(200);
  });

  it("get-session and list-sessions keep the session token out of reach of scripts", async () => {
    const cookie = cookieOf(await signIn(admin.label, PASSWORD));
    const get = (path: string) => handleAuthRequest(server.services, new Request(`${server.url}/api/auth${path}`, { headers: { cookie } }));
    const session = await get("/get-session");
    expect(session.status).toBe(200);
    const body = await session.json();
    expect(body.session.id).toBeTruthy();
    expect(body.session).not.toHaveProperty("token");
    const list = await (await get("/list-sessions")).json();
    expect(list.length).toBeGreaterThan(0);
    for (const s of list) expect(s).not.toHaveProperty("token");
    expect(JSON.stringify(list)).not.toContain(decodeURIComponent(cookie.split("=")[1]).split(".")[0]);
  });

  it("a Basic-auth proxy's Authorization header does not hide the signed-in person's cookie", async () => {
    const cookie = cookieOf(await signIn(admin.label, PASSWORD));
    const req = new Request(`${server.url}/api/skus`, { headers: { cookie, authorization: `Basic ${Buffer.from("proxy:pw").toString("base64")}` } });
    expect(await authorizeRequest(server.services, req, "stock.read")).toMatchObject({ ok: true, actor: { kind: "user", id: adminId } });
  });

  it("a success clears the account's failures, so a person who mistypes twice is never locked out", async () => {
    const { pool, auth } = server.services;
    await inTransaction(pool, (db) => createPerson(db, auth, { email: "typo@example.com", name: "T", role: "analyst", password: PASSWORD }, admin));
    for (let round = 0; round < 3; round++) {
      expect((await signIn("typo@example.com", "wrong one")).status).toBe(401);
      expect((await signIn("typo@example.com", "wrong two")).status).toBe(401);
      expect((await signIn("typo@example.com", PASSWORD)).status).toBe(200);
    }
  });

  it("the audit log refuses changes to its entries", async () => {
    await expect(server.services.pool.query("UPDATE audit_log SET actor = 'someone else'")).rejects.toThrow(/append-only/);
    await expect(server.services.pool.query("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
    await expect(server.services.pool.query("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
  });

  it("an admin named by the environment is created once and never overwritten", async () => {
    const env = { ONEPOOL_ADMIN_EMAIL: "ops@example.com", ONEPOOL_ADMIN_PASSWORD: "unattended install pw" };
    const again = await startTestServer(server.databaseUrl, env);
    try {
      expect((await signIn("ops@example.com", "unattended install pw")).status).toBe(200);
      const row = (await again.services.pool.query("SELECT id, role FROM app_user WHERE email = 'ops@example.com'")).rows[0];
      expect(row.role).toBe("admin");
      await updatePerson(again.services.pool, again.services.auth, row.id, { role: "analyst" }, SYSTEM_ACTOR);
    } finally {
      await again.stop();
    }
    const third = await startTestServer(server.databaseUrl, env);
    try {
      expect((await third.services.pool.query("SELECT role FROM app_user WHERE email = 'ops@example.com'")).rows[0].role).toBe("analyst");
    } finally {
      await third.stop();
    }
  });

  it("serves only the auth routes Onepool uses: nobody signs up, renames or resets themselves", async () => {
    const cookie = cookieOf(await signIn(admin.label, PASSWORD));
    const post = (path: string, body: unknown, extra: Record<string, string> = {}) =>
      handleAuthRequest(
        server.services,
        new Request(`${server.url}/api/auth${path}`, { method: "POST", headers: { "content-type": "application/json", origin: server.url, cookie, ...extra }, body: JSON.stringify(body) }),
      );
    expect((await post("/sign-up/email", { email: "self@example.com", password: PASSWORD, name: "Self" })).status).toBe(404);
    expect((await post("/update-user", { name: "Renamed by myself" })).status).toBe(404);
    expect((await post("/request-password-reset", { email: admin.label })).status).toBe(404);
    expect((await server.services.pool.query("SELECT name FROM app_user WHERE id = $1", [adminId])).rows[0].name).not.toBe("Renamed by myself");
    expect((await post("/sign-in/email", { email: admin.label, password: "x".repeat(20_000) }, { "content-length": "20050" })).status).toBe(413);
  });
});
