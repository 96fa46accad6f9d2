import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";
import { PERMISSIONS, ROLES, roleCan, scopesCan, type Permission, type Role } from "../lib/auth/roles";
import { stateFor } from "./support/people";

// Every protected route × every role (and the anonymous, and connector tokens): allowed or not, and
// 401 (nobody identified) vs 403 (identified, not allowed) exactly. Writes carry a body the route
// refuses after authorising (400/404), so an allowed call proves the guard let it through without
// changing anything.

interface RouteCase {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  permission: Permission | "signed-in";
  body?: unknown;
}

const NO_SKU = "E2E-NO-SUCH-SKU";
const ROUTES: RouteCase[] = [
  { method: "GET", path: "/api/skus", permission: "stock.read" },
  { method: "GET", path: `/api/skus/${NO_SKU}`, permission: "stock.read" },
  { method: "GET", path: `/api/skus/${NO_SKU}/events`, permission: "stock.read" },
  { method: "GET", path: `/api/skus/${NO_SKU}/sales`, permission: "stock.read" },
  { method: "GET", path: "/api/stock/summary", permission: "stock.read" },
  { method: "GET", path: "/api/metrics/lag", permission: "stock.read" },
  { method: "GET", path: "/metrics", permission: "metrics.read" },
  { method: "GET", path: "/api/catalog", permission: "stock.read" },
  { method: "GET", path: "/api/sources", permission: "stock.read" },
  { method: "GET", path: "/api/sources/e2e-no-such-source", permission: "stock.read" },
  { method: "GET", path: "/api/unmapped", permission: "stock.read" },
  { method: "GET", path: "/api/rejections", permission: "stock.read" },
  { method: "POST", path: `/api/skus/${NO_SKU}/counts`, permission: "counts.write", body: { location: 1 } },
  { method: "GET", path: "/api/counts", permission: "stock.read" },
  { method: "POST", path: "/api/counts", permission: "counts.write", body: { nope: true } },
  { method: "GET", path: "/api/counts/cnt_none", permission: "stock.read" },
  { method: "PUT", path: "/api/counts/cnt_none/lines", permission: "counts.write", body: { nope: true } },
  { method: "POST", path: "/api/counts/cnt_none/submit", permission: "counts.write" },
  { method: "POST", path: "/api/counts/cnt_none/cancel", permission: "counts.write" },
  { method: "POST", path: "/api/counts/cnt_none/approve", permission: "counts.approve" },
  { method: "GET", path: "/api/counts/coverage", permission: "stock.read" },
  { method: "GET", path: "/api/reorder?show=nope", permission: "reorder.read" },
  { method: "GET", path: "/api/reconciliation", permission: "stock.read" },
  { method: "GET", path: "/api/reconciliation/lines", permission: "stock.read" },
  { method: "GET", path: "/api/reconciliation/trend", permission: "stock.read" },
  { method: "GET", path: "/api/reconciliation/summary", permission: "stock.read" },
  { method: "GET", path: "/api/drift", permission: "stock.read" },
  { method: "GET", path: `/api/skus/${NO_SKU}/sources-said`, permission: "stock.read" },
  { method: "POST", path: "/api/unmapped/map", permission: "mappings.write", body: { nope: true } },
  { method: "GET", path: "/api/audit", permission: "audit.read" },
  // A malformed week is a 400 after the guard: the matrix checks the guard without computing a scorecard.
  { method: "GET", path: "/api/scorecard?week=nope", permission: "scorecard.read" },
  { method: "GET", path: "/api/scorecard/revision?week=nope", permission: "scorecard.read" },
  { method: "GET", path: "/api/rules", permission: "stock.read" },
  { method: "GET", path: "/api/rules/history?channel=e2e-web", permission: "stock.read" },
  { method: "POST", path: "/api/rules/preview", permission: "stock.read", body: { nope: true } },
  { method: "GET", path: "/api/pauses", permission: "stock.read" },
  { method: "GET", path: `/api/skus/${NO_SKU}/published`, permission: "stock.read" },
  { method: "POST", path: "/api/rules", permission: "rules.write", body: { nope: true } },
  { method: "PATCH", path: "/api/rules/999999999", permission: "rules.write", body: { nope: true } },
  { method: "DELETE", path: "/api/rules/999999999", permission: "rules.write" },
  { method: "POST", path: "/api/pauses", permission: "pauses.write", body: { nope: true } },
  { method: "DELETE", path: "/api/pauses/999999999", permission: "pauses.write" },
  { method: "PUT", path: "/api/catalog", permission: "catalog.write", body: { nope: true } },
  { method: "PUT", path: "/api/sources/e2e-roles-src", permission: "connectors.manage", body: { nope: true } },
  { method: "POST", path: "/api/sources/e2e-roles-src/secrets", permission: "connectors.manage", body: { nope: true } },
  { method: "DELETE", path: "/api/sources/e2e-roles-src/secrets/no-such-secret", permission: "connectors.manage" },
  { method: "POST", path: "/api/rejections/999999999/resubmit", permission: "connectors.manage" },
  { method: "GET", path: "/api/tokens", permission: "tokens.manage" },
  { method: "POST", path: "/api/tokens", permission: "tokens.manage", body: { nope: true } },
  { method: "DELETE", path: "/api/tokens/no-such-token", permission: "tokens.manage" },
  { method: "POST", path: "/api/tokens/no-such-token/rotate", permission: "tokens.manage", body: { nope: true } },
  { method: "GET", path: "/api/users", permission: "users.manage" },
  { method: "POST", path: "/api/users", permission: "users.manage", body: { nope: true } },
  { method: "PATCH", path: "/api/users/no-such-person", permission: "users.manage", body: { nope: true } },
  { method: "POST", path: "/api/reservations", permission: "reservations.write", body: { nope: true } },
  { method: "GET", path: "/api/reservations/res_none", permission: "reservations.write" },
  { method: "DELETE", path: "/api/reservations/res_none", permission: "reservations.write" },
  { method: "GET", path: "/api/outbound", permission: "stock.read" },
  { method: "GET", path: "/api/channels/e2e-none/outbound", permission: "connectors.manage" },
  { method: "PUT", path: "/api/channels/e2e-none/outbound", permission: "connectors.manage", body: { nope: true } },
  { method: "DELETE", path: "/api/channels/e2e-none/outbound", permission: "connectors.manage" },
  { method: "POST", path: "/api/channels/e2e-none/outbound/retry", permission: "connectors.manage" },
  { method: "GET", path: "/api/me", permission: "signed-in" },
  { method: "GET", path: "/api/alerts", permission: "alerts.read" },
  { method: "POST", path: "/api/alerts/999999999/acknowledge", permission: "alerts.read" },
  { method: "GET", path: "/api/alerts/mutes", permission: "alerts.read" },
  { method: "POST", path: "/api/alerts/mutes", permission: "alerts.mute", body: { nope: true } },
  { method: "DELETE", path: "/api/alerts/mutes", permission: "alerts.mute", body: { nope: true } },
  { method: "PUT", path: "/api/alert-mutes", permission: "alerts.mute", body: { nope: true } },
  { method: "DELETE", path: "/api/alert-mutes", permission: "alerts.mute", body: { nope: true } },
  { method: "GET", path: "/api/alert-settings", permission: "alerts.read" },
  { method: "PUT", path: "/api/alert-settings", permission: "alerts.settings", body: { nope: true } },
  { method: "GET", path: "/api/alert-destinations", permission: "alerts.settings" },
  { method: "GET", path: "/api/alert-destinations/e2e-none", permission: "alerts.settings" },
  { method: "PUT", path: "/api/alert-destinations/e2e-none", permission: "alerts.settings", body: { nope: true } },
  { method: "DELETE", path: "/api/alert-destinations/e2e-none", permission: "alerts.settings" },
];

