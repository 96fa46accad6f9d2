// Rule fields of DESIGN §5 and how they resolve: each field on its own, from the most specific
// rule that sets it (SKU override > earliest-created matching tag rule > channel default).

export const RULE_FIELDS = ["bufferUnits", "bufferPercent", "dynamicK", "reserveUnits", "reservePercent", "floor", "minQty", "maxQty"] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

export interface RuleFieldValues {
  bufferUnits?: number | null;
  bufferPercent?: number | null;
  /** Decimal string, e.g. "1.5" (never a float). */
  dynamicK?: string | null;
  reserveUnits?: number | null;
  reservePercent?: number | null;
  floor?: number | null;
  minQty?: number | null;
  maxQty?: number | null;
}

export interface ChannelRuleInput extends RuleFieldValues {
  id: string;
  channel: string;
  sku?: string | null;
  tag?: string | null;
  createdAt: number;
}

export interface ResolvedFields {
  bufferUnits: number;
  bufferPercent: number;
  dynamicK: string;
  reserveUnits: number;
  reservePercent: number;
  floor: number;
  minQty: number;
  maxQty: number | null;
  /** The rule id each field came from, for fields a rule set. */
  sources: Partial<Record<RuleField, string>>;
}

const DEFAULTS: Omit<ResolvedFields, "sources"> = {
  bufferUnits: 0,
  bufferPercent: 0,
  dynamicK: "0",
  reserveUnits: 0,
  reservePercent: 0,
  floor: 0,
  minQty: 0,
  maxQty: null,
};

/** Resolve every field for (channel, SKU) from that channel's rules. */
export function resolveRuleFields(rules: readonly ChannelRuleInput[], channel: string, sku: string, tags: readonly string[]): ResolvedFields {
  const mine = rules.filter((r) => r.channel === channel);
  const override = mine.find((r) => r.sku === sku);
  const tagRules = mine
    .filter((r) => !r.sku && r.tag && tags.includes(r.tag))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const channelDefault = mine.find((r) => !r.sku && !r.tag);
  const chain = [override, ...tagRules, channelDefault].filter((r): r is ChannelRuleInput => Boolean(r));

  const out: ResolvedFields = { ...DEFAULTS, sources: {} };
  for (const field of RULE_FIELDS) {
    const from = chain.find((r) => r[field] !== null && r[field] !== undefined);
    if (!from) continue;
    (out as unknown as Record<string, unknown>)[field] = from[field];
    out.sources[field] = from.id;
  }
  return out;
}
