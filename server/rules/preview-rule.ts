import "server-only";
import { requireCatalogId } from "@/server/catalog/find-catalog-id";
import type pg from "pg";
import type { ChannelRuleInput } from "@/lib/allocation/rule-fields";
import { velocityRate } from "@/lib/metrics/velocity";
import { AdminError } from "@/server/http/admin-error";
import { allSkuIds } from "@/server/publishing/publish-skus";
import { loadPublishInputsSorted } from "@/server/publishing/load-publish-inputs";
import { buildAllocationContext, loadAllocationContext, publishedNumbersFor, type PublishedNumbers } from "@/server/queries/load-allocation-context";
import { RULE_FIELD_NAMES, type PreviewRuleInput, type RuleFieldsInput } from "@/lib/contracts/rules";

const LIST_CAP = 2000;
const CHUNK = 5000;

export interface RulePreview {
  channel: string;
  skus: { code: string; channel: string; before: number; after: number }[];
  changed: number;
  truncated: boolean;
  withheldBefore: number;
  withheldAfter: number;
}

const toInput = (f: RuleFieldsInput): Partial<ChannelRuleInput> => Object.fromEntries(RULE_FIELD_NAMES.filter((k) => f[k] !== undefined).map((k) => [k, f[k]]));

/**
 * What a rule change would do, without saving it (docs/CHANNEL-RULES.md): every (SKU, channel) whose number
 * changes — other channels too when a reserve moves — and the units withheld on the rule's channel
 * before and after. The same function as the stored numbers, on the rules as they would be.
 */
export async function previewRule(pool: pg.Pool, input: PreviewRuleInput): Promise<RulePreview> {
  const ctx = await loadAllocationContext(pool);
  let rules: ChannelRuleInput[];
  let candidate: ChannelRuleInput | null;
  if ("id" in input) {
    const current = ctx.rules.find((r) => r.id === input.id);
    if (!current) throw new AdminError(404, "not_found", `no rule ${input.id}`);
    candidate = "delete" in input ? null : { ...current, ...toInput(input) };
    rules = ctx.rules.filter((r) => r.id !== input.id).concat(candidate ? [candidate] : []);
    candidate ??= current;
  } else {
    if (!ctx.channels.some((c) => c.code === input.channel)) throw new AdminError(400, "unknown_channel", `no channel "${input.channel}"`, "channel");
    const same = ctx.rules.find((r) => r.channel === input.channel && (r.sku ?? null) === (input.sku ?? null) && (r.tag ?? null) === (input.tag ?? null));
    if (same) throw new AdminError(409, "rule_exists", "this scope already has a rule: preview a change to it instead", undefined, { id: same.id });
    candidate = { id: "new", channel: input.channel, sku: input.sku ?? null, tag: input.tag ?? null, createdAt: Date.now(), ...toInput(input) };
    rules = [...ctx.rules, candidate];
  }
  if (candidate.minQty != null && candidate.maxQty != null && candidate.minQty > candidate.maxQty) {
    throw new AdminError(400, "invalid_field", `minQty: ${candidate.minQty} is above maxQty ${candidate.maxQty}`, "minQty");
  }
  const nextCtx = { ...buildAllocationContext(ctx.channels, rules, ctx.pauses), latencies: ctx.latencies };

  // Only the SKUs the rule's scope reaches can change.
  let ids: number[];
  if (candidate.sku) {
    ids = [await requireCatalogId(pool, "sku", candidate.sku)];
  } else if (candidate.tag) {
    ids = (await pool.query<{ id: number }>("SELECT id FROM sku WHERE $1 = ANY(tags) ORDER BY id", [candidate.tag])).rows.map((r) => r.id);
    if (!ids.length) throw new AdminError(400, "unknown_tag", `no SKU carries the tag "${candidate.tag}"`, "tag");
  } else ids = await allSkuIds(pool);

  const out: RulePreview = { channel: candidate.channel, skus: [], changed: 0, truncated: false, withheldBefore: 0, withheldAfter: 0 };
  // The numbers only (publishedNumbersFor: the stored numbers' computation), in chunks whose reads
  // overlap the computing of the one before.
  ids = [...new Set(ids)].sort((a, b) => a - b);
  const codes = ctx.channels.map((c) => c.code);
  const target = codes.indexOf(candidate.channel);
  const before: PublishedNumbers = { published: [], pauseIds: [] };
  const after: PublishedNumbers = { published: [], pauseIds: [] };
  const read = (i: number) => {
    const p = loadPublishInputsSorted(pool, ids.slice(i, i + CHUNK));
    p.catch(() => {}); // awaited below; never unhandled
    return p;
  };
  let next = read(0);
  try {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const inputs = (await next).sort((a, b) => a.id - b.id); // listed in SKU id order
      if (i + CHUNK < ids.length) next = read(i + CHUNK);
      for (const s of inputs) {
        const v = velocityRate({ units24h: s.units24h, units7d: s.units7d });
        publishedNumbersFor(ctx, s, s.availableReal, v, before);
        publishedNumbersFor(nextCtx, s, s.availableReal, v, after);
        const A = Math.max(0, s.availableReal);
        if (target >= 0) {
          out.withheldBefore += A - before.published[target];
          out.withheldAfter += A - after.published[target];
        }
        for (let c = 0; c < codes.length; c++) {
          const b = before.published[c],
            a = after.published[c];
          if (b === a) continue;
          out.changed++;
          if (out.skus.length < LIST_CAP) out.skus.push({ code: s.code, channel: codes[c], before: b, after: a });
          else out.truncated = true;
        }
      }
    }
  } finally {
    await next.catch(() => {});
  }
  return out;
}
