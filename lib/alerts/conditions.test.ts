import { describe, expect, it } from "vitest";
import { heldLongEnough, lagBreach, lowCover, returnsSpike, signatureFailures, staleLocation, stockoutListed, varianceBreach } from "./conditions";

const cover = { availableReal: 10, units24h: 0, units7d: 0, incoming: 0, leadTimeDays: 14, safetyDays: 7 };
const returns = { multiplier: 3, minUnits: 5, windowSeconds: 86_400, baselineDays: 28 };

describe("for N seconds", () => {
  it("opens at exactly N seconds held, not a millisecond before", () => {
    expect(heldLongEnough(0, 59_999, 60)).toBe(false);
    expect(heldLongEnough(0, 60_000, 60)).toBe(true);
    expect(heldLongEnough(5, 5, 0)).toBe(true);
  });
});

describe("low cover and the reorder suggestion", () => {
  it("never alerts without sales (cover is ∞), however little stock", () => {
    expect(lowCover({ ...cover, availableReal: 0 })).toBeNull();
  });

  it("alerts below lead + safety days and suggests ⌈(lead + safety) × velocity − available − incoming⌉", () => {
    // 5/day over 24 h; 10 on hand = 2 days < 21; 21 × 5 − 10 − 0 = 95.
    expect(lowCover({ ...cover, units24h: 5 })).toEqual({ daysOfInventory: 2, velocity: 5, suggestedQuantity: 95 });
    // Incoming counts against the suggestion, not against the cover.
    expect(lowCover({ ...cover, units24h: 5, incoming: 40 })).toMatchObject({ daysOfInventory: 2, suggestedQuantity: 55 });
  });

  it("is exact at the boundary: cover equal to lead + safety is not low", () => {
    // 21 days × 5/day = 105 units: exactly 21 days of cover.
    expect(lowCover({ ...cover, availableReal: 105, units24h: 5 })).toBeNull();
    expect(lowCover({ ...cover, availableReal: 104, units24h: 5 })).toMatchObject({ suggestedQuantity: 1 });
  });

  it("uses the higher velocity, and rounds a 7-day rate up exactly", () => {
    // 10 units in 7 days = 10/7 a day; 21 × 10/7 = 30 exactly; 30 − 1 = 29 (a float would say 29.000000000000004 → 30).
    expect(lowCover({ ...cover, availableReal: 1, units7d: 10 })).toMatchObject({ suggestedQuantity: 29 });
    // 3 in 7 days is 3/7 a day, below the 24 h velocity of 1: 21 × 1 − 1 = 20.
    expect(lowCover({ ...cover, availableReal: 1, units7d: 3, units24h: 1 })).toMatchObject({ velocity: 1, suggestedQuantity: 20 });
    // 1 in 7 days: 21 × 1/7 = 3.
    expect(lowCover({ ...cover, availableReal: 0, units7d: 1 })).toMatchObject({ suggestedQuantity: 3 });
    // A fraction rounds up: lead 1, safety 0, 1/7 a day − 0 → ⌈1/7⌉ = 1.
    expect(lowCover({ ...cover, leadTimeDays: 1, safetyDays: 0, availableReal: 0, units7d: 1 })).toMatchObject({ suggestedQuantity: 1 });
  });

  it("suggests 0 when what is coming in already covers the horizon, and counts a stockout as low cover", () => {
    expect(lowCover({ ...cover, availableReal: 0, units24h: 5, incoming: 500 })).toMatchObject({ daysOfInventory: 0, suggestedQuantity: 0 });
  });

  it("ignores negative sums (more cancellations than orders, oversold locations)", () => {
    expect(lowCover({ ...cover, units24h: -3, units7d: -3 })).toBeNull();
    expect(lowCover({ ...cover, availableReal: -4, units24h: 1, incoming: -2 })).toMatchObject({ daysOfInventory: 0, suggestedQuantity: 21 });
  });
});

describe("returns spike", () => {
  it("needs at least minUnits, even for a SKU that never had returns", () => {
    expect(returnsSpike({ recentUnits: 4, baselineUnits: 0 }, returns)).toBe(false);
    expect(returnsSpike({ recentUnits: 5, baselineUnits: 0 }, returns)).toBe(true);
  });

  it("needs 3 × the daily rate of the 28 days before", () => {
    // 56 returns in 28 days = 2/day; 3 × 2 = 6.
    expect(returnsSpike({ recentUnits: 5, baselineUnits: 56 }, returns)).toBe(false);
    expect(returnsSpike({ recentUnits: 6, baselineUnits: 56 }, returns)).toBe(true);
    expect(returnsSpike({ recentUnits: 20, baselineUnits: 28 * 7 }, returns)).toBe(false);
    expect(returnsSpike({ recentUnits: 21, baselineUnits: 28 * 7 }, returns)).toBe(true);
  });

  it("scales the expected returns to a shorter window", () => {
    // 2/day; a 12 h window expects 1, × 3 = 3 → minUnits (5) decides.
    expect(returnsSpike({ recentUnits: 5, baselineUnits: 56 }, { ...returns, windowSeconds: 43_200 })).toBe(true);
  });
});

describe("variance", () => {
  const v = { minUnits: 5, minPercent: 10 };
  it("is ≥ max(5 units, 10 % of system), losses and gains alike", () => {
    expect(varianceBreach(40, 4, v)).toBe(false);
    expect(varianceBreach(40, 5, v)).toBe(true);
    expect(varianceBreach(40, -5, v)).toBe(true);
    expect(varianceBreach(100, 9, v)).toBe(false);
    expect(varianceBreach(100, 10, v)).toBe(true);
    expect(varianceBreach(0, -6, v)).toBe(true);
  });
  it("never alerts on a count that agrees", () => {
    expect(varianceBreach(10, 0, { minUnits: 0, minPercent: 0 })).toBe(false);
  });
});

describe("lag, stale locations, signatures, stockout while listed", () => {
  it("lag over SLA is strictly over; no traffic is no breach", () => {
    expect(lagBreach(60_000, 60)).toBe(false);
    expect(lagBreach(60_001, 60)).toBe(true);
    expect(lagBreach(null, 0)).toBe(false);
  });
  it("a location is stale after quietSeconds without an event or a count", () => {
    expect(staleLocation(0, 86_399_999, 86_400)).toBe(false);
    expect(staleLocation(0, 86_400_000, 86_400)).toBe(true);
  });
  it("refused signatures alert at the threshold", () => {
    expect(signatureFailures(4, { refusals: 5 })).toBe(false);
    expect(signatureFailures(5, { refusals: 5 })).toBe(true);
  });
  it("stockout while listed needs a positive acknowledged number", () => {
    expect(stockoutListed(0, 3)).toBe(true);
    expect(stockoutListed(0, 0)).toBe(false);
    expect(stockoutListed(0, null)).toBe(false);
    expect(stockoutListed(1, 3)).toBe(false);
    expect(stockoutListed(-2, 3)).toBe(true);
  });
});
