import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareEvents, compareVersions, isTrusted, ONEPOOL_COUNTS_SOURCE, precedence } from "./event-order";
import { ev, t } from "./test-support";
import type { StockEvent } from "./types";

const sortIds = (events: StockEvent[], trusted: readonly string[]) => [...events].sort((a, b) => compareEvents(a, b, trusted)).map((e) => e.id);

describe("compareVersions", () => {
  it("compares digit strings numerically, also beyond 2^53", () => {
    expect(compareVersions("9", "10")).toBeLessThan(0);
    expect(compareVersions("10", "9")).toBeGreaterThan(0);
    expect(compareVersions("7", "7")).toBe(0);
    // 2^53 + 1 vs 2^53: equal as JS numbers, different as versions
    expect(Number("9007199254740993")).toBe(Number("9007199254740992"));
    expect(compareVersions("9007199254740993", "9007199254740992")).toBeGreaterThan(0);
    expect(compareVersions("123456789012345678901234567890", "123456789012345678901234567889")).toBeGreaterThan(0);
  });

  it("ignores leading zeros", () => {
    expect(compareVersions("0010", "9")).toBeGreaterThan(0);
    expect(compareVersions("007", "7")).toBe(0);
    expect(compareVersions("000", "0")).toBe(0);
    expect(compareVersions("0", "1")).toBeLessThan(0);
  });

  it("null sorts before any version", () => {
    expect(compareVersions(null, "0")).toBeLessThan(0);
    expect(compareVersions("0", null)).toBeGreaterThan(0);
    expect(compareVersions(null, null)).toBe(0);
  });

  it("agrees with BigInt order (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.nat(3), fc.nat(3), (a, b, za, zb) => {
        const sa = "0".repeat(za) + a.toString();
        const sb = "0".repeat(zb) + b.toString();
        expect(Math.sign(compareVersions(sa, sb))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });
});

describe("precedence / isTrusted", () => {
  it("the first listed source has the highest precedence; unlisted sources rank below all listed", () => {
    const trusted = ["wms", "erp", "marketplace"];
    expect(precedence("wms", trusted)).toBe(3);
    expect(precedence("erp", trusted)).toBe(2);
    expect(precedence("marketplace", trusted)).toBe(1);
    expect(precedence("pos", trusted)).toBe(-1);
    expect(precedence("anything", [])).toBe(0);
  });

  it("an empty list trusts every source; otherwise only listed ones", () => {
    expect(isTrusted("pos", [])).toBe(true);
    expect(isTrusted("wms", ["wms"])).toBe(true);
    expect(isTrusted("pos", ["wms"])).toBe(false);
  });

  it("Onepool's own counts are trusted at every location and outrank every listed source (docs/RECONCILIATION.md#numbers)", () => {
    expect(isTrusted(ONEPOOL_COUNTS_SOURCE, ["wms"])).toBe(true);
    expect(isTrusted(ONEPOOL_COUNTS_SOURCE, [])).toBe(true);
    expect(precedence(ONEPOOL_COUNTS_SOURCE, ["wms", "erp"])).toBeGreaterThan(precedence("wms", ["wms", "erp"]));
    expect(precedence(ONEPOOL_COUNTS_SOURCE, [])).toBeGreaterThan(precedence("pos", []));
  });
});

describe("compareEvents: the fold order", () => {
  it("occurredAt first, whatever the source or version", () => {
    const late = ev("receipt", { id: "late", occurredAt: t(2), source: "wms", version: "1" });
    const early = ev("receipt", { id: "early", occurredAt: t(1), source: "pos", version: "999" });
    expect(sortIds([late, early], ["wms", "pos"])).toEqual(["early", "late"]);
  });

  it("at the same instant the most trusted source is folded last (so it wins), regardless of version", () => {
    const wms = ev("cycle_count", { id: "wms", source: "wms", version: "1" });
    const erp = ev("cycle_count", { id: "erp", source: "erp", version: "50" });
    const pos = ev("cycle_count", { id: "pos", source: "pos", version: "99" });
    expect(sortIds([wms, erp, pos], ["wms", "erp"])).toEqual(["pos", "erp", "wms"]);
    expect(sortIds([pos, wms, erp], ["wms", "erp"])).toEqual(["pos", "erp", "wms"]);
  });

  it("same instant and precedence: higher version is folded later, compared as big integers", () => {
    const a = ev("snapshot", { id: "a", version: "9007199254740993" });
    const b = ev("snapshot", { id: "b", version: "9007199254740992" });
    const c = ev("snapshot", { id: "c", version: null });
    const d = ev("snapshot", { id: "d", version: "10" });
    expect(sortIds([a, b, c, d], [])).toEqual(["c", "d", "b", "a"]);
  });

  it("then source, then id, so the order is total", () => {
    const x = ev("receipt", { source: "b", id: "1" });
    const y = ev("receipt", { source: "a", id: "2" });
    const z = ev("receipt", { source: "a", id: "1" });
    expect([x, y, z].sort((p, q) => compareEvents(p, q, [])).map((e) => `${e.source}/${e.id}`)).toEqual(["a/1", "a/2", "b/1"]);
    expect(compareEvents(z, { ...z }, [])).toBe(0);
  });

  it("is antisymmetric and transitive (property)", () => {
    const arbEvent = fc.record({
      occurredAt: fc.integer({ min: 0, max: 3 }).map(t),
      source: fc.constantFrom("wms", "erp", "pos"),
      id: fc.constantFrom("1", "2", "3"),
      version: fc.option(fc.constantFrom("1", "2", "10", "9007199254740993", "9007199254740992"), { nil: null }),
    });
    const trustedArb = fc.subarray(["wms", "erp", "pos"]).chain((xs) => fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }));
    fc.assert(
      fc.property(arbEvent, arbEvent, arbEvent, trustedArb, (pa, pb, pc, trusted) => {
        const [a, b, c] = [pa, pb, pc].map((p) => ev("receipt", p));
        expect(Math.sign(compareEvents(a, b, trusted)) + Math.sign(compareEvents(b, a, trusted))).toBe(0);
        if (compareEvents(a, b, trusted) <= 0 && compareEvents(b, c, trusted) <= 0) expect(compareEvents(a, c, trusted)).toBeLessThanOrEqual(0);
        if (compareEvents(a, b, trusted) === 0) expect([a.source, a.id]).toEqual([b.source, b.id]);
      }),
    );
  });
});