async function call(ctx: APIRequestContext, r: RouteCase, headers: Record<string, string> = {}) {
  const res = await ctx.fetch(r.path, { method: r.method, headers, ...(r.body !== undefined ? { data: r.body } : {}) });
  const text = await res.text();
  return { status: res.status(), text };
}

test.describe("every route checks the role", () => {
  test("all permissions are covered by the matrix", () => {
    const covered = new Set(ROUTES.map((r) => r.permission));
    for (const p of Object.keys(PERMISSIONS) as Permission[]) expect(covered.has(p), p).toBe(true);
  });

  test("anonymous: 401 everywhere, with a reason", async ({ playwright, baseURL }) => {
    const anon = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    for (const r of ROUTES) {
      const { status, text } = await call(anon, r);
      expect(status, `${r.method} ${r.path}: ${text}`).toBe(401);
      expect(JSON.parse(text).error.code).toBe("unauthenticated");
    }
    await anon.dispose();
  });

  for (const role of ROLES) {
    test(`${role}: allowed routes pass the guard, the others are 403`, async ({ playwright, baseURL }) => {
      const ctx = await playwright.request.newContext({ baseURL, storageState: stateFor(role) });
      for (const r of ROUTES) {
        const allowed = r.permission === "signed-in" || roleCan(role as Role, r.permission);
        const { status, text } = await call(ctx, r);
        if (allowed) expect([401, 403], `${role} ${r.method} ${r.path} should pass: ${status} ${text}`).not.toContain(status);
        else {
          expect(status, `${role} ${r.method} ${r.path} should be forbidden: ${text}`).toBe(403);
          expect(JSON.parse(text).error).toMatchObject({ code: "forbidden", message: expect.stringContaining("role") });
        }
      }
      await ctx.dispose();
    });
  }

  test("connector tokens: held to their scopes, never people or the audit log", async ({ playwright, baseURL }) => {
    const anon = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const all = ["ingest", "read", "reserve", "catalog", "metrics", "admin"];
    for (const r of ROUTES) {
      const { status, text } = await call(anon, r, { authorization: `Bearer ${E2E_TOKEN}` });
      const allowed = r.permission !== "signed-in" && scopesCan(all, r.permission);
      if (r.path === "/api/me") expect(status).toBe(401);
      else if (allowed) expect([401, 403], `${r.method} ${r.path}: ${text}`).not.toContain(status);
      else expect(status, `${r.method} ${r.path}: ${text}`).toBe(403);
    }
    await anon.dispose();
  });

  test("a signed-in change from another site is refused (CSRF), the same change from Onepool's origin is not", async ({ playwright, baseURL }) => {
    const admin = await playwright.request.newContext({ baseURL, storageState: stateFor("admin") });
    const cross = await admin.post("/api/users", { data: { nope: true }, headers: { origin: "https://evil.example" } });
    expect(cross.status()).toBe(403);
    expect((await cross.json()).error.code).toBe("cross_site_request");
    const fetchMeta = await admin.post("/api/users", { data: { nope: true }, headers: { "sec-fetch-site": "cross-site" } });
    expect(fetchMeta.status()).toBe(403);
    const same = await admin.post("/api/users", { data: { nope: true }, headers: { origin: baseURL!, "sec-fetch-site": "same-origin" } });
    expect(same.status()).toBe(400);
    await admin.dispose();
  });

  test("people cannot post events: the ingest path takes connector tokens only", async ({ playwright, baseURL }) => {
    const admin = await playwright.request.newContext({ baseURL, storageState: stateFor("admin") });
    const res = await admin.post("/api/events", {
      data: { id: "from-a-person", source: "e2e-wms", type: "receipt", sku: "X", location: "Y", quantity: 1, occurredAt: new Date().toISOString() },
      headers: { origin: baseURL! },
    });
    expect(res.status()).toBe(401);
    await admin.dispose();
  });
});
