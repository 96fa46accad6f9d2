import { z } from "zod";
import { rowIdField } from "./row-id";

// What the rules routes accept (docs/CHANNEL-RULES.md, docs/API.md). Percents are integers 0–100, units whole and
// non-negative, dynamicK a decimal ≥ 0 with at most 4 places (kept as text: never a binary float).
const units = z.number().int("must be a whole number of units").min(0, "cannot be negative").max(1_000_000_000);
const percent = z.number().int("must be a whole percent").min(0, "must be between 0 and 100").max(100, "must be between 0 and 100");
const decimal = z
  .union([z.number(), z.string()])
  .transform((v) => (typeof v === "number" ? String(v) : v.trim()))
  .refine((v) => /^\d{1,6}(\.\d{1,4})?$/.test(v), "must be a decimal ≥ 0 with at most 4 decimal places (e.g. 1.5)");

/** Each field: a value, or null to leave it to a less specific rule (inherit). */
export const ruleFieldsShape = {
  bufferUnits: units.nullable().optional(),
  bufferPercent: percent.nullable().optional(),
  dynamicK: decimal.nullable().optional(),
  reserveUnits: units.nullable().optional(),
  reservePercent: percent.nullable().optional(),
  floor: units.nullable().optional(),
  minQty: units.nullable().optional(),
  maxQty: units.nullable().optional(),
};
const fieldsObject = z.object(ruleFieldsShape);
export type RuleFieldsInput = z.infer<typeof fieldsObject>;

const code = z.string().trim().min(1).max(100);

export const createRuleSchema = z
  .object({ channel: code, sku: code.optional(), tag: code.optional(), ...ruleFieldsShape })
  .strict()
  .refine((r) => !(r.sku && r.tag), { message: "a rule is for a SKU or for a tag, not both", path: ["tag"] });
export type CreateRuleInput = z.infer<typeof createRuleSchema>;

export const updateRuleSchema = z.object({ version: z.number().int().min(1), ...ruleFieldsShape }).strict();
export type UpdateRuleInput = z.infer<typeof updateRuleSchema>;

/** A candidate for the preview: a new rule, an edit (`id` + fields, as PATCH would leave it), or a deletion. */
export const previewRuleSchema = z.union([z.object({ id: rowIdField(), delete: z.literal(true) }).strict(), z.object({ id: rowIdField(), ...ruleFieldsShape }).strict(), createRuleSchema]);
export type PreviewRuleInput = z.infer<typeof previewRuleSchema>;

/**
 * Within one rule, min shown ≤ max shown when both are set. The route checks it on the rule as it
 * would be saved (a PATCH merged with the stored fields); the editor on its draft.
 */
export const minAboveMax = (fields: { minQty?: number | null; maxQty?: number | null }): boolean => fields.minQty != null && fields.maxQty != null && fields.minQty > fields.maxQty;

/** The fields alone, as the editor checks its draft. */
export const ruleFieldsSchema = fieldsObject;

export const RULE_FIELD_NAMES = Object.keys(ruleFieldsShape) as (keyof RuleFieldsInput)[];
