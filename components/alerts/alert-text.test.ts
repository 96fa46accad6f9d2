import { describe, expect, it } from "vitest";
import { alertsBySku, matchesSearch, muteSubject, subjectParts, valueText, type AlertLike } from "./alert-text";

const lowCover: AlertLike = { kind: "low_cover", sku: "KNEE-M", value: { suggestedQuantity: 42, daysOfInventory: 3.25, leadTimeDays: 14, safetyDays: 7 } };
const variance: AlertLike = { kind: "variance", sku: "KNEE-M", location: "wh-1", value: { system: 20, counted: 12, variance: 8 } };

describe("alert text", () => {
  it("low cover leads with the suggested reorder quantity", () => {
    expect(valueText(lowCover)).toBe("Reorder 42 units · cover 3.3 days of 21 needed");
  });

  it("says each kind's numbers in words", () => {
    expect(valueText(variance)).toBe("Counted 12 of 20 (variance +8)");
    expect(valueText({ kind: "stockout_listed", sku: "A", channel: "shopify", value: { availableReal: 0, acknowledged: 5 } })).toBe("Available 0; the channel still shows 5");
    expect(valueText({ kind: "lag_sla", channel: "amazon", value: { lag: "end_to_end", p95Ms: 420_000, slaSeconds: 300 } })).toBe("End-to-end lag p95 7 min over SLA 5 min");
    expect(valueText({ kind: "stale_location", location: "wh-2", value: { lastActivityAt: null } })).toBe("No event or count ever");
    expect(valueText({ kind: "unmapped", listing: { channel: "shopify", externalId: "99" }, value: {} })).toBe("0 events waiting for a mapping");
    expect(valueText({ kind: "unmapped", listing: { channel: "shopify", externalId: "99" }, value: { events: 1 } })).toBe("1 event waiting for a mapping");
  });

  it("names the subject parts in order, each linking to its page", () => {
    expect(subjectParts(variance)).toEqual([
      { label: "SKU", code: "KNEE-M", href: "/skus/KNEE-M" },
      { label: "Location", code: "wh-1", href: "/counts/coverage?location=wh-1" },
    ]);
    expect(subjectParts({ kind: "unmapped", listing: { channel: "shopify", externalId: "99" }, value: {} })[0].code).toBe("shopify · 99");
  });

  it("search matches every word across subject, kind and value", () => {
    expect(matchesSearch(variance, "knee wh-1")).toBe(true);
    expect(matchesSearch(variance, "count variance")).toBe(true);
    expect(matchesSearch(variance, "knee wh-2")).toBe(false);
    expect(matchesSearch(lowCover, "")).toBe(true);
  });

  it("a mute names exactly the kind's subject fields", () => {
    expect(muteSubject(variance)).toEqual({ kind: "variance", sku: "KNEE-M", location: "wh-1" });
  });
});

describe("alertsBySku", () => {
  it("counts each SKU's open alerts that are not muted, naming their kinds once", () => {
    const open = { state: "open" as const, muted: false };
    const m = alertsBySku([
      { ...lowCover, ...open },
      { ...variance, ...open },
      { ...variance, location: "wh-2", ...open },
      { ...lowCover, sku: "MUTED-1", state: "open" as const, muted: true },
      { ...lowCover, sku: "GONE-1", state: "resolved" as const, muted: false },
      { kind: "unmapped", listing: { channel: "shopify", externalId: "9" }, value: {}, ...open },
    ]);
    expect([...m.keys()]).toEqual(["KNEE-M"]);
    expect(m.get("KNEE-M")).toEqual({ count: 3, title: "Low cover: reorder, Count variance" });
  });
});
