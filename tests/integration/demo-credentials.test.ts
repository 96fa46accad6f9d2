import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { handleAuthRequest } from "@/server/auth/handle-auth-request";
import { TokenVerifier } from "@/server/auth/connector-tokens";
import { DEMO_MARKER, DEMO_PASSWORD, DEMO_TOKEN, guardDemoCredentials, markDemoDataDir } from "@/server/auth/demo-credentials";
import { ensureDemoToken } from "@/demo/demo-token";
import { DEMO_PEOPLE, ensureDemoPeople } from "@/demo/ensure-demo-people";
import { parseEnv } from "@/server/env";
import { ev, startTestServer, uniqueCatalog, type TestServer } from "../support/test-server";

// Review #16: a data folder made by `npm run demo` came with a printed token and a public admin
// password, and `npm start` on it (listening on 0.0.0.0) accepted both.

let npmStart: TestServer;
let demo: TestServer;
beforeAll(async () => {
  // Both on the same database, as `npm run demo` then `npm start` on the same data folder.
  demo = await startTestServer(inject("databaseUrl"), { ONEPOOL_ALLOW_DEMO_CREDENTIALS: "true" });
  await ensureDemoToken(demo.services.pool);
  await ensureDemoPeople(demo.services.pool, demo.services.auth);
  npmStart = await startTestServer(inject("databaseUrl"));
});
afterAll(async () => {
  await npmStart?.stop();
  await demo?.stop();
});

const postAsDemo = (server: TestServer, body: unknown) =>
  fetch(`${server.url}/api/events`, { method: "POST", headers: { authorization: `Bearer ${DEMO_TOKEN}`, "content-type": "application/json" }, body: JSON.stringify(body) });
const signIn = (server: TestServer, email: string, password: string) =>
  handleAuthRequest(
    server.services,
    new Request(`${server.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url, "x-forwarded-for": "10.9.9.9" },
      body: JSON.stringify({ email, password }),
    }),
  );

it("npm start refuses the demo token with a 401 that says why and what to do", async () => {
  const c = uniqueCatalog({ skus: ["DEMO-CRED"] });
  await npmStart.catalog(c.input);
  const res = await postAsDemo(npmStart, ev({ type: "receipt", sku: c.sku("DEMO-CRED"), location: c.loc("wh"), quantity: 1 }));
  expect(res.status).toBe(401);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("demo_credentials_refused");
  expect(body.error.message).toMatch(/npm run demo/);
  expect(body.error.message).toMatch(/ONEPOOL_ALLOW_DEMO_CREDENTIALS=true/);
});

it("npm start refuses the demo people's public password, with a 403 that says why", async () => {
  const res = await signIn(npmStart, DEMO_PEOPLE.admin.email, DEMO_PASSWORD);
  expect(res.status).toBe(403);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("demo_credentials_refused");
  expect(body.error.message).toMatch(/ONEPOOL_ALLOW_DEMO_CREDENTIALS=true/);
  expect(res.headers.get("set-cookie")).toBeNull();
});

it("the demo itself (and ONEPOOL_ALLOW_DEMO_CREDENTIALS=true) still accepts both", async () => {
  const c = uniqueCatalog({ skus: ["DEMO-CRED-OK"] });
  await demo.catalog(c.input);
  const res = await postAsDemo(demo, ev({ type: "receipt", sku: c.sku("DEMO-CRED-OK"), location: c.loc("wh"), quantity: 1 }));
  expect(res.status).toBe(202);
  const signedIn = await signIn(demo, DEMO_PEOPLE.analyst.email, DEMO_PASSWORD);
  expect(signedIn.status).toBe(200);
});

it("the start-up log says so for a data folder marked by the demo, and for a database holding the demo token", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "onepool-demo-marker-"));
  try {
    await markDemoDataDir(dir);
    const logs: string[] = [];
    // The marker alone (no demo token row in this check): embedded data folder, no DATABASE_URL.
    const env = parseEnv({ NODE_ENV: "test", ONEPOOL_DATA_DIR: dir });
    const tokens = new TokenVerifier(npmStart.services.pool);
    await guardDemoCredentials(env, npmStart.services.pool, tokens, (m) => logs.push(m));
    expect(logs.join("\n")).toMatch(/made by `npm run demo`.*refused.*ONEPOOL_ALLOW_DEMO_CREDENTIALS=true/s);
    expect(DEMO_MARKER).toBe("made-by-demo");

    const dbLogs: string[] = [];
    await guardDemoCredentials(parseEnv({ NODE_ENV: "test", DATABASE_URL: inject("databaseUrl") }), npmStart.services.pool, tokens, (m) => dbLogs.push(m));
    expect(dbLogs.join("\n")).toMatch(/refused/);

    const allowed: string[] = [];
    await guardDemoCredentials(parseEnv({ NODE_ENV: "test", ONEPOOL_DATA_DIR: dir, ONEPOOL_ALLOW_DEMO_CREDENTIALS: "true" }), npmStart.services.pool, tokens, (m) => allowed.push(m));
    expect(allowed).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
