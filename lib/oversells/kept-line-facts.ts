import { createHash } from "node:crypto";
import type { ChainFacts, ChainLocation } from "./oversell-chain";

// When an oversold line's kept facts may be served instead of folding its SKU's ledger again
// (docs/OVERSELLS.md, "Kept facts"). Pure: the server reads the stamps and rows, this decides.

/** Bump when the chain's facts (oversell-chain.ts, chain-facts-for-lines.ts) or the channel numbers are computed differently. */
export const LINE_FACTS_VERSION = 1;

/** A line is kept only once its cancellation is this far behind the clock: anything received by its instants has long committed. */
export const LINE_FACTS_SETTLE_MS = 5 * 60_000;

/** A SKU's stamp (scorecard_sku_events): events drained, the latest occurredAt, the count of late arrivals. */
export interface SkuStamp {
  events: number;
  highWater: number;
  late: number;
}

/** How a line was placed, as the oversold-lines query reads it each time. */
export interface LinePlacing {
  placedAt: number;
  cancelledAt: number;
  /** The order.placed's (source, id), as one string; null: none in the ledger. */
  placedEvent: string | null;
  channelId: number | null;
}

export interface LineFacts extends ChainFacts {
  published: number | null;
  acknowledged: number | null;
}

export interface KeptLineFacts {
  config: string;
  stamp: SkuStamp;
  placing: Omit<LinePlacing, "cancelledAt">;
  facts: LineFacts;
}

/** What every line's facts depend on beside its SKU's ledger and the history's cut: the code, the locations' sellable flags and trusted sources, the history epoch. */
export function lineFactsConfig(locations: readonly ChainLocation[], epoch: string | null): string {
  const locs = [...locations].sort((a, b) => Number(a.id) - Number(b.id)).map((l) => [l.id, l.sellable, [...l.trusted].sort()]);
  return `v${LINE_FACTS_VERSION}:${epoch ?? "none"}:${createHash("sha1").update(JSON.stringify(locs)).digest("hex")}`;
}

/**
 * Whether the published history and acknowledgements at `placedAt` are as they were whenever kept
 * answers for it were computed: pruning changes "the number in force at t" only for t before the
 * history's `cut` (null: nothing pruned), which only grows (docs/OVERSELLS.md, "Kept facts"). An
 * answer at or after it is the same before and after every deletion that moved the cut; one before
 * it may have changed, so it is neither served nor kept. `placedAt` null (nothing read): clear.
 */
export const isClearOfCut = (placedAt: number | null, cut: number | null): boolean => placedAt === null || cut === null || placedAt >= cut;

/**
 * Kept facts are current iff computed under the same config, clear of the history's cut
 * (isClearOfCut, at the placing they were computed for), and the SKU's stamp says no event that
 * occurred by the cancellation arrived since: `late` unchanged (nothing arrived that occurred before
 * the high water then) and either nothing arrived or the high water was then already past the
 * cancellation (so whatever arrived occurred after it). Strictly past: an event at exactly the high
 * water bumps no `late` but is inside (placedAt, cancelledAt]. The placing needs no check of its own:
 * another order.placed of the line would be such an event (it occurred by the cancellation), so
 * while the stamp holds the line is placed as it was.
 */
export function isKeptCurrent(kept: KeptLineFacts, config: string, stamp: SkuStamp | undefined, cancelledAt: number, cut: number | null): boolean {
  if (stamp === undefined || kept.config !== config || !isClearOfCut(kept.placing.placedAt, cut)) return false;
  const then = kept.stamp;
  return then.late === stamp.late && (then.events === stamp.events || then.highWater > cancelledAt);
}

/** Facts may be kept once the line has settled, its SKU has a stamp to keep them under, and it was placed clear of the history's cut. */
export const isKeepable = (line: LinePlacing, stamp: SkuStamp | undefined, now: number, cut: number | null): stamp is SkuStamp =>
  stamp !== undefined && line.cancelledAt + LINE_FACTS_SETTLE_MS <= now && isClearOfCut(line.placedAt, cut);
