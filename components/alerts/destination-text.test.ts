import { describe, expect, it } from "vitest";
import { destinationStatus, newSigningSecret, urlIsMasked } from "./destination-text";

const base = { enabled: true, failingSince: null, lastError: null, pending: 0, lastDeliveredAt: null, lastAttemptAt: null };

describe("destination text", () => {
  it("status: failing before off, then sending, delivered, never", () => {
    expect(destinationStatus(base)).toBe("never");
    expect(destinationStatus({ ...base, lastDeliveredAt: "2026-12-07T00:00:00Z" })).toBe("delivered");
    expect(destinationStatus({ ...base, pending: 2, lastDeliveredAt: "2026-12-07T00:00:00Z" })).toBe("sending");
    expect(destinationStatus({ ...base, enabled: false, pending: 1 })).toBe("off");
    expect(destinationStatus({ ...base, enabled: false, failingSince: "2026-12-07T00:00:00Z", lastError: "HTTP 500" })).toBe("failing");
  });

  it("a masked URL is one to type again; a secret is whsec_ and 24 bytes, new each time", () => {
    expect(urlIsMasked("https://hooks.slack.com/***")).toBe(true);
    expect(urlIsMasked("https://example.com/hook?key=***")).toBe(true);
    expect(urlIsMasked("https://example.com/hook")).toBe(false);
    const s = newSigningSecret();
    expect(s).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(s.slice(6), "base64")).toHaveLength(24);
    expect(newSigningSecret()).not.toBe(s);
  });
});
