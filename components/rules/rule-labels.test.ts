import { describe, expect, it } from "vitest";
import type { Rule } from "@/client/api/types";
import { ruleChanges } from "./rule-history";
import { fieldChangeText, fieldLabel, ruleName, staleDifferences } from "./rule-labels";
import { EMPTY_DRAFT, type RuleField } from "./rule-form";

const texts = (action: string, before: unknown, after: unknown) => ruleChanges(action, before, after).map(fieldChangeText);

describe("rule field labels", () => {
  it.each<[RuleField, string]>([
    ["bufferUnits", "Buffer units"],
    ["bufferPercent", "Buffer %"],
    ["maxQty", "Max shown"],
  ])("%s reads as the editor's label %j, not its code", (field, label) => {
    expect(fieldLabel(field)).toBe(label);
  });

  it("an edit reads label, before → after; a cleared field says removed, a new one says it was not set", () => {
    expect(texts("rule.updated", { bufferUnits: 1 }, { bufferUnits: 5 })).toEqual(["Buffer units 1 → 5"]);
    expect(texts("rule.updated", { bufferPercent: 8 }, { bufferPercent: null })).toEqual(["Buffer % 8 % → removed"]);
    expect(texts("rule.updated", { dynamicK: null }, { dynamicK: "1.5" })).toEqual(["Dynamic k not set → ×1.5"]);
  });

  it("a creation lists what it set; a deletion shows each field it set as removed", () => {
    expect(texts("rule.created", null, { bufferUnits: 5, bufferPercent: null, maxQty: 20 })).toEqual(["Buffer units 5", "Max shown 20"]);
    expect(texts("rule.deleted", { bufferPercent: 8, floor: null }, null)).toEqual(["Buffer % 8 % → removed"]);
  });

  it("ignores what is not a rule field (version, timestamps)", () => {
    expect(texts("rule.updated", { version: 1, bufferUnits: 2 }, { version: 2, bufferUnits: 3 })).toEqual(["Buffer units 2 → 3"]);
  });

  it("the stale-save notice names fields by label, theirs against yours", () => {
    const current = { bufferUnits: 6, bufferPercent: null, dynamicK: null, reserveUnits: null, reservePercent: null, floor: null, minQty: null, maxQty: null } as unknown as Rule;
    expect(staleDifferences(current, { ...EMPTY_DRAFT, bufferUnits: "7", floor: "2" })).toEqual([
      { field: "bufferUnits", label: "Buffer units", theirs: "6", yours: "7" },
      { field: "floor", label: "Floor", theirs: "inherited", yours: "2" },
    ]);
  });

  it("names a rule as the Rules page does", () => {
    expect(ruleName({ sku: null, tag: null })).toBe("channel default");
    expect(ruleName({ sku: null, tag: "bestseller" })).toBe("tag bestseller");
    expect(ruleName({ sku: "KNEE-1", tag: null })).toBe("SKU override KNEE-1");
  });
});
