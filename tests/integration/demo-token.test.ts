import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { GET as listSkus } from "@/app/api/skus/route";
import { GET as listTokens } from "@/app/api/tokens/route";
import { createConnectorToken, hashToken, TOKEN_SCOPES } from "@/server/auth/connector-tokens";
import { DEMO_TOKEN_SCOPES, ensureDemoToken } from "@/demo/demo-token";
import { DEMO_TOKEN } from "@/server/auth/demo-credentials";
import { ev, startTestServer, uniqueCatalog, type TestServer } from "../support/test-server";
import { until } from "../support/until";

// Review #9: the demo's token is printed on the console and never expires, so it must not be an
// admin credential — also in a demo database made before, where it was created with every scope.

let server: TestServer;
beforeAll(async () => {
  // What `npm run demo` runs with: its public credentials are accepted (refused elsewhere, review #16).
  server = await startTestServer(inject("databaseUrl"), { ONEPOOL_ALLOW_DEMO_CREDENTIALS: "true" });
});
afterAll(() => server?.stop());

const bearer = { authorization: `Bearer ${DEMO_TOKEN}` };
const scopesInDb = async () => (await server.services.pool.query<{ scopes: string[] }>("SELECT scopes FROM connector_token WHERE token_hash = $1", [hashToken(DEMO_TOKEN)])).rows[0]?.scopes;

it("an older demo database's token loses admin on the next start: 403 on the tokens list, and it still ingests and reads", async () => {
  // What demo/cli/demo.ts did before: every scope, admin included.
  await createConnectorToken(server.services.pool, { name: "demo", scopes: [...TOKEN_SCOPES], value: DEMO_TOKEN });
  expect(await scopesInDb()).toContain("admin");

  await ensureDemoToken(server.services.pool);
  expect(await scopesInDb()).toEqual([...DEMO_TOKEN_SCOPES]);
  // Token lookups are cached for a second (lib/time/ttl-cache.test.ts drives that age with a clock).
  const tokens = await until(
    "the tokens list refused",
    async () => {
      const r = await listTokens(new Request("http://localhost/api/tokens", { headers: bearer }));
      return r.status === 403 ? r : null;
    },
    5000,
    100,
  );
  expect(tokens.status).toBe(403);
  expect(await scopesInDb()).not.toContain("admin");

  const c = uniqueCatalog({ skus: ["DEMO-TOKEN"] });
  await server.catalog(c.input);
  const res = await fetch(`${server.url}/api/events`, {
    method: "POST",
    headers: { ...bearer, "content-type": "application/json" },
    body: JSON.stringify(ev({ type: "receipt", sku: c.sku("DEMO-TOKEN"), location: c.loc("wh"), quantity: 3 })),
  });
  expect(res.status).toBe(202);
  expect((await res.json()).results[0].status).toBe("accepted");

  const skus = await listSkus(new Request(`http://localhost/api/skus?q=${encodeURIComponent(c.sku("DEMO-TOKEN"))}`, { headers: bearer }));
  expect(skus.status).toBe(200);
  expect((await skus.json()).items[0]).toMatchObject({ code: c.sku("DEMO-TOKEN"), availableReal: 3 });
});
