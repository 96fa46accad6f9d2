import "server-only";
import type pg from "pg";
import { effectiveLatency, latencyDays, type EffectiveLatency } from "@/lib/allocation/effective-latency";
import type { Rational } from "@/lib/allocation/rational";
import { computePublished, computePublishedNumbers, type ChannelInput, type ChannelTerms, type PublishedBreakdown } from "@/lib/allocation/compute-published";
import { indexPauses, type PauseIndex, type PauseInput } from "@/lib/allocation/pause-index";
import { indexRules, type ChannelRuleInput, type RuleIndex } from "@/lib/allocation/rule-fields";
import type { RuleRow } from "@/server/queries/get-rules";
import { getMeasuredLatencies, type MeasuredLatency } from "@/server/outbound/measured-latency";

export interface ChannelInfo {
  id: number;
  code: string;
  name: string;
  kind: string;
  latencyMinutes: number | null;
}

/** Everything besides stock that published numbers depend on: channels, rules and live pauses, indexed. */
export interface AllocationContext {
  channels: ChannelInfo[];
  rules: ChannelRuleInput[];
  pauses: PauseInput[];
  ruleIndex: RuleIndex;
  pauseIndex: PauseIndex;
  /** Each channel's latency, in `channels` order: as the buffer uses it (days) and as it is shown (effective). */
  latencies: { days: Rational; source: ChannelInput["latencySource"]; effective: EffectiveLatency }[];
}

export function buildAllocationContext(channels: ChannelInfo[], rules: ChannelRuleInput[], pauses: PauseInput[], measured: ReadonlyMap<number, MeasuredLatency> = new Map()): AllocationContext {
  return { channels, rules, pauses, ruleIndex: indexRules(rules), pauseIndex: indexPauses(pauses), latencies: channels.map((c) => latencyOf(c, measured.get(c.id))) };
}

/** Channels, rules and live pauses (a pause whose `until` has passed is over, whether or not it was ended). */
export async function loadAllocationContext(pool: pg.Pool | pg.PoolClient): Promise<AllocationContext> {
  const [channels, rules, pauses, measured] = await Promise.all([
    pool.query<{ id: number; code: string; name: string; kind: string; latency_minutes: number | null }>("SELECT id, code, name, kind, latency_minutes FROM channel ORDER BY code"),
    // The rule's fields as the Rules API reads them (get-rules.ts), without its audit columns.
    pool.query<Omit<RuleRow, "id" | "version" | "updated_at" | "updated_by"> & { id: number }>(
      `SELECT r.id, c.code AS channel, s.code AS sku, r.tag, r.created_at, r.buffer_units, r.buffer_percent, r.dynamic_k::text AS dynamic_k,
              r.reserve_units, r.reserve_percent, r.floor, r.min_qty, r.max_qty
         FROM channel_rule r JOIN channel c ON c.id = r.channel_id LEFT JOIN sku s ON s.id = r.sku_id`,
    ),
    pool.query<{ id: number; channel: string | null; sku: string | null; reason: string; until: Date | null; created_by: string }>(
      `SELECT p.id, c.code AS channel, s.code AS sku, p.reason, p.until, p.created_by
         FROM pause p LEFT JOIN channel c ON c.id = p.channel_id LEFT JOIN sku s ON s.id = p.sku_id
        WHERE p.ended_at IS NULL AND (p.until IS NULL OR p.until > now())`,
    ),
    getMeasuredLatencies(pool),
  ]);
  return buildAllocationContext(
    channels.rows.map((c) => ({ id: c.id, code: c.code, name: c.name, kind: c.kind, latencyMinutes: c.latency_minutes })),
    rules.rows.map((r) => ({
      id: String(r.id),
      channel: r.channel,
      sku: r.sku,
      tag: r.tag,
      createdAt: r.created_at.getTime(),
      bufferUnits: r.buffer_units,
      bufferPercent: r.buffer_percent,
      dynamicK: r.dynamic_k,
      reserveUnits: r.reserve_units,
      reservePercent: r.reserve_percent,
      floor: r.floor,
      minQty: r.min_qty,
      maxQty: r.max_qty,
    })),
    pauses.rows.map((p) => ({ id: String(p.id), channel: p.channel, sku: p.sku, reason: p.reason, until: p.until?.toISOString() ?? null, by: p.created_by })),
    measured,
  );
}

/** The p95 of acknowledged end-to-end lags over 24 h once there are enough, else the configured latency (docs/CHANNEL-RULES.md). */
function latencyOf(c: ChannelInfo, measured: MeasuredLatency | undefined): AllocationContext["latencies"][number] {
  const effective = effectiveLatency(c.latencyMinutes, measured);
  return { days: latencyDays(effective), source: effective.source, effective };
}

export type PublishedWithPause = Omit<PublishedBreakdown, "pausedBy"> & { pausedBy: { id: string; reason: string; until: string | null; by: string } | null };

/** Published numbers of every channel for one SKU: the one computation behind storage, rows, explain and preview. */
export function publishedFor(ctx: AllocationContext, sku: { code: string; tags: readonly string[] }, availableReal: number, velocity: Rational): PublishedWithPause[] {
  const pauses = new Map<string, PauseInput>();
  const inputs: ChannelInput[] = ctx.channels.map((c, i) => {
    const pause = ctx.pauseIndex.covering(c.code, sku.code);
    if (pause) pauses.set(c.code, pause);
    const latency = ctx.latencies[i];
    return {
      channel: c.code,
      fields: ctx.ruleIndex.resolve(c.code, sku.code, sku.tags),
      pausedBy: pause ? { id: pause.id, reason: pause.reason, until: pause.until } : null,
      latencyDays: latency.days,
      latencySource: latency.source,
    };
  });
  return computePublished(availableReal, velocity, inputs).map((b) => {
    const p = pauses.get(b.channel);
    return { ...b, pausedBy: p ? { id: p.id, reason: p.reason, until: p.until, by: p.by } : null };
  });
}

/** What storing the numbers needs per channel (in `ctx.channels` order): the number and the pause that zeroes it. */
export interface PublishedNumbers {
  published: number[];
  pauseIds: (number | null)[];
}

/**
 * publishedFor's numbers without the breakdown, for a full recompute of 100,000 SKUs: the same
 * rule resolution, pause lookup and terms (computePublishedNumbers shares them with computePublished).
 * Writes into `out` (reused across SKUs) and returns it.
 */
export function publishedNumbersFor(
  ctx: AllocationContext,
  sku: { code: string; tags: readonly string[] },
  availableReal: number,
  velocity: Rational,
  out: PublishedNumbers = { published: [], pauseIds: [] },
): PublishedNumbers {
  const n = ctx.channels.length;
  const terms: ChannelTerms[] = new Array(n);
  out.pauseIds.length = n;
  for (let i = 0; i < n; i++) {
    const code = ctx.channels[i].code;
    const pause = ctx.pauseIndex.covering(code, sku.code);
    out.pauseIds[i] = pause ? Number(pause.id) : null;
    terms[i] = { channel: code, fields: ctx.ruleIndex.resolve(code, sku.code, sku.tags), pausedBy: pause, latencyDays: ctx.latencies[i].days };
  }
  computePublishedNumbers(availableReal, velocity, terms, out.published);
  return out;
}
