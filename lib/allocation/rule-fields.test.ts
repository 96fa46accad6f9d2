import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { indexRules, RULE_FIELDS, resolveRuleFields, type ChannelRuleInput, type RuleField } from "./rule-fields";

const rule = (id: string, fields: Partial<ChannelRuleInput>): ChannelRuleInput => ({ id, channel: "amazon", createdAt: 0, ...fields });

describe("resolveRuleFields", () => {
  it("no rules: zero / unbounded defaults and no sources", () => {
    const none = { bufferUnits: 0, bufferPercent: 0, dynamicK: "0", reserveUnits: 0, reservePercent: 0, floor: 0, minQty: 0, maxQty: null, sources: {} };
    expect(resolveRuleFields([], "amazon", "SKU-1", [])).toEqual(none);
  });

  it("SKU override > tag rule > channel default, field by field", () => {
    const rules = [
      rule("def", { bufferUnits: 1, bufferPercent: 2, floor: 3, maxQty: 100 }),
      rule("tag", { tag: "promo", bufferUnits: 10, bufferPercent: 20, createdAt: 5 }),
      rule("sku", { sku: "SKU-1", bufferUnits: 100 }),
    ];
    const r = resolveRuleFields(rules, "amazon", "SKU-1", ["promo"]);
    expect([r.bufferUnits, r.bufferPercent, r.floor, r.maxQty, r.minQty]).toEqual([100, 20, 3, 100, 0]);
    expect(r.sources).toEqual({ bufferUnits: "sku", bufferPercent: "tag", floor: "def", maxQty: "def" });
  });

  it("several matching tags: the rule created first wins, but only for the fields it sets", () => {
    const rules = [
      rule("late", { tag: "b", createdAt: 200, bufferUnits: 7, reservePercent: 15 }),
      rule("early", { tag: "a", createdAt: 100, bufferUnits: 3, reservePercent: null }),
      rule("other", { tag: "c", createdAt: 50, bufferUnits: 99 }), // tag not on this SKU
    ];
    const r = resolveRuleFields(rules, "amazon", "SKU-1", ["a", "b"]);
    expect(r.bufferUnits).toBe(3);
    expect(r.reservePercent).toBe(15); // "early" leaves it out (null): it must not hide "late"'s value
    expect(r.sources).toEqual({ bufferUnits: "early", reservePercent: "late" });
  });

  it("a field left out (undefined or null) by the override never hides the tag rule or the default", () => {
    const rules = [rule("def", { minQty: 2, dynamicK: "1.5" }), rule("sku", { sku: "SKU-1", minQty: null, bufferPercent: 10 })];
    const r = resolveRuleFields(rules, "amazon", "SKU-1", []);
    expect([r.minQty, r.dynamicK, r.bufferPercent]).toEqual([2, "1.5", 10]);
    expect(r.sources).toEqual({ minQty: "def", dynamicK: "def", bufferPercent: "sku" });
  });

  it("a value of 0 set by a rule counts as set (and hides less specific rules)", () => {
    const rules = [rule("def", { bufferUnits: 5, maxQty: 20 }), rule("sku", { sku: "SKU-1", bufferUnits: 0 })];
    const r = resolveRuleFields(rules, "amazon", "SKU-1", []);
    expect(r.bufferUnits).toBe(0);
    expect(r.sources.bufferUnits).toBe("sku");
  });

  it("ignores other channels' rules and other SKUs' overrides", () => {
    const rules = [rule("web", { channel: "web", bufferUnits: 50 }), rule("sku2", { sku: "SKU-2", bufferUnits: 60 }), rule("def", { bufferUnits: 4 })];
    const r = resolveRuleFields(rules, "amazon", "SKU-1", []);
    expect(r.bufferUnits).toBe(4);
    expect(r.sources).toEqual({ bufferUnits: "def" });
  });

  it("matches the per-field precedence oracle for random rule sets (property)", () => {
    const NUMERIC: RuleField[] = RULE_FIELDS.filter((f) => f !== "dynamicK");
    const arbFields = fc.record(
      {
        ...Object.fromEntries(NUMERIC.map((f) => [f, fc.option(fc.integer({ min: 0, max: 100 }), { nil: null })])),
        dynamicK: fc.option(fc.constantFrom("0", "0.5", "1.25", "2"), { nil: null }),
      } as Record<RuleField, fc.Arbitrary<number | string | null>>,
      { requiredKeys: [] },
    );
    const arbRule = fc.record({
      channel: fc.constantFrom("amazon", "web"),
      scope: fc.oneof(fc.constant({}), fc.record({ tag: fc.constantFrom("a", "b", "c") }), fc.record({ sku: fc.constantFrom("SKU-1", "SKU-2") })),
      createdAt: fc.integer({ min: 0, max: 1000 }),
      fields: arbFields,
    });
    fc.assert(
      fc.property(fc.array(arbRule, { maxLength: 10 }), fc.subarray(["a", "b", "c"]), (specs, tags) => {
        // one rule per scope (docs/CHANNEL-RULES.md): keep the first of each (channel, scope)
        const seen = new Set<string>();
        const rules: ChannelRuleInput[] = [];
        specs.forEach((s, i) => {
          const key = `${s.channel}|${JSON.stringify(s.scope)}`;
          if (seen.has(key)) return;
          seen.add(key);
          rules.push({ id: `r${i}`, channel: s.channel, createdAt: s.createdAt, ...s.scope, ...(s.fields as Partial<ChannelRuleInput>) });
        });
        const r = resolveRuleFields(rules, "amazon", "SKU-1", tags);
        for (const field of RULE_FIELDS) {
          const sets = (x: ChannelRuleInput) => x.channel === "amazon" && x[field] !== null && x[field] !== undefined;
          const override = rules.find((x) => sets(x) && x.sku === "SKU-1");
          const tagRule = rules
            .filter((x) => sets(x) && !x.sku && x.tag && tags.includes(x.tag))
            .reduce<ChannelRuleInput | undefined>((best, x) => (!best || x.createdAt < best.createdAt || (x.createdAt === best.createdAt && x.id < best.id) ? x : best), undefined);
          const def = rules.find((x) => sets(x) && !x.sku && !x.tag);
          const from = override ?? tagRule ?? def;
          const fallback = field === "maxQty" ? null : field === "dynamicK" ? "0" : 0;
          expect(r[field], field).toBe(from ? from[field] : fallback);
          expect(r.sources[field], field).toBe(from?.id);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("one index answers many SKUs exactly as a fresh resolution each (results shared between SKUs, property)", () => {
    const arbRule = fc.record({
      channel: fc.constantFrom("amazon", "web"),
      scope: fc.oneof(fc.constant({}), fc.record({ tag: fc.constantFrom("a", "b", "c") }), fc.record({ sku: fc.constantFrom("SKU-1", "SKU-2") })),
      createdAt: fc.integer({ min: 0, max: 1000 }),
      bufferUnits: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      maxQty: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      dynamicK: fc.option(fc.constantFrom("0", "1.5"), { nil: null }),
    });
    const arbQuery = fc.record({ channel: fc.constantFrom("amazon", "web", "pos"), sku: fc.constantFrom("SKU-1", "SKU-2", "SKU-3"), tags: fc.subarray(["a", "b", "c", "d"]) });
    fc.assert(
      fc.property(fc.array(arbRule, { maxLength: 10 }), fc.array(arbQuery, { minLength: 1, maxLength: 30 }), (specs, queries) => {
        const seen = new Set<string>();
        const rules: ChannelRuleInput[] = [];
        specs.forEach(({ scope, ...s }, i) => {
          const key = `${s.channel}|${JSON.stringify(scope)}`;
          if (seen.has(key)) return;
          seen.add(key);
          rules.push({ id: `r${i}`, ...s, ...scope });
        });
        const index = indexRules(rules);
        for (const q of queries) {
          const got = index.resolve(q.channel, q.sku, q.tags);
          expect(got).toEqual(resolveRuleFields(rules, q.channel, q.sku, q.tags));
          expect(Object.isFrozen(got) && Object.isFrozen(got.sources)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
