import { describe, expect, it } from "vitest";
import { contextChangePayload, parseContextChange } from "./context-change";

describe("context change payloads", () => {
  it("round-trips every kind with its sender", () => {
    for (const c of [
      { kind: "rules" as const },
      { kind: "pauses" as const },
      { kind: "tokens" as const },
      { kind: "sources" as const, code: "shop-1" },
      { kind: "sources" as const, code: null },
      { kind: "catalog" as const, trustChanged: [3, 4], listings: [{ channel: "web", externalId: "123" }] },
    ]) {
      expect(parseContextChange(contextChangePayload(c))).toEqual(c);
    }
  });

  it("drops a long listing list so the payload stays under Postgres's 8,000-byte limit", () => {
    const listings = Array.from({ length: 60 }, (_, i) => ({ channel: "web", externalId: "é".repeat(100) + i }));
    const payload = contextChangePayload({ kind: "catalog", trustChanged: [7], listings });
    expect(Buffer.byteLength(payload)).toBeLessThan(8000);
    expect(parseContextChange(payload)).toEqual({ kind: "catalog", trustChanged: [7], listings: [] });
    const few = listings.slice(0, 10);
    expect(parseContextChange(contextChangePayload({ kind: "catalog", trustChanged: [], listings: few }))).toEqual({ kind: "catalog", trustChanged: [], listings: few });
  });

  it("ignores what is not ours", () => {
    expect(parseContextChange("nope")).toBeNull();
    expect(parseContextChange(JSON.stringify({ kind: "weather" }))).toBeNull();
    expect(parseContextChange(JSON.stringify({ kind: "sources", code: 5 }))).toBeNull();
  });
});
