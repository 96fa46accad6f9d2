import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { handleAuthRequest } from "@/server/auth/handle-auth-request";
import { getSessionViewer } from "@/server/auth/get-session-viewer";
import { inTransaction } from "@/server/db/in-transaction";
import { createFirstAdmin } from "@/server/people/create-first-admin";
import { createPerson } from "@/server/people/create-person";
import { getPeople } from "@/server/queries/get-people";
import { updatePerson } from "@/server/people/update-person";
import { createDatabase, dropDatabase, withDatabase } from "../support/test-postgres";
import { startTestServer, type TestServer } from "../support/test-server";

// People on their own database: the first-run rules need one where nobody exists yet.
const DB = `onepool_people_${process.pid}`;
let server: TestServer;
beforeAll(async () => {
  await createDatabase(inject("adminUrl"), DB);
  server = await startTestServer(withDatabase(inject("adminUrl"), DB), { ONEPOOL_LOGIN_FAILURES_PER_ACCOUNT: "3", ONEPOOL_LOGIN_FAILURES_PER_ADDRESS: "1000" });
});
afterAll(async () => {
  await server?.stop();
  await dropDatabase(inject("adminUrl"), DB);
});

const PASSWORD = "correct horse battery";

function signIn(email: string, password: string, address = "10.0.0.1") {
  return handleAuthRequest(server.services, new Request(`${server.url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url, "x-forwarded-for": address },
    body: JSON.stringify({ email, password }),
  }));
}
const cookieOf = (res: Response) => res.headers.get("set-cookie")!.split(";")[0];
const audit = async (target: string) =>
  (await server.services.pool.query("SELECT actor, actor_kind, action, before, after FROM audit_log WHERE target = $1 ORDER BY id", [target])).rows;

describe("people", () => {
  let admin: Actor;
  let adminId: string;

  it("a fresh install takes exactly one first admin, even when two browsers race", async () => {
    const { pool, auth } = server.services;
    const results = await Promise.allSettled([
      createFirstAdmin(pool, auth, { email: "First@Example.com", name: "First", password: PASSWORD }),
      createFirstAdmin(pool, auth, { email: "second@example.com", name: "Second", password: PASSWORD }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { status: 409, code: "already_set_up" } });
    const winner = (results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<{ id: string; email: string; role: string }>).value;
    expect(winner.role).toBe("admin");
    adminId = winner.id;
    admin = { kind: "user", id: winner.id, label: winner.email, role: "admin" };
    expect(["first@example.com", "second@example.com"]).toContain(winner.email);
    expect(await audit(`person:${winner.id}`)).toMatchObject([{ actor: "first-run setup", actor_kind: "system", action: "person.created", after: { role: "admin", active: true } }]);
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
    await expect(inTransaction(server.services.pool, (db) => createPerson(db, server.services.auth, { email: admin.label, name: "Again", role: "analyst", password: PASSWORD }, admin)))
      .rejects.toMatchObject({ status: 409, code: "email_taken", field: "email" });
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

  it("guessing is limited per account: after 3 failures even the right password waits, with Retry-After", async () => {
    const { pool, auth } = server.services;
    await inTransaction(pool, (db) => createPerson(db, auth, { email: "target@example.com", name: "T", role: "analyst", password: PASSWORD }, admin));
    for (let i = 0; i < 3; i++) expect((await signIn("target@example.com", `guess number ${i}`, `10.9.0.${i}`)).status).toBe(401);
    const blocked = await signIn("target@example.com", PASSWORD, "10.9.9.9");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(800);
    expect(await blocked.json()).toMatchObject({ error: { code: "too_many_attempts" } });
    // Another account is not affected.
    expect((await signIn("forgetful@example.com", "a brand new password", "10.9.9.9")).status).toBe(200);
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
    const again = await startTestServer(withDatabase(inject("adminUrl"), DB), env);
    try {
      expect((await signIn("ops@example.com", "unattended install pw")).status).toBe(200);
      const row = (await again.services.pool.query("SELECT id, role FROM app_user WHERE email = 'ops@example.com'")).rows[0];
      expect(row.role).toBe("admin");
      await updatePerson(again.services.pool, again.services.auth, row.id, { role: "analyst" }, SYSTEM_ACTOR);
    } finally {
      await again.stop();
    }
    const third = await startTestServer(withDatabase(inject("adminUrl"), DB), env);
    try {
      expect((await third.services.pool.query("SELECT role FROM app_user WHERE email = 'ops@example.com'")).rows[0].role).toBe("analyst");
    } finally {
      await third.stop();
    }
  });

  it("serves only the auth routes Onepool uses: nobody signs up, renames or resets themselves", async () => {
    const cookie = cookieOf(await signIn(admin.label, PASSWORD));
    const post = (path: string, body: unknown, extra: Record<string, string> = {}) =>
      handleAuthRequest(server.services, new Request(`${server.url}/api/auth${path}`, { method: "POST", headers: { "content-type": "application/json", origin: server.url, cookie, ...extra }, body: JSON.stringify(body) }));
    expect((await post("/sign-up/email", { email: "self@example.com", password: PASSWORD, name: "Self" })).status).toBe(404);
    expect((await post("/update-user", { name: "Renamed by myself" })).status).toBe(404);
    expect((await post("/request-password-reset", { email: admin.label })).status).toBe(404);
    expect((await server.services.pool.query("SELECT name FROM app_user WHERE id = $1", [adminId])).rows[0].name).not.toBe("Renamed by myself");
    expect((await post("/sign-in/email", { email: admin.label, password: "x".repeat(20_000) }, { "content-length": "20050" })).status).toBe(413);
  });
});
