import type { Rule, RuleScope } from "@/client/api/types";
import { formatInt } from "@/client/format/numbers";
import { FIELD_META, parseField, RULE_FIELDS, type Draft, type RuleField } from "./rule-form";

/** The form's label of a field ("Buffer units", "Buffer %"): the one name every rules view uses. */
export const fieldLabel = (f: RuleField) => FIELD_META[f].label;

/** A set value as the table shows it: 12, 10 %, ×1.5. */
export function formatField(f: RuleField, v: number | string): string {
  const kind = FIELD_META[f].kind;
  if (kind === "percent") return `${formatInt(Number(v))} %`;
  if (kind === "decimal") return `×${String(v)}`;
  return formatInt(Number(v));
}

/** What a field is when no rule on the channel sets it (docs/CHANNEL-RULES.md). */
export const fallbackText = (f: RuleField) => (f === "maxQty" ? "no limit" : "0");

export const SCOPE_TITLES: Record<RuleScope, string> = {
  channel: "Channel default",
  tag: "Tag rules",
  sku: "SKU overrides",
};

/** "the channel default", "the tag rule fragile", "the SKU override ABC-1", for sentences. */
export function scopePhrase(r: { scope?: RuleScope; sku: string | null; tag: string | null }): string {
  if (r.sku) return `the SKU override ${r.sku}`;
  if (r.tag) return `the tag rule “${r.tag}”`;
  return "the channel default";
}

export const scopeOf = (r: Pick<Rule, "sku" | "tag">): RuleScope => (r.sku ? "sku" : r.tag ? "tag" : "channel");

/** "channel default", "tag bestseller", "SKU override ABC-1": a rule as the Rules page names it. */
export function ruleName(r: { sku: string | null; tag: string | null }, withSku = true): string {
  if (r.sku) return withSku ? `SKU override ${r.sku}` : "SKU override";
  if (r.tag) return `tag ${r.tag}`;
  return "channel default";
}

/** One field of a rule change: set by a new rule, changed, set where it was not, or removed. */
export interface FieldChange {
  field: RuleField;
  kind: "set" | "changed" | "added" | "removed";
  /** Formatted values (formatField); null where the side has none. */
  before: string | null;
  after: string | null;
}

/** "Buffer units 1 → 5", "Buffer % 8 % → removed", "Dynamic k not set → ×1.5", "Max shown 20" (a new rule). */
export function fieldChangeText(c: FieldChange): string {
  const label = fieldLabel(c.field);
  if (c.kind === "set") return `${label} ${c.after}`;
  if (c.kind === "added") return `${label} not set → ${c.after}`;
  if (c.kind === "removed") return `${label} ${c.before} → removed`;
  return `${label} ${c.before} → ${c.after}`;
}

/** Where a rule someone saved first differs from the form: theirs and yours, by label. */
export function staleDifferences(current: Rule, draft: Draft): { field: RuleField; label: string; theirs: string; yours: string }[] {
  return RULE_FIELDS.filter((f) => (current[f] === null ? null : Number(current[f])) !== parseField(draft[f])).map((f) => ({
    field: f,
    label: fieldLabel(f),
    theirs: current[f] === null ? "inherited" : formatField(f, current[f]!),
    yours: draft[f].trim() ? formatField(f, draft[f].trim()) : "inherited",
  }));
}
