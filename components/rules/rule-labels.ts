import type { Rule, RuleScope } from "@/components/api/types";
import { formatInt } from "@/components/format/numbers";
import { FIELD_META, type RuleField } from "./rule-form";

/** A set value as the table shows it: 12, 10 %, ×1.5. */
export function formatField(f: RuleField, v: number | string): string {
  const kind = FIELD_META[f].kind;
  if (kind === "percent") return `${formatInt(Number(v))} %`;
  if (kind === "decimal") return `×${String(v)}`;
  return formatInt(Number(v));
}

/** What a field is when no rule on the channel sets it (DESIGN §5). */
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
