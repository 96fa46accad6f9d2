import { expect, test } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";
import { CHANNELS, LOCATION, putCatalog, uniqueCode } from "./support/onepool-api";
import { anonymous } from "./support/people";

// Source management over the Next-served API: admin scope, precise refusals, secrets never echoed.

const auth = { authorization: `Bearer ${E2E_TOKEN}` };

test.describe("connector sources API", () => {
  test.beforeAll(async ({ request }) => {
    await putCatalog(request, []);
  });

  test("registers, reads, rotates and revokes — and never returns a secret it was given", async ({ request }) => {
    const code = uniqueCode("src").toLowerCase();
    const secret = `shpss_${code}_the_app_secret`;
    const created = await request.put(`/api/sources/${code}`, {
      headers: auth,
      data: { provider: "shopify", channel: CHANNELS[0], secrets: [secret], locations: { default: LOCATION, "24826418": LOCATION } },
    });
    expect(created.status(), await created.text()).toBe(201);
    const body = await created.json();
    expect(body).toMatchObject({ code, provider: "shopify", channel: CHANNELS[0], webhookPath: `/api/webhooks/shopify/${code}`, locations: { default: LOCATION } });
    expect(body.secrets).toHaveLength(1);
    expect(body.secrets[0]).toMatchObject({ hint: `…${secret.slice(-4)}`, active: true });
    expect(JSON.stringify(body)).not.toContain(secret);

    // Updating without `secrets` keeps them; a provider change is refused.
    const updated = await request.put(`/api/sources/${code}`, { headers: auth, data: { provider: "shopify", rateLimitPerMinute: 120 } });
    expect(updated.status()).toBe(200);
    expect(await updated.json()).toMatchObject({ rateLimitPerMinute: 120, locations: { default: LOCATION }, secrets: [{ active: true }] });
    const otherProvider = await request.put(`/api/sources/${code}`, { headers: auth, data: { provider: "woocommerce" } });
    expect(otherProvider.status()).toBe(409);
    expect((await otherProvider.json()).error.code).toBe("provider_mismatch");

    // Shopify issues its own secret: rotation must be given one.
    const noSecret = await request.post(`/api/sources/${code}/secrets`, { headers: auth, data: { overlapSeconds: 3600 } });
    expect(noSecret.status()).toBe(400);
    expect((await noSecret.json()).error.code).toBe("secret_required");
    const rotated = await request.post(`/api/sources/${code}/secrets`, { headers: auth, data: { secret: `${secret}_next`, overlapSeconds: 3600 } });
    expect(rotated.status()).toBe(201);
    const after = await (await request.get(`/api/sources/${code}`)).json();
    expect(after.secrets).toHaveLength(2);
    expect(after.secrets[0].expiresAt).not.toBeNull();
    expect(after.secrets.every((s: { active: boolean }) => s.active)).toBe(true);

    const revoked = await request.delete(`/api/sources/${code}/secrets/${after.secrets[0].id}`, { headers: auth });
    expect(revoked.status()).toBe(200);
    const final = await (await request.get(`/api/sources/${code}`)).json();
    expect(final.secrets.map((s: { active: boolean }) => s.active)).toEqual([false, true]);
    expect((await request.delete(`/api/sources/${code}/secrets/00000000-0000-0000-0000-000000000000`, { headers: auth })).status()).toBe(404);
  });

  test("a generated Standard Webhooks secret is shown once", async ({ request }) => {
    const code = uniqueCode("wms").toLowerCase();
    expect((await request.put(`/api/sources/${code}`, { headers: auth, data: { provider: "standard" } })).status()).toBe(201);
    const rotated = await request.post(`/api/sources/${code}/secrets`, { headers: auth, data: { overlapSeconds: 0 } });
    expect(rotated.status()).toBe(201);
    const { secret, hint } = await rotated.json();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    expect(hint).toBe(`…${secret.slice(-4)}`);
    expect(JSON.stringify(await (await request.get(`/api/sources/${code}`)).json())).not.toContain(secret);
  });

  test("refuses without the admin scope, with bad fields and unknown references", async ({ request, baseURL }) => {
    const code = uniqueCode("bad").toLowerCase();
    const put = (data: unknown, headers: Record<string, string> = auth) => request.put(`/api/sources/${code}`, { headers, data });
    const anon = await anonymous(baseURL);
    expect((await anon.put(`/api/sources/${code}`, { data: { provider: "standard" } })).status()).toBe(401);
    await anon.dispose();
    expect((await put({ provider: "standard" }, { authorization: "Bearer nope" })).status()).toBe(401);
    const badProvider = await put({ provider: "ebay" });
    expect(badProvider.status()).toBe(400);
    expect((await badProvider.json()).error).toMatchObject({ code: "invalid_field", details: { field: "provider" } });
    expect((await (await put({ provider: "standard", colour: "red" })).json()).error.code).toBe("unknown_field");
    expect((await (await put({ provider: "standard", secrets: ["short"] })).json()).error.details.field).toBe("secrets.0");
    const noChannel = await put({ provider: "standard", channel: "no-such-channel" });
    expect(noChannel.status()).toBe(422);
    expect((await noChannel.json()).error.code).toBe("unknown_channel");
    const noLocation = await put({ provider: "standard", locations: { default: "no-such-location" } });
    expect(noLocation.status()).toBe(422);
    expect((await noLocation.json()).error.code).toBe("unknown_location");
    const badCode = await request.put(`/api/sources/Not%20Valid`, { headers: auth, data: { provider: "standard" } });
    expect(badCode.status()).toBe(400);
    expect((await badCode.json()).error.code).toBe("invalid_source");
    expect((await request.get(`/api/sources/${code}`)).status()).toBe(404);
    expect((await request.post(`/api/rejections/12x/resubmit`, { headers: auth })).status()).toBe(404);
    expect((await request.post(`/api/rejections/999999999/resubmit`, { headers: auth })).status()).toBe(404);
    expect((await request.get(`/api/rejections?cursor=abc`)).status()).toBe(400);
    expect((await request.get(`/api/unmapped?limit=0`)).status()).toBe(400);
  });
});

