import { describe, expect, it } from "vitest";
import { velocityRate } from "../metrics/velocity";
import { computePublished, reserveOf, type ChannelInput } from "./compute-published";
import { rat, type Rational } from "./rational";
import { DEFAULT_RULE_FIELDS, resolveRuleFields, type ResolvedFields } from "./rule-fields";

const fields = (f: Partial<ResolvedFields> = {}): ResolvedFields => ({ ...DEFAULT_RULE_FIELDS, sources: {}, ...f });
const channel = (code: string, f: Partial<ResolvedFields> = {}, extra: Partial<ChannelInput> = {}): ChannelInput => ({
  channel: code,
  fields: fields(f),
  pausedBy: null,
  latencyDays: rat(0),
  latencySource: "none",
  ...extra,
});
const one = (A: number, f: Partial<ResolvedFields>, velocity: Rational = rat(0), extra: Partial<ChannelInput> = {}) => computePublished(A, velocity, [channel("c", f, extra)])[0];

describe("reserveOf", () => {
  it("is ⌊reservePercent × A / 100⌋ exactly (A 100, 29 % → 29)", () => {
    expect(reserveOf(fields({ reservePercent: 29 }), 100)).toBe(29);
    expect(reserveOf(fields({ reservePercent: 29 }), 7)).toBe(2); // 2.03
    expect(reserveOf(fields({ reservePercent: 33 }), 3)).toBe(0); // 0.99
  });

  it("takes the larger of units and percent, capped at A", () => {
    expect(reserveOf(fields({ reserveUnits: 10, reservePercent: 5 }), 100)).toBe(10);
    expect(reserveOf(fields({ reserveUnits: 10, reservePercent: 50 }), 100)).toBe(50);
    expect(reserveOf(fields({ reserveUnits: 10 }), 4)).toBe(4);
    expect(reserveOf(fields({ reservePercent: 100 }), 37)).toBe(37);
    expect(reserveOf(fields(), 37)).toBe(0);
  });
});

describe("computePublished: docs/CHANNEL-RULES.md examples", () => {
  it("base 100 with bufferPercent 56 publishes exactly 44 (no float rounding)", () => {
    // 0.56 × 100 is 56.00000000000001 in binary floats, whose ceiling would give 43.
    const b = one(100, { bufferPercent: 56 });
    expect(b.base).toBe(100);
    expect(b.buffer).toEqual({ units: 0, percent: 56, dynamic: 0, applied: 56 });
    expect(b.published).toBe(44);
  });

  it("the explanation example: A 60, web reserves 10, amazon base 50, dynamic buffer 18.6 applied → 31", () => {
    const rules = [
      { id: "12", channel: "amazon", sku: "KNEE-BRACE-M-BLK", createdAt: 2, bufferUnits: 5 },
      { id: "3", channel: "amazon", createdAt: 1, bufferPercent: 10, dynamicK: "1.2" },
      { id: "7", channel: "web", createdAt: 1, reserveUnits: 10 },
    ];
    const resolve = (c: string) => resolveRuleFields(rules, c, "KNEE-BRACE-M-BLK", []);
    // velocity: max(31 units in 24 h, 70 / 7 = 10 per day) = 31/day; latency 720 min = 0.5 day
    // dynamic = 1.2 × 31 × 0.5 = 18.6
    const velocity = velocityRate({ units24h: 31, units7d: 70 });
    const out = computePublished(60, velocity, [
      { channel: "web", fields: resolve("web"), pausedBy: null, latencyDays: rat(0), latencySource: "none" },
      { channel: "amazon", fields: resolve("amazon"), pausedBy: null, latencyDays: rat(720, 1440), latencySource: "measured" },
    ]);
    expect(out[1]).toEqual({
      channel: "amazon",
      published: 31,
      availableReal: 60,
      reserves: { web: 10 },
      reservedForOthers: 10,
      base: 50,
      buffer: { units: 5, percent: 5, dynamic: 18.6, applied: 18.6 },
      floor: 0,
      minQty: 0,
      maxQty: null,
      pausedBy: null,
      latencyDays: 0.5,
      latencySource: "measured",
      sources: { bufferUnits: "12", bufferPercent: "3", dynamicK: "3" },
    });
    // web keeps its own reserve visible: nobody else reserves anything, so it shows all 60
    expect(out[0]).toMatchObject({ channel: "web", published: 60, base: 60, reserves: {}, reservedForOthers: 0, sources: { reserveUnits: "7" } });
  });
});

