import pg from "pg";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { setServices } from "@/server/services";
import { startTestServer, type TestServer } from "../support/test-server";

// Review #20: an anonymous health check tells nothing about the database's host, users or the
// migration names; every answer carries the security headers.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"));
});
afterAll(() => server?.stop());

it("an unreachable database is reported without pg's error text", async () => {
  const unreachable = new pg.Pool({ connectionString: "postgresql://secret_user:secret_pw@127.0.0.1:1/secret_db", connectionTimeoutMillis: 2000 });
  try {
    setServices({ ...server.services, pool: unreachable });
    const res = await health();
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ status: "unavailable", database: { reachable: false } });
    expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|secret_|connect/);
  } finally {
    await unreachable.end();
  }
});

it("pending migrations are counted, not named", async () => {
  setServices({ ...server.services, migrations: [...server.services.migrations, "20991231000000_internal_name"] });
  const res = await health();
  expect(res.status).toBe(503);
  const text = await res.text();
  expect(JSON.parse(text)).toMatchObject({ status: "degraded", migrations: { pending: 1 } });
  expect(text).not.toContain("internal_name");
  setServices(server.services);
  expect(await (await health()).json()).toMatchObject({ status: "ok", migrations: { pending: 0 } });
});

it("every answer carries the security headers; HSTS only over https", async () => {
  for (const res of [await fetch(`${server.url}/api/events`), await fetch(`${server.url}/no-such-page`)]) {
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("strict-transport-security")).toBeNull();
  }
  // Plain http: a client claiming https is not believed without a trusted proxy.
  expect((await fetch(`${server.url}/api/events`, { headers: { "x-forwarded-proto": "https" } })).headers.get("strict-transport-security")).toBeNull();
  const proxied = await startTestServer(inject("databaseUrl"), { ONEPOOL_TRUST_PROXY: "true" });
  try {
    expect((await fetch(`${proxied.url}/api/events`, { headers: { "x-forwarded-proto": "https" } })).headers.get("strict-transport-security")).toMatch(/^max-age=/);
  } finally {
    await proxied.stop();
  }
});
