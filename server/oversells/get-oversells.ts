import "server-only";
import type pg from "pg";
import { classifyOversell } from "@/lib/oversells/classify-oversell";
import { chainFactsForLines } from "@/lib/oversells/chain-facts-for-lines";
import { isKeepable, isKeptCurrent, lineFactsConfig, type KeptLineFacts, type LineFacts, type LinePlacing } from "@/lib/oversells/kept-line-facts";
import type { ChainFacts, ChainLine, ChainLocation } from "@/lib/oversells/oversell-chain";
import type { OversellLine } from "@/lib/contracts/oversells";
import { eventKey } from "@/lib/quantity/fold-level";
import { drainScorecardRollups } from "@/server/scorecard/drain-scorecard-rollups";
import { ScorecardPreparingError } from "@/server/scorecard/sku-weeks";
import { loadChannelNumbersAt } from "./load-channel-numbers-at";
import { loadFactsStamps } from "./load-facts-stamps";
import { loadOversoldCancellations, type OversoldCancellation } from "./load-oversold-cancellations";
import { loadOversoldLines, type OversoldLineRow } from "./load-oversold-lines";
import { forEachSkuLedger, loadChainLocations } from "./load-sku-ledgers";
import { storeLineFacts } from "./store-line-facts";

/** What one call did: lines served from kept facts, SKUs whose ledger was folded (their lines' facts missing or stale). */
export interface OversellsStats {
  linesKept: number;
  skusFolded: number;
}

/**
 * A request's bound (the scorecard API, the e-mail): fold at most `max` SKUs while a preparer is
 * running (the scorecard warmer, which computes every line's facts in the background); more throws
 * ScorecardPreparingError, the API's 503, instead of running the engine into the read timeout.
 */
export interface OversellsFoldLimit {
  max: number;
  preparerActive: () => Promise<boolean>;
}

/**
 * docs/OVERSELLS.md: each order.cancelled with reason oversold whose cancellation is in [from, to), with
 * its chain and cause, ordered by cancelledAt. A cancellation whose order.placed is not in the
 * ledger is taken as placed when it was cancelled (docs/OVERSELLS.md). Each line's facts come from
 * oversell_line_facts while current ("Kept facts"); only the SKUs of the others are read again
 * (their lines' placings, ledgers and channel numbers) and folded.
 */
export async function getOversells(
  pool: pg.Pool,
  opts: { from: Date; to: Date; channel?: string; cause?: string; stats?: OversellsStats; now?: number; limit?: OversellsFoldLimit },
): Promise<OversellLine[]> {
  // The SKUs' stamps count drained events only: what committed before this call is in them.
  await drainScorecardRollups(pool);
  const stats = opts.stats ?? { linesKept: 0, skusFolded: 0 };
  Object.assign(stats, { linesKept: 0, skusFolded: 0 });
  const rows = await loadOversoldCancellations(pool, opts.from, opts.to);
  if (rows.length === 0) return [];
  // Stamps and locations before the ledgers and the history they cover (docs/OVERSELLS.md, "Kept facts").
  const [{ epoch, cut, stamps }, locations] = await Promise.all([loadFactsStamps(pool, [...new Set(rows.map((r) => r.skuId))]), loadChainLocations(pool)]);
  const config = lineFactsConfig(locations, epoch);
  const lines: (OversellLine | undefined)[] = rows.map((r) =>
    r.kept && isKeptCurrent(r.kept, config, stamps.get(r.skuId), r.cancelledAt.getTime(), cut) ? toLine(r, r.keptChannel, r.kept.placing.placedAt, r.kept.facts) : undefined,
  );
  stats.linesKept = lines.filter((l) => l !== undefined && (opts.channel === undefined || l.channel === opts.channel)).length;

  // Every line (of the channel asked for) of a SKU with a line to compute: one pass over its ledger
  // answers them all at once. Lines of other channels stay as they are, for a call that asks for them.
  const stale = [...new Set(rows.filter((_, i) => lines[i] === undefined).map((r) => r.skuId))];
  const todo = stale.length > 0 ? await loadOversoldLines(pool, opts.from, opts.to, stale, opts.channel ?? null) : [];
  const folded = new Set(todo.map((r) => r.sku_id)).size;
  stats.skusFolded = folded;
  if (opts.limit && folded > opts.limit.max && (await opts.limit.preparerActive())) {
    const skus = new Set(rows.map((r) => r.skuId)).size;
    throw new ScorecardPreparingError({ done: skus - stale.length, total: skus, step: "oversells" }, folded);
  }
  if (todo.length > 0) {
    const placing: LinePlacing[] = todo.map((r) => ({
      placedAt: (r.placed_at ?? r.cancelled_at).getTime(),
      cancelledAt: r.cancelled_at.getTime(),
      // (source, id) as JSON: the fold's eventKey joins them with a NUL, which a text column refuses.
      placedEvent: r.placed_source !== null && r.placed_event_id !== null ? JSON.stringify([r.placed_source, r.placed_event_id]) : null,
      channelId: r.channel_id,
    }));
    // The span's last cancellation, as when every line is computed, whichever lines are computed now.
    const computed = await computeFacts(pool, todo, placing, rows[rows.length - 1].cancelledAt, locations);
    const at = new Map(rows.map((r, i) => [r.seq, i]));
    const now = opts.now ?? Date.now();
    const keep: (KeptLineFacts & { seq: string; skuId: number })[] = [];
    todo.forEach((r, k) => {
      const i = at.get(r.seq);
      // A line committed after the cancellations were read waits for the next call.
      if (i === undefined) return;
      lines[i] = toLine(rows[i], r.channel, placing[k].placedAt, computed[k]);
      const stamp = stamps.get(r.sku_id);
      if (isKeepable(placing[k], stamp, now, cut)) {
        const { placedAt, placedEvent, channelId } = placing[k];
        keep.push({ seq: r.seq, skuId: r.sku_id, config, stamp, placing: { placedAt, placedEvent, channelId }, facts: computed[k] });
      }
    });
    await storeLineFacts(pool, keep);
  }
  return lines.filter((l): l is OversellLine => l !== undefined && (opts.channel === undefined || l.channel === opts.channel) && (opts.cause === undefined || l.cause === opts.cause));
}

