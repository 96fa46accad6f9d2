// Rule fields of docs/CHANNEL-RULES.md and how they resolve: each field on its own, from the most specific
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

/** What a field is when no rule sets it: no buffer, no reserve, no floor, no bounds. */
export const DEFAULT_RULE_FIELDS: Omit<ResolvedFields, "sources"> = {
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
  /** The fields for (channel, SKU). The result is frozen and may be shared between SKUs whose rules are the same. */
  resolve(channel: string, sku: string, tags: readonly string[]): ResolvedFields;
}

/** Each field from the first rule of `chain` (most specific first) that sets it. */
function resolveChain(chain: readonly ChannelRuleInput[]): ResolvedFields {
  const out: ResolvedFields = { ...DEFAULT_RULE_FIELDS, sources: {} };
  for (const field of RULE_FIELDS) {
    for (const r of chain) {
      const v = r[field];
      if (v === null || v === undefined) continue;
      (out as unknown as Record<string, unknown>)[field] = v;
      out.sources[field] = r.id;
      break;
    }
  }
  Object.freeze(out.sources);
  return Object.freeze(out);
}

const NO_RULES = resolveChain([]);
/** Distinct sets of matching tag rules remembered per channel (far more than real catalogues produce). */
const CACHE_LIMIT = 10_000;

export function indexRules(rules: readonly ChannelRuleInput[]): RuleIndex {
  type Channel = {
    channelDefault?: ChannelRuleInput;
    tagRules: ChannelRuleInput[];
    overrides: Map<string, ChannelRuleInput>;
    /** The fields of a SKU with no override and no matching tag rule: the channel default alone. */
    plain?: ResolvedFields;
    /** Fields by the ids of the matching tag rules, for SKUs without an override. */
    byTags: Map<string, ResolvedFields>;
  };
  const byChannel = new Map<string, Channel>();
  for (const r of rules) {
    let c = byChannel.get(r.channel);
    if (!c) byChannel.set(r.channel, (c = { tagRules: [], overrides: new Map(), byTags: new Map() }));
    if (r.sku) {
      if (!c.overrides.has(r.sku)) c.overrides.set(r.sku, r);
    } else if (r.tag) c.tagRules.push(r);
    else c.channelDefault ??= r;
  }
  for (const c of byChannel.values()) {
    c.tagRules.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    c.plain = resolveChain(c.channelDefault ? [c.channelDefault] : []);
  }
  // The fields depend only on the SKU's override and on which tag rules match, so SKUs without an
  // override share one result per set of matching tag rules (a full recompute resolves 100,000s).
  return {
    resolve(channel, sku, tags) {
      const c = byChannel.get(channel);
      if (!c) return NO_RULES;
      const override = c.overrides.get(sku);
      let matched: ChannelRuleInput[] | null = null;
      if (tags.length && c.tagRules.length) for (const r of c.tagRules) if (tags.includes(r.tag!)) (matched ??= []).push(r);
      const chain = (): ChannelRuleInput[] => [...(override ? [override] : []), ...(matched ?? []), ...(c.channelDefault ? [c.channelDefault] : [])];
      if (override) return resolveChain(chain());
      if (!matched) return c.plain!;
      const key = matched.map((r) => r.id).join(",");
      let out = c.byTags.get(key);
      if (!out) {
        if (c.byTags.size >= CACHE_LIMIT) c.byTags.clear();
        c.byTags.set(key, (out = resolveChain(chain())));
      }
      return out;
    },
  };
}

/** Resolve every field for (channel, SKU) from that channel's rules. */
export function resolveRuleFields(rules: readonly ChannelRuleInput[], channel: string, sku: string, tags: readonly string[]): ResolvedFields {
  return indexRules(rules).resolve(channel, sku, tags);
}