describe("computePublished: buffer terms", () => {
  it("applies the largest of units, percent of base and dynamic", () => {
    expect(one(100, { bufferUnits: 7, bufferPercent: 5 }).published).toBe(93);
    expect(one(100, { bufferUnits: 3, bufferPercent: 5 }).published).toBe(95);
    // dynamic: 2 × 10/day × 0.25 day = 5 → 95; 2.5 → 6.25 → ceil 7 → 93
    expect(one(100, { dynamicK: "2" }, rat(10), { latencyDays: rat(6, 24) }).published).toBe(95);
    expect(one(100, { dynamicK: "2.5", bufferUnits: 6 }, rat(10), { latencyDays: rat(6, 24) })).toMatchObject({
      buffer: { units: 6, percent: 0, dynamic: 6.25, applied: 6.25 },
      published: 93,
    });
  });

  it("a fractional buffer always withholds the whole unit (base − ⌈buffer⌉)", () => {
    expect(one(10, { bufferPercent: 1 }).published).toBe(9); // 0.1 unit → 1
    expect(one(7, { bufferPercent: 50 }).published).toBe(3); // 3.5 → 4
  });

  it("the dynamic term is exact too: k 1.1 × 50/day × 1 day withholds 55 units, not 56", () => {
    // in binary floats 1.1 × 50 = 55.00000000000001, whose ceiling is 56
    expect(one(100, { dynamicK: "1.1" }, rat(50), { latencyDays: rat(1) })).toMatchObject({ buffer: { dynamic: 55, applied: 55 }, published: 45 });
  });

  it("dynamicK 0 switches the dynamic term off however fast the SKU sells", () => {
    expect(one(100, { dynamicK: "0" }, rat(1000), { latencyDays: rat(5) }).published).toBe(100);
  });

  it("uses the 7-day rate when it is the higher one", () => {
    // 24 h: 2 units; 7 d: 140 units → 20/day; k 1 × 20 × 0.5 = 10
    expect(one(100, { dynamicK: "1" }, velocityRate({ units24h: 2, units7d: 140 }), { latencyDays: rat(1, 2) }).published).toBe(90);
  });

  it("a buffer larger than base gives 0, never negative", () => {
    expect(one(10, { bufferUnits: 25 }).published).toBe(0);
  });
});

describe("computePublished: reserves of other channels", () => {
  it("each channel's base is A minus the others' reserves; zero reserves are not listed", () => {
    const out = computePublished(100, rat(0), [channel("web", { reservePercent: 20 }), channel("amazon", { reserveUnits: 15 }), channel("meli")]);
    expect(out.map((b) => [b.channel, b.reserves, b.reservedForOthers, b.base, b.published])).toEqual([
      ["web", { amazon: 15 }, 15, 85, 85],
      ["amazon", { web: 20 }, 20, 80, 80],
      ["meli", { web: 20, amazon: 15 }, 35, 65, 65],
    ]);
  });

  it("reserves summing to more than A leave other channels a base of 0", () => {
    const out = computePublished(10, rat(0), [channel("web", { reservePercent: 60 }), channel("amazon", { reservePercent: 60 }), channel("meli")]);
    expect(out.map((b) => [b.channel, b.reservedForOthers, b.base, b.published])).toEqual([
      ["web", 6, 4, 4],
      ["amazon", 6, 4, 4],
      ["meli", 12, 0, 0],
    ]);
  });
});