function toLine(r: OversoldCancellation, channel: string | null, placedAt: number, facts: LineFacts): OversellLine {
  return {
    orderId: r.orderId ?? "",
    sku: r.sku,
    channel,
    quantity: r.quantity,
    placedAt: new Date(placedAt).toISOString(),
    cancelledAt: r.cancelledAt.toISOString(),
    published: facts.published,
    acknowledged: facts.acknowledged,
    availableKnown: facts.availableKnown,
    availableReal: facts.availableReal,
    ingestLagMs: facts.ingestLagMs,
    cause: classifyOversell({ quantity: r.quantity, ...facts }),
  };
}

/** The engine for these lines (all the lines of their SKUs): each SKU's ledger up to `until` folded once, the channel numbers at each placing. */
async function computeFacts(pool: pg.Pool, rows: readonly OversoldLineRow[], placing: readonly LinePlacing[], until: Date, locations: readonly ChainLocation[]): Promise<LineFacts[]> {
  // Read while the ledgers are folded; awaited (and any failure thrown) once they are.
  const numbersRead = loadChannelNumbersAt(
    pool,
    // A line without a channel has no published number: -1 matches no channel id.
    rows.map((r, i) => ({ skuId: r.sku_id, channelId: r.channel_id ?? -1, at: new Date(placing[i].placedAt) })),
  );
  numbersRead.catch(() => {});
  // All lines of a SKU from one pass over its ledger, a batch of SKUs' ledgers in memory at a time (docs/OVERSELLS.md, "Cost").
  const bySku = new Map<number, number[]>();
  rows.forEach((r, i) => {
    const list = bySku.get(r.sku_id);
    if (list) list.push(i);
    else bySku.set(r.sku_id, [i]);
  });
  const chain: ChainLine[] = rows.map((r, i) => {
    const placedEvent = r.placed_source !== null && r.placed_event_id !== null ? eventKey({ source: r.placed_source, id: r.placed_event_id }) : null;
    return { placedAt: placing[i].placedAt, cancelledAt: placing[i].cancelledAt, channel: r.channel, placedEvent };
  });
  const factsOf = new Array<ChainFacts>(rows.length);
  await forEachSkuLedger(pool, [...bySku.keys()], until, (skuId, events) => {
    const at = bySku.get(skuId) ?? [];
    chainFactsForLines(
      events,
      locations,
      at.map((i) => chain[i]),
    ).forEach((f, j) => {
      factsOf[at[j]] = f;
    });
  });
  const numbers = await numbersRead;
  return factsOf.map((f, i) => ({ ...f, ...numbers[i] }));
}
