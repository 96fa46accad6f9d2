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

/** Rules indexed by channel and scope, so resolving 100,000 SKUs does not scan every rule each time. */
export interface RuleIndex {
  resolve(channel: string, sku: string, tags: readonly string[]): ResolvedFields;
}

export function indexRules(rules: readonly ChannelRuleInput[]): RuleIndex {
  const byChannel = new Map<string, { channelDefault?: ChannelRuleInput; tagRules: ChannelRuleInput[]; overrides: Map<string, ChannelRuleInput> }>();
  for (const r of rules) {
    let c = byChannel.get(r.channel);
    if (!c) byChannel.set(r.channel, (c = { tagRules: [], overrides: new Map() }));
    if (r.sku) { if (!c.overrides.has(r.sku)) c.overrides.set(r.sku, r); }
    else if (r.tag) c.tagRules.push(r);
    else c.channelDefault ??= r;
  }
  for (const c of byChannel.values()) c.tagRules.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  return {
    resolve(channel, sku, tags) {
      const out: ResolvedFields = { ...DEFAULTS, sources: {} };
      const c = byChannel.get(channel);
      if (!c) return out;
      const chain: ChannelRuleInput[] = [];
      const override = c.overrides.get(sku);
      if (override) chain.push(override);
      if (tags.length) for (const r of c.tagRules) if (tags.includes(r.tag!)) chain.push(r);
      if (c.channelDefault) chain.push(c.channelDefault);
      for (const field of RULE_FIELDS) {
        const from = chain.find((r) => r[field] !== null && r[field] !== undefined);
        if (!from) continue;
        (out as unknown as Record<string, unknown>)[field] = from[field];
        out.sources[field] = from.id;
      }
      return out;
    },
  };
}

/** Resolve every field for (channel, SKU) from that channel's rules. */
export function resolveRuleFields(rules: readonly ChannelRuleInput[], channel: string, sku: string, tags: readonly string[]): ResolvedFields {
  return indexRules(rules).resolve(channel, sku, tags);
}
