import "server-only";
import type pg from "pg";
import { classifyOversell } from "@/lib/oversells/classify-oversell";
import { chainFactsForLines } from "@/lib/oversells/chain-facts-for-lines";
import { isKeepable, isKeptCurrent, lineFactsConfig, type KeptLineFacts, type LineFacts, type LinePlacing } from "@/lib/oversells/kept-line-facts";
import type { ChainFacts, ChainLine, ChainLocation } from "@/lib/oversells/oversell-chain";
import type { OversellLine } from "@/lib/contracts/oversells";
import { eventKey } from "@/lib/quantity/fold-level";
import { drainScorecardRollups } from "@/server/scorecard/drain-scorecard-rollups";
import { loadChannelNumbersAt } from "./load-channel-numbers-at";
import { loadFactsStamps } from "./load-facts-stamps";
import { loadKeptLineFacts } from "./load-kept-line-facts";
import { loadOversoldLines, type OversoldLineRow } from "./load-oversold-lines";
import { forEachSkuLedger, loadChainLocations } from "./load-sku-ledgers";
import { storeLineFacts } from "./store-line-facts";

/** What one call did: lines served from kept facts, SKUs whose ledger was folded (their lines' facts missing or stale). */
export interface OversellsStats {
  linesKept: number;
  skusFolded: number;
}

/**
 * docs/OVERSELLS.md: each order.cancelled with reason oversold whose cancellation is in [from, to), with
 * its chain and cause, ordered by cancelledAt. A cancellation whose order.placed is not in the
 * ledger is taken as placed when it was cancelled (docs/OVERSELLS.md). Each line's facts come from
 * oversell_line_facts while current ("Kept facts"); the engine folds only the SKUs of the others.
 */
export async function getOversells(pool: pg.Pool, opts: { from: Date; to: Date; channel?: string; cause?: string; stats?: OversellsStats; now?: number }): Promise<OversellLine[]> {
  // The SKUs' stamps count drained events only: what committed before this call is in them.
  await drainScorecardRollups(pool);
  const rows = await loadOversoldLines(pool, opts.from, opts.to, opts.channel ?? null);
  const stats = opts.stats ?? { linesKept: 0, skusFolded: 0 };
  Object.assign(stats, { linesKept: 0, skusFolded: 0 });
  if (rows.length === 0) return [];
  const placedAt = rows.map((r) => r.placed_at ?? r.cancelled_at);
  const placing: LinePlacing[] = rows.map((r, i) => ({
    placedAt: placedAt[i].getTime(),
    cancelledAt: r.cancelled_at.getTime(),
    // (source, id) as JSON: the fold's eventKey joins them with a NUL, which a text column refuses.
    placedEvent: r.placed_source !== null && r.placed_event_id !== null ? JSON.stringify([r.placed_source, r.placed_event_id]) : null,
    channelId: r.channel_id,
  }));
  // Stamps and locations before the ledger and the history they cover (docs/OVERSELLS.md, "Kept facts").
  const now = opts.now ?? Date.now();
  const [{ epoch, cut, stamps }, locations] = await Promise.all([loadFactsStamps(pool, [...new Set(rows.map((r) => r.sku_id))]), loadChainLocations(pool)]);
  const config = lineFactsConfig(locations, epoch);
  const kept = await loadKeptLineFacts(
    pool,
    rows.map((r) => r.seq),
  );
  const factsOf = rows.map((r, i): LineFacts | undefined => {
    const k = kept.get(r.seq);
    return k && isKeptCurrent(k, config, stamps.get(r.sku_id), placing[i], cut) ? k.facts : undefined;
  });
  stats.linesKept = factsOf.filter((f) => f !== undefined).length;

  // Every line of a SKU with a line to compute: one pass over its ledger answers them all at once.
  const stale = new Set(rows.filter((_, i) => factsOf[i] === undefined).map((r) => r.sku_id));
  const todo = rows.flatMap((r, i) => (stale.has(r.sku_id) ? [i] : []));
  stats.skusFolded = stale.size;
  if (todo.length > 0) {
    const computed = await computeFacts(pool, rows, placing, todo, locations);
    const keep: (KeptLineFacts & { seq: string; skuId: number })[] = [];
    todo.forEach((i, k) => {
      factsOf[i] = computed[k];
      const stamp = stamps.get(rows[i].sku_id);
      if (isKeepable(placing[i], stamp, now, cut)) {
        const { placedAt, placedEvent, channelId } = placing[i];
        keep.push({ seq: rows[i].seq, skuId: rows[i].sku_id, config, stamp, placing: { placedAt, placedEvent, channelId }, facts: computed[k] });
      }
    });
    await storeLineFacts(pool, keep);
  }

  const lines: OversellLine[] = [];
  rows.forEach((r, i) => {
    const facts = factsOf[i]!;
    const cause = classifyOversell({ quantity: r.quantity, ...facts });
    if (opts.cause !== undefined && cause !== opts.cause) return;
    lines.push({
      orderId: r.order_id ?? "",
      sku: r.sku,
      channel: r.channel,
      quantity: r.quantity,
      placedAt: placedAt[i].toISOString(),
      cancelledAt: r.cancelled_at.toISOString(),
      published: facts.published,
      acknowledged: facts.acknowledged,
      availableKnown: facts.availableKnown,
      availableReal: facts.availableReal,
      ingestLagMs: facts.ingestLagMs,
      cause,
    });
  });
  return lines;
}

/** The engine for the lines at `todo` (all the lines of their SKUs): each SKU's ledger folded once, the channel numbers at each placing. */
async function computeFacts(pool: pg.Pool, rows: readonly OversoldLineRow[], placing: readonly LinePlacing[], todo: readonly number[], locations: readonly ChainLocation[]): Promise<LineFacts[]> {
  // Rows come by cancelledAt: the last is the latest (no spread of 80,000 arguments into Math.max).
  // The span's end, as when every line was computed, whichever lines are computed now.
  const until = rows[rows.length - 1].cancelled_at;
  // Read while the ledgers are folded; awaited (and any failure thrown) once they are.
  const numbersRead = loadChannelNumbersAt(
    pool,
    // A line without a channel has no published number: -1 matches no channel id.
    todo.map((i) => ({ skuId: rows[i].sku_id, channelId: rows[i].channel_id ?? -1, at: new Date(placing[i].placedAt) })),
  );
  numbersRead.catch(() => {});
  // All lines of a SKU from one pass over its ledger, a batch of SKUs' ledgers in memory at a time (docs/OVERSELLS.md, "Cost").
  const bySku = new Map<number, number[]>();
  todo.forEach((i, k) => {
    const list = bySku.get(rows[i].sku_id);
    if (list) list.push(k);
    else bySku.set(rows[i].sku_id, [k]);
  });
  const chain: ChainLine[] = todo.map((i) => {
    const r = rows[i];
    const placedEvent = r.placed_source !== null && r.placed_event_id !== null ? eventKey({ source: r.placed_source, id: r.placed_event_id }) : null;
    return { placedAt: placing[i].placedAt, cancelledAt: placing[i].cancelledAt, channel: r.channel, placedEvent };
  });
  const factsOf = new Array<ChainFacts>(todo.length);
  await forEachSkuLedger(pool, [...bySku.keys()], until, (skuId, events) => {
    const at = bySku.get(skuId) ?? [];
    chainFactsForLines(
      events,
      locations,
      at.map((k) => chain[k]),
    ).forEach((f, j) => {
      factsOf[at[j]] = f;
    });
  });
  const numbers = await numbersRead;
  return factsOf.map((f, k) => ({ ...f, ...numbers[k] }));
}
