import { expect, test } from "@playwright/test";
import { LOCATION, postEvent, putCatalog, uniqueCode } from "./support/onepool-api";
import { anonymous, PEOPLE } from "./support/people";

// The people, audit, setup and count routes answer bad input with a precise 4xx and a reason
// (signed in as the admin, the specs' default).

const err = async (res: { status(): number; json(): Promise<unknown> }) => ({ status: res.status(), error: ((await res.json()) as { error: { code: string; details?: { field?: string } } }).error });

test.describe("people API: bad input", () => {
  test("creating a person: every field checked, an email taken is 409", async ({ request, baseURL }) => {
    const post = (data: unknown) => request.post("/api/users", { data, headers: { origin: baseURL! } });
    expect(await err(await post({ email: "not-an-email", name: "X", role: "analyst", password: "long enough pw" }))).toMatchObject({ status: 400, error: { details: { field: "email" } } });
    expect(await err(await post({ email: "x@onepool.test", name: "X", role: "owner", password: "long enough pw" }))).toMatchObject({ status: 400, error: { details: { field: "role" } } });
    expect(await err(await post({ email: "x@onepool.test", name: "X", role: "analyst", password: "short" }))).toMatchObject({ status: 400, error: { details: { field: "password" } } });
    expect(await err(await post({ email: "x@onepool.test", name: "X", role: "analyst", password: "long enough pw", isAdmin: true }))).toMatchObject({ status: 400, error: { code: "unknown_field" } });
    expect(await err(await post({ email: PEOPLE.analyst.email.toUpperCase(), name: "Dup", role: "analyst", password: "long enough pw" }))).toMatchObject({
      status: 409,
      error: { code: "email_taken", details: { field: "email" } },
    });
    expect((await request.post("/api/users", { data: "{", headers: { origin: baseURL!, "content-type": "application/json" } })).status()).toBe(400);
  });

  test("changing a person: unknown id 404, empty change 400, the only admin cannot step down", async ({ request, baseURL }) => {
    const patch = (id: string, data: unknown) => request.patch(`/api/users/${id}`, { data, headers: { origin: baseURL! } });
    expect((await patch("no-such-person", { role: "analyst" })).status()).toBe(404);
    const people = ((await (await request.get("/api/users")).json()) as { people: { id: string; email: string; role: string; active: boolean }[] }).people;
    const admin = people.find((p) => p.email === PEOPLE.admin.email)!;
    expect(await err(await patch(admin.id, {}))).toMatchObject({ status: 400 });
    // No spec makes a second admin: the e2e admin is the only one.
    expect(people.filter((p) => p.role === "admin" && p.active)).toHaveLength(1);
    expect(await err(await patch(admin.id, { role: "analyst" }))).toMatchObject({ status: 409, error: { code: "last_admin" } });
    expect(await err(await patch(admin.id, { active: false }))).toMatchObject({ status: 409, error: { code: "last_admin" } });
  });

  test("the audit log validates its filters", async ({ request }) => {
    expect((await request.get("/api/audit?cursor=abc")).status()).toBe(400);
    expect((await request.get("/api/audit?limit=0")).status()).toBe(400);
    expect((await request.get("/api/audit?from=yesterday")).status()).toBe(400);
    expect((await request.get("/api/audit?surprise=1")).status()).toBe(400);
    const page = (await (await request.get("/api/audit?limit=1")).json()) as { entries: unknown[]; nextCursor: string | null };
    expect(page.entries).toHaveLength(1);
    expect(typeof page.nextCursor).toBe("string");
  });

  test("first-run setup is closed once anybody exists, whoever asks, with or without a setup code", async ({ baseURL }) => {
    const anon = await anonymous(baseURL);
    const res = await anon.post("/api/setup", { data: { email: "late@onepool.test", name: "Late", password: "long enough pw" } });
    expect(await err(res)).toMatchObject({ status: 409, error: { code: "already_set_up" } });
    const withCode = await anon.post("/api/setup", { data: { email: "late@onepool.test", name: "Late", password: "long enough pw", setupCode: "AAAA-BBBB-CCCC" } });
    expect(await err(withCode)).toMatchObject({ status: 409, error: { code: "already_set_up" } });
    await anon.dispose();
  });

  test("a cycle count: unknown SKU 404, unknown location 422, a negative or fractional quantity 400", async ({ request, baseURL }) => {
    const sku = uniqueCode("CNTBAD");
    await putCatalog(request, [{ code: sku, name: "E2E count checks" }]);
    await postEvent(request, { type: "receipt", sku, quantity: 3 });
    const count = (code: string, data: unknown) => request.post(`/api/skus/${code}/counts`, { data, headers: { origin: baseURL! } });
    expect((await count("E2E-NO-SUCH-SKU", { location: LOCATION, quantity: 1 })).status()).toBe(404);
    expect(await err(await count(sku, { location: "nowhere", quantity: 1 }))).toMatchObject({ status: 422, error: { code: "unknown_location", details: { field: "location" } } });
    expect(await err(await count(sku, { location: LOCATION, quantity: -1 }))).toMatchObject({ status: 400, error: { details: { field: "quantity" } } });
    expect(await err(await count(sku, { location: LOCATION, quantity: 1.5 }))).toMatchObject({ status: 400, error: { details: { field: "quantity" } } });
    const ok = await count(sku, { location: LOCATION, quantity: 0 });
    expect(ok.status()).toBe(201);
    expect(await ok.json()).toMatchObject({ status: "accepted", trusted: true });
  });
});
