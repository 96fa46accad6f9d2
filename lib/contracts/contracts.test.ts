import { describe, expect, it } from "vitest";
import { z } from "zod";
import { muteSchema } from "./alerts";
import { changePasswordSchema, firstAdminSchema, signInSchema } from "./auth";
import { cycleCountSchema, openCountSchema } from "./counts";
import { idPageFields } from "./id-page";
import { createPauseSchema } from "./pauses";
import { mapListingSchema } from "./mappings";
import { createPersonSchema, updatePersonSchema } from "./people";
import { createRuleSchema, minAboveMax, ruleFieldsSchema } from "./rules";
import { SOURCE_CODE, sourceSchema } from "./sources";
import { createTokenSchema, rotateTokenSchema } from "./tokens";

// The contracts are what a route parses and a form checks: each one refuses and accepts here what the route does.
const ok = (s: { safeParse(v: unknown): { success: boolean } }, v: unknown) => expect(s.safeParse(v).success, JSON.stringify(v)).toBe(true);
const refused = (s: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } }, v: unknown, field?: string) => {
  const r = s.safeParse(v);
  expect(r.success, JSON.stringify(v)).toBe(false);
  if (field) expect(r.error!.issues.map((i) => String(i.path[0]))).toContain(field);
};

describe("tokens", () => {
  const base = { name: "wms-eu", scopes: ["ingest"] };
  it("accepts a named token with a scope, limits and an expiry, and fills the lists", () => {
    expect(createTokenSchema.parse({ ...base, expiresInDays: 90 })).toMatchObject({ name: "wms-eu", sources: [], eventTypes: [], locations: [], channels: [] });
    ok(createTokenSchema, { ...base, sources: ["wms"], eventTypes: ["receipt"], expiresInDays: null });
  });
  it("refuses an empty name, no scope, an unknown scope, Onepool's own sources, a reservation event type and odd expiries", () => {
    refused(createTokenSchema, { ...base, name: "  " }, "name");
    refused(createTokenSchema, { ...base, name: "x".repeat(101) }, "name");
    refused(createTokenSchema, { ...base, scopes: [] }, "scopes");
    refused(createTokenSchema, { ...base, scopes: ["root"] }, "scopes");
    refused(createTokenSchema, { ...base, sources: ["onepool-counts"] }, "sources");
    refused(createTokenSchema, { ...base, eventTypes: ["reservation.created"] }, "eventTypes");
    refused(createTokenSchema, { ...base, locations: Array.from({ length: 101 }, (_, i) => `l${i}`) }, "locations");
    for (const d of [0, 3651, 1.5]) refused(createTokenSchema, { ...base, expiresInDays: d }, "expiresInDays");
    refused(createTokenSchema, { ...base, extra: 1 });
  });
  it("rotation: an overlap of at most 30 days", () => {
    expect(rotateTokenSchema.parse({}).overlapSeconds).toBe(86_400);
    refused(rotateTokenSchema, { overlapSeconds: 30 * 86_400 + 1 }, "overlapSeconds");
  });
});

describe("sources", () => {
  it("source codes: lower-case, digits, - and _, starting with a letter or digit, at most 63", () => {
    for (const c of ["wms", "shop-1", "a_b", "x".repeat(63)]) expect(SOURCE_CODE.test(c), c).toBe(true);
    for (const c of ["", "-a", "Shop", "a b", "x".repeat(64)]) expect(SOURCE_CODE.test(c), c).toBe(false);
  });
  it("accepts a provider with secrets, locations and a rate limit; refuses short secrets, a bad shop domain and a rate out of range", () => {
    ok(sourceSchema, { provider: "shopify", secrets: ["s".repeat(16)], shopDomain: "My-Shop.myshopify.com", rateLimitPerMinute: 600 });
    refused(sourceSchema, { provider: "nope" }, "provider");
    refused(sourceSchema, { provider: "shopify", secrets: ["short"] }, "secrets");
    refused(sourceSchema, { provider: "shopify", shopDomain: "shop.example.com" }, "shopDomain");
    refused(sourceSchema, { provider: "woocommerce", shopDomain: "a.myshopify.com" }, "shopDomain");
    for (const r of [0, 600_001, 2.5]) refused(sourceSchema, { provider: "shopify", rateLimitPerMinute: r }, "rateLimitPerMinute");
  });
});

describe("people", () => {
  const person = { email: "Ana@Example.com ", name: "Ana", role: "analyst", password: "x".repeat(10) };
  it("lower-cases the email and accepts a 10-character password", () => {
    expect(createPersonSchema.parse({ ...person, email: "Ana@Example.com" }).email).toBe("ana@example.com");
  });
  it("refuses a bad email, an empty name, an unknown role and passwords outside 10–128", () => {
    refused(createPersonSchema, { ...person, email: "ana@" }, "email");
    refused(createPersonSchema, { ...person, name: " " }, "name");
    refused(createPersonSchema, { ...person, role: "owner" }, "role");
    refused(createPersonSchema, { ...person, password: "x".repeat(9) }, "password");
    refused(createPersonSchema, { ...person, password: "x".repeat(129) }, "password");
    refused(updatePersonSchema, {});
  });
});

describe("counts", () => {
  it("a cycle count: whole units from 0 to a billion, a note of at most 500", () => {
    ok(cycleCountSchema, { location: "WH1", quantity: 0 });
    ok(cycleCountSchema, { location: "WH1", quantity: 1_000_000_000, note: "n".repeat(500) });
    for (const q of [-1, 1.5, Number.NaN, 1_000_000_001]) refused(cycleCountSchema, { location: "WH1", quantity: q }, "quantity");
    refused(cycleCountSchema, { location: "WH1", quantity: 1, note: "n".repeat(501) }, "note");
    refused(cycleCountSchema, { location: " ", quantity: 1 }, "location");
  });
  it("opening a count: one way of choosing SKUs at most", () => {
    ok(openCountSchema, { location: "WH1", due: 50 });
    refused(openCountSchema, { location: "WH1", due: 50, tag: "x" });
    refused(openCountSchema, { location: "WH1", due: 0 }, "due");
  });
});