describe("computePublished: pause, floor, bounds", () => {
  const pause = { id: "p1", reason: "listing suppressed", until: "2026-12-01T00:00:00.000Z" };

  it("a pause shows 0 but keeps the full breakdown", () => {
    const b = one(100, { bufferUnits: 10, maxQty: 50, sources: { bufferUnits: "r1", maxQty: "r1" } }, rat(0), { pausedBy: pause });
    expect(b).toMatchObject({
      published: 0,
      pausedBy: pause,
      availableReal: 100,
      base: 100,
      buffer: { units: 10, percent: 0, dynamic: 0, applied: 10 },
      maxQty: 50,
      sources: { bufferUnits: "r1", maxQty: "r1" },
    });
  });

  it("a pause wins over minQty", () => {
    expect(one(100, { minQty: 5 }, rat(0), { pausedBy: pause }).published).toBe(0);
  });

  it("a paused channel still keeps its reserve from the others", () => {
    const out = computePublished(100, rat(0), [channel("web", { reserveUnits: 30 }, { pausedBy: pause }), channel("amazon")]);
    expect(out[0].published).toBe(0);
    expect(out[1]).toMatchObject({ reservedForOthers: 30, base: 70, published: 70 });
  });

  it("A ≤ floor stops the channel (controlled stockout); above it the channel shows stock", () => {
    expect(one(5, { floor: 5 }).published).toBe(0);
    expect(one(3, { floor: 5 }).published).toBe(0);
    expect(one(6, { floor: 5 }).published).toBe(6);
    expect(one(0, {}).published).toBe(0);
    // floor compares against A, not base: another channel's reserve does not trigger it
    const out = computePublished(10, rat(0), [channel("web", { reserveUnits: 8 }), channel("amazon", { floor: 5 })]);
    expect(out[1]).toMatchObject({ base: 2, published: 2, floor: 5 });
  });

  it("a floor does not release the channel's reserve either", () => {
    const out = computePublished(10, rat(0), [channel("web", { reserveUnits: 4, floor: 20 }), channel("amazon")]);
    expect(out[0].published).toBe(0);
    expect(out[1]).toMatchObject({ reservedForOthers: 4, base: 6, published: 6 });
  });

  it("minQty lifts a small number, but never above base", () => {
    expect(one(50, { bufferUnits: 48, minQty: 10 }).published).toBe(10);
    expect(one(50, { bufferUnits: 45, minQty: 3 }).published).toBe(5);
    expect(one(8, { bufferUnits: 8, minQty: 10 }).published).toBe(8);
  });

  it("maxQty caps what the channel shows", () => {
    expect(one(100, { maxQty: 20 }).published).toBe(20);
    expect(one(100, { maxQty: 0 }).published).toBe(0);
    expect(one(15, { maxQty: 20 }).published).toBe(15);
    expect(one(100, { maxQty: 20, minQty: 30 }).published).toBe(20);
  });

  it("a negative available real is treated as 0", () => {
    expect(one(-4, { minQty: 3 })).toMatchObject({ availableReal: 0, base: 0, published: 0 });
  });
});

describe("computePublished: display values", () => {
  it("rounds buffer terms to 2 decimals and latency to 4, keeps the source label", () => {
    const b = one(100, { dynamicK: "1" }, rat(1, 3), { latencyDays: rat(1, 1440), latencySource: "configured" });
    expect(b.buffer.dynamic).toBe(0); // 0.00023 units
    expect(b.latencyDays).toBe(0.0007);
    expect(b.latencySource).toBe("configured");
    expect(b.published).toBe(99); // the exact tiny buffer still withholds one unit
  });

  it("returns one breakdown per channel in input order", () => {
    expect(computePublished(5, rat(0), [channel("b"), channel("a"), channel("c")]).map((x) => x.channel)).toEqual(["b", "a", "c"]);
    expect(computePublished(5, rat(0), [])).toEqual([]);
  });
});
