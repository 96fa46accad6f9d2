import { describe, expect, it } from "vitest";
import { securityHeaders, servedOverHttps } from "./security-headers";

describe("securityHeaders", () => {
  it("forbids framing, sniffing and foreign sources; HSTS only over https; eval only in development", () => {
    const h = securityHeaders({ https: false, dev: false });
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"]).not.toContain("unsafe-eval");
    expect(h).not.toHaveProperty("strict-transport-security");
    expect(securityHeaders({ https: true, dev: false })["strict-transport-security"]).toMatch(/^max-age=\d+/);
    expect(securityHeaders({ https: false, dev: true })["content-security-policy"]).toContain("'unsafe-eval'");
  });
});

describe("servedOverHttps", () => {
  it("believes X-Forwarded-Proto only from a trusted proxy", () => {
    expect(servedOverHttps(false, "https", false)).toBe(false);
    expect(servedOverHttps(false, "https", true)).toBe(true);
    expect(servedOverHttps(false, "http", true)).toBe(false);
    expect(servedOverHttps(true, undefined, false)).toBe(true);
  });
});
