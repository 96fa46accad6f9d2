import { describe, expect, it } from "vitest";
import { originAllowed, sameOriginRequest } from "./origin";

describe("originAllowed", () => {
  it("accepts the request's own host and the public URL", () => {
    expect(originAllowed("http://localhost:3000", "localhost:3000")).toBe(true);
    expect(originAllowed("https://onepool.example.com", "10.0.0.5:3000", "https://onepool.example.com")).toBe(true);
    expect(originAllowed("http://LOCALHOST:3000", "localhost:3000")).toBe(true);
  });
  it("refuses another port, a sibling subdomain, another scheme than the public URL, and opaque origins", () => {
    expect(originAllowed("http://localhost:3001", "localhost:3000")).toBe(false);
    expect(originAllowed("https://evil.example.com", "onepool.example.com")).toBe(false);
    expect(originAllowed("http://onepool.example.com", "10.0.0.5", "https://onepool.example.com")).toBe(false);
    expect(originAllowed("null", "localhost:3000")).toBe(false);
    expect(originAllowed("chrome-extension://abc", "abc")).toBe(false);
    expect(originAllowed("http://localhost:3000", undefined)).toBe(false);
  });
  it("lets a client without Origin through (not a browser: it must authenticate by itself)", () => {
    expect(originAllowed(undefined, "localhost:3000")).toBe(true);
  });
});

describe("sameOriginRequest", () => {
  it("refuses Fetch Metadata that names another site, even without Origin", () => {
    expect(sameOriginRequest(new Headers({ host: "a:1", "sec-fetch-site": "same-site" }))).toBe(false);
    expect(sameOriginRequest(new Headers({ host: "a:1", "sec-fetch-site": "same-origin", origin: "http://a:1" }))).toBe(true);
  });
});
