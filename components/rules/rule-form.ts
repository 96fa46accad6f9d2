// The rule editor's form: one text input per field (empty = inherit), checked like the API checks
// them: the route's own schema (lib/contracts/rules.ts) checks the draft, so the form refuses what the
// route would; and turned into request bodies.
import type { CreateRuleBody, Rule, RuleFieldsBody } from "@/client/api/types";
import { sentence } from "@/client/api/error-text";
import { RULE_FIELDS, type RuleField } from "@/lib/allocation/rule-fields";
import { minAboveMax, ruleFieldsSchema } from "@/lib/contracts/rules";

export { RULE_FIELDS, type RuleField };

type Kind = "units" | "percent" | "decimal";

export const FIELD_META: Record<RuleField, { label: string; kind: Kind; hint: string }> = {
  bufferUnits: { label: "Buffer units", kind: "units", hint: "Units withheld from this channel." },
  bufferPercent: { label: "Buffer %", kind: "percent", hint: "Share of the base withheld, 0–100." },
  dynamicK: { label: "Dynamic k", kind: "decimal", hint: "A multiplier, e.g. 1.5: withholds k × sales per day × the channel's latency." },
  reserveUnits: { label: "Reserve units", kind: "units", hint: "Kept for this channel alone; others stop seeing them." },
  reservePercent: { label: "Reserve %", kind: "percent", hint: "Share of available kept for this channel alone, 0–100." },
  floor: { label: "Floor", kind: "units", hint: "Shows 0 once available real is at or below this." },
  minQty: { label: "Min shown", kind: "units", hint: "Never shows less than this (floor and pauses still win)." },
  maxQty: { label: "Max shown", kind: "units", hint: "Never shows more than this; not set anywhere: no limit." },
};

/** The form groups, so related fields sit together. */
export const FIELD_GROUPS: { title: string; fields: RuleField[] }[] = [
  { title: "Buffer (withheld)", fields: ["bufferUnits", "bufferPercent", "dynamicK"] },
  { title: "Reserve (this channel only)", fields: ["reserveUnits", "reservePercent"] },
  { title: "Limits", fields: ["floor", "minQty", "maxQty"] },
];

export type Draft = Record<RuleField, string>;
export type FieldErrors = Partial<Record<RuleField, string>>;

export const EMPTY_DRAFT = Object.fromEntries(RULE_FIELDS.map((f) => [f, ""])) as Draft;

export const draftOf = (rule: Rule | null): Draft => (rule ? (Object.fromEntries(RULE_FIELDS.map((f) => [f, rule[f] === null ? "" : String(rule[f])])) as Draft) : EMPTY_DRAFT);

/** What the form says when the contract refuses a field, by kind and zod issue code. */
const SAY: Record<Kind, Partial<Record<string, string>>> = {
  units: { invalid_type: "A whole number ≥ 0.", too_small: "A whole number ≥ 0.", too_big: "At most 1,000,000,000." },
  percent: { invalid_type: "A whole number ≥ 0.", too_small: "A whole number ≥ 0.", too_big: "A whole percent from 0 to 100." },
  decimal: {},
};
const DECIMAL_SAY = "A number ≥ 0 with at most 4 decimals, e.g. 1.5.";

/** The draft as the route would read it: empty = null (inherit), k as its text, the rest as numbers (NaN when not one). */
const asBody = (d: Draft) => Object.fromEntries(RULE_FIELDS.map((f) => [f, d[f].trim() === "" ? null : f === "dynamicK" ? d[f].trim() : Number(d[f].trim())]));

/** Each field's problem under the route's own schema (lib/contracts/rules.ts); empty is always fine (inherit). */
export function validate(d: Draft): FieldErrors {
  const e: FieldErrors = {};
  const parsed = ruleFieldsSchema.safeParse(asBody(d));
  for (const issue of parsed.error?.issues ?? []) {
    const f = issue.path[0] as RuleField;
    const kind = FIELD_META[f].kind;
    e[f] ??= kind === "decimal" ? DECIMAL_SAY : (SAY[kind][issue.code] ?? sentence(issue.message));
  }
  if (parsed.success && minAboveMax(parsed.data)) e.minQty = "Min shown cannot be above max shown.";
  return e;
}

export const parseField = (raw: string): number | null => (raw.trim() === "" ? null : Number(raw.trim()));

/** dynamicK may come back as a decimal string; compare numbers, not spellings. */
const sameValue = (a: number | string | null | undefined, b: number | string | null | undefined) => (a == null || b == null ? (a ?? null) === (b ?? null) : Number(a) === Number(b));

/** Every field as the draft sets it (null: inherit). */
export const fieldsOf = (d: Draft): Required<RuleFieldsBody> => Object.fromEntries(RULE_FIELDS.map((f) => [f, parseField(d[f])])) as Required<RuleFieldsBody>;

/** Only the fields that are set: a new rule leaves the rest out (inherited). */
export const setFieldsOf = (d: Draft): RuleFieldsBody => Object.fromEntries(Object.entries(fieldsOf(d)).filter(([, v]) => v !== null));

/** The fields whose value differs from `rule`'s (null removes one): a PATCH body without its version. */
export function changedFields(rule: Rule, d: Draft): RuleFieldsBody {
  const all = fieldsOf(d);
  return Object.fromEntries(RULE_FIELDS.filter((f) => !sameValue(rule[f], all[f])).map((f) => [f, all[f]]));
}

/** Fields of `to` that differ from `from`, as a PATCH would set them (used by undo). */
export function diffRules(from: Rule, to: Rule): RuleFieldsBody {
  return Object.fromEntries(RULE_FIELDS.filter((f) => !sameValue(from[f], to[f] === null ? null : Number(to[f]))).map((f) => [f, to[f] === null ? null : Number(to[f])]));
}

/** A new rule's scope as the POST body wants it. */
export interface NewScope {
  channel: string;
  sku?: string;
  tag?: string;
}

export const createBody = (scope: NewScope, d: Draft): CreateRuleBody => ({ ...scope, ...setFieldsOf(d) });

/** A deleted rule posted again with its own fields (undo of a delete). */
export function recreateBody(rule: Rule): CreateRuleBody {
  const scope: NewScope = { channel: rule.channel };
  if (rule.sku) scope.sku = rule.sku;
  else if (rule.tag) scope.tag = rule.tag;
  const fields = Object.fromEntries(RULE_FIELDS.filter((f) => rule[f] !== null).map((f) => [f, Number(rule[f])]));
  return { ...scope, ...fields };
}
