import "server-only";
import { findCatalogId } from "@/server/catalog/find-catalog-id";
import type pg from "pg";
import { velocityRate } from "@/lib/metrics/velocity";
import { loadPublishInputs } from "@/server/publishing/load-publish-inputs";
import type { EffectiveLatency } from "@/lib/allocation/effective-latency";
import { loadAllocationContext, publishedFor, type AllocationContext, type PublishedWithPause } from "./load-allocation-context";

/** A rule a breakdown cites, so it can be named as the Rules page names it ("tag bestseller"). */
export interface CitedRule {
  id: string;
  channel: string;
  scope: "channel" | "tag" | "sku";
  tag: string | null;
  sku: string | null;
}

export type ExplainedChannel = PublishedWithPause & {
  /** The latency the dynamic term used, for people: milliseconds and where it comes from. */
  latency: EffectiveLatency;
  /** Every rule its `sources` (and the other channels' reserves) name. */
  rules: CitedRule[];
};

/** The rules behind each channel's `sources`, by id; a reserve cites the other channel's rule. */
function citedRules(ctx: AllocationContext, ids: Iterable<string>): CitedRule[] {
  const wanted = new Set(ids);
  return ctx.rules.filter((r) => wanted.has(r.id)).map((r) => ({ id: r.id, channel: r.channel, scope: r.sku ? "sku" : r.tag ? "tag" : "channel", tag: r.tag ?? null, sku: r.sku ?? null }));
}

/** GET /api/skus/<code>/published: every channel's number with its whole breakdown (docs/CHANNEL-RULES.md), or null for an unknown SKU. */
export async function getPublishedExplanation(pool: pg.Pool, code: string): Promise<{ sku: string; channels: ExplainedChannel[] } | null> {
  const id = await findCatalogId(pool, "sku", code);
  if (id === null) return null;
  const [[s], ctx] = await Promise.all([loadPublishInputs(pool, [id]), loadAllocationContext(pool)]);
  const channels = publishedFor(ctx, s, s.availableReal, velocityRate({ units24h: s.units24h, units7d: s.units7d }));
  const cited = citedRules(
    ctx,
    channels.flatMap((c) => Object.values(c.sources)),
  );
  return {
    sku: code,
    channels: channels.map((c) => {
      const i = ctx.channels.findIndex((x) => x.code === c.channel);
      const mine = new Set<string>(Object.values(c.sources));
      // The other channels' reserve rules are cited on this channel's lines too.
      const reserves = channels.filter((o) => o.channel !== c.channel && c.reserves[o.channel] > 0).flatMap((o) => [o.sources.reserveUnits, o.sources.reservePercent]);
      for (const r of reserves) if (r !== undefined) mine.add(r);
      return { ...c, latency: ctx.latencies[i].effective, rules: cited.filter((r) => mine.has(r.id)) };
    }),
  };
}