describe("pauses", () => {
  it("needs a channel or a SKU, a reason, and an end in the future", () => {
    ok(createPauseSchema, { channel: "web", reason: "stocktake", until: new Date(Date.now() + 3_600_000).toISOString() });
    refused(createPauseSchema, { reason: "stocktake" }, "channel");
    refused(createPauseSchema, { channel: "web", reason: " " }, "reason");
    refused(createPauseSchema, { channel: "web", reason: "r".repeat(201) }, "reason");
    refused(createPauseSchema, { channel: "web", reason: "x", until: new Date(Date.now() - 1000).toISOString() }, "until");
  });
});

describe("rules", () => {
  it("units whole and ≥ 0, percents 0–100, k a decimal with at most 4 places, null = inherit", () => {
    ok(ruleFieldsSchema, { bufferUnits: 0, bufferPercent: 100, dynamicK: "1.5", floor: null });
    refused(ruleFieldsSchema, { bufferUnits: -1 }, "bufferUnits");
    refused(ruleFieldsSchema, { bufferUnits: 1.5 }, "bufferUnits");
    refused(ruleFieldsSchema, { reservePercent: 101 }, "reservePercent");
    refused(ruleFieldsSchema, { dynamicK: "1.23456" }, "dynamicK");
    refused(ruleFieldsSchema, { dynamicK: "-1" }, "dynamicK");
    refused(createRuleSchema, { channel: "web", sku: "A", tag: "b" }, "tag");
  });
  it("min shown above max shown is refused only when both are set", () => {
    expect(minAboveMax({ minQty: 5, maxQty: 4 })).toBe(true);
    expect(minAboveMax({ minQty: 4, maxQty: 4 })).toBe(false);
    expect(minAboveMax({ minQty: 5, maxQty: null })).toBe(false);
  });
});

describe("auth", () => {
  it("setup: requires the setup code and names the field; trims and lower-cases", () => {
    const r = firstAdminSchema.safeParse({ email: "a@b.co", name: "A", password: "long enough pw" });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(["setupCode"]);
    expect(firstAdminSchema.parse({ email: "A@B.co", name: " A ", password: "long enough pw", setupCode: " X " })).toEqual({ email: "a@b.co", name: "A", password: "long enough pw", setupCode: "X" });
    refused(firstAdminSchema, { email: "a@b.co", name: "A", password: "x".repeat(9), setupCode: "X" }, "password");
  });
  it("sign-in: both filled", () => {
    ok(signInSchema, { email: "a@b.co", password: "p" });
    refused(signInSchema, { email: "  ", password: "p" }, "email");
    refused(signInSchema, { email: "a@b.co", password: "" }, "password");
  });
  it("change password: the current one, and a new one of 10–128 characters", () => {
    ok(changePasswordSchema, { currentPassword: "old", newPassword: "x".repeat(10) });
    refused(changePasswordSchema, { currentPassword: "", newPassword: "x".repeat(10) }, "currentPassword");
    refused(changePasswordSchema, { currentPassword: "old", newPassword: "x".repeat(9) }, "newPassword");
    refused(changePasswordSchema, { currentPassword: "old", newPassword: "x".repeat(129) }, "newPassword");
  });
});

describe("mappings", () => {
  it("a listing and the SKU it maps to, trimmed; none of the three empty", () => {
    expect(mapListingSchema.parse({ channel: " web ", externalId: "123", sku: "TEE-1" })).toEqual({ channel: "web", externalId: "123", sku: "TEE-1" });
    refused(mapListingSchema, { channel: "web", externalId: "123", sku: " " }, "sku");
    refused(mapListingSchema, { channel: "web", externalId: "", sku: "TEE-1" }, "externalId");
    refused(mapListingSchema, { channel: "web", externalId: "1", sku: "TEE-1", extra: 1 });
  });
});

describe("alert mutes", () => {
  const at = (ms: number) => new Date(Date.now() + ms).toISOString();
  it("a (kind, subject) until a time in the future, at most about a year ahead", () => {
    ok(muteSchema, { kind: "drift", source: "wms", until: at(3_600_000) });
    refused(muteSchema, { kind: "drift", source: "wms", until: at(-60_000) }, "until");
    refused(muteSchema, { kind: "drift", source: "wms", until: at(400 * 86_400_000) }, "until");
    refused(muteSchema, { kind: "drift", source: "wms", until: "tomorrow" }, "until");
    refused(muteSchema, { kind: "nope", until: at(3_600_000) }, "kind");
  });
});

describe("id-paged lists", () => {
  const page = z.object(idPageFields("an entry id")).strict();
  it("takes an id cursor of up to 18 digits and a limit of 1–200, 50 when absent", () => {
    expect(page.parse({})).toEqual({ limit: 50 });
    expect(page.parse({ cursor: "123456789012345678", limit: "200" })).toEqual({ cursor: "123456789012345678", limit: 200 });
  });
  it("refuses a cursor that is not an id, saying what it is, and a limit out of range", () => {
    for (const cursor of ["abc", "1234567890123456789", "-1"]) refused(page, { cursor }, "cursor");
    expect(page.safeParse({ cursor: "x" }).error!.issues[0].message).toBe("an entry id");
    for (const limit of ["0", "201", "1.5"]) refused(page, { limit }, "limit");
  });
});