test.describe("connector tokens API", () => {
  test("issues a token once, rotates it with an overlap, and revokes it at once", async ({ request, baseURL }) => {
    const anon = await anonymous(baseURL);
    expect((await anon.get("/api/tokens")).status()).toBe(401);
    await anon.dispose();
    const issued = await request.post("/api/tokens", { headers: auth, data: { name: `e2e-wms-${Date.now()}`, scopes: ["ingest"], sources: ["e2e-wms"], expiresInDays: 30 } });
    expect(issued.status(), await issued.text()).toBe(201);
    const { id, token } = await issued.json();
    expect(token).toMatch(/^op_/);
    const listed = (await (await request.get("/api/tokens", { headers: auth })).json()).tokens.find((t: { id: string }) => t.id === id);
    expect(listed).toMatchObject({ scopes: ["ingest"], sources: ["e2e-wms"], active: true, prefix: token.slice(0, 10) });
    expect(JSON.stringify(listed)).not.toContain(token);

    // The issued token works for what it is scoped to, and is refused what it is not.
    const post = (t: string, body: unknown) => request.post("/api/events", { headers: { authorization: `Bearer ${t}` }, data: body });
    const event = { id: `tok-${Date.now()}`, source: "e2e-wms", type: "receipt", sku: "NO-SUCH", location: LOCATION, quantity: 1, occurredAt: new Date().toISOString() };
    expect((await post(token, event)).status()).toBe(422); // authenticated: the event itself is refused (unknown SKU)
    expect((await request.get("/api/tokens", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(403);

    const rotated = await request.post(`/api/tokens/${id}/rotate`, { headers: auth, data: { overlapSeconds: 3600 } });
    expect(rotated.status()).toBe(201);
    const next = await rotated.json();
    expect(next.token).not.toBe(token);
    expect((await post(token, event)).status()).toBe(422); // still valid inside the overlap
    expect((await post(next.token, event)).status()).toBe(422);

    expect((await request.delete(`/api/tokens/${id}`, { headers: auth })).status()).toBe(200);
    const refused = await post(token, event);
    expect(refused.status()).toBe(401);
    expect((await refused.json()).error.code).toBe("token_revoked");
    expect((await request.delete(`/api/tokens/no-such-token`, { headers: auth })).status()).toBe(404);
    const bad = await request.post("/api/tokens", { headers: auth, data: { name: "x", scopes: ["root"] } });
    expect(bad.status()).toBe(400);
  });
});
