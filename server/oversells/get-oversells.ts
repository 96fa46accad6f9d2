import "server-only";
import type pg from "pg";
import { classifyOversell } from "@/lib/oversells/classify-oversell";
import { chainFactsForLines } from "@/lib/oversells/chain-facts-for-lines";
import type { ChainFacts, ChainLine } from "@/lib/oversells/oversell-chain";
import type { OversellLine } from "@/lib/contracts/oversells";
import { eventKey } from "@/lib/quantity/fold-level";
import { loadChannelNumbersAt } from "./load-channel-numbers-at";
import { loadOversoldLines } from "./load-oversold-lines";
import { forEachSkuLedger, loadChainLocations } from "./load-sku-ledgers";

/**
 * docs/OVERSELLS.md: each order.cancelled with reason oversold whose cancellation is in [from, to), with
 * its chain and cause, ordered by cancelledAt. A cancellation whose order.placed is not in the
 * ledger is taken as placed when it was cancelled (docs/OVERSELLS.md).
 */
export async function getOversells(pool: pg.Pool, opts: { from: Date; to: Date; channel?: string; cause?: string }): Promise<OversellLine[]> {
  const rows = await loadOversoldLines(pool, opts.from, opts.to, opts.channel ?? null);
  if (rows.length === 0) return [];
  const placedAt = rows.map((r) => r.placed_at ?? r.cancelled_at);
  // Rows come by cancelledAt: the last is the latest (no spread of 80,000 arguments into Math.max).
  const until = rows[rows.length - 1].cancelled_at;
  // Read while the ledgers are folded; awaited (and any failure thrown) once they are.
  const numbersRead = loadChannelNumbersAt(
    pool,
    // A line without a channel has no published number: -1 matches no channel id.
    rows.map((r, i) => ({ skuId: r.sku_id, channelId: r.channel_id ?? -1, at: placedAt[i] })),
  );
  numbersRead.catch(() => {});
  const locations = await loadChainLocations(pool);
  const chain: ChainLine[] = rows.map((r, i) => ({
    placedAt: placedAt[i].getTime(),
    cancelledAt: r.cancelled_at.getTime(),
    channel: r.channel,
    placedEvent: r.placed_source !== null && r.placed_event_id !== null ? eventKey({ source: r.placed_source, id: r.placed_event_id }) : null,
  }));
  // All lines of a SKU from one pass over its ledger, a batch of SKUs' ledgers in memory at a time (docs/OVERSELLS.md, "Cost").
  const bySku = new Map<number, number[]>();
  rows.forEach((r, i) => {
    const list = bySku.get(r.sku_id);
    if (list) list.push(i);
    else bySku.set(r.sku_id, [i]);
  });
  const factsOf = new Array<ChainFacts>(rows.length);
  await forEachSkuLedger(pool, [...bySku.keys()], until, (skuId, events) => {
    const at = bySku.get(skuId) ?? [];
    chainFactsForLines(
      events,
      locations,
      at.map((i) => chain[i]),
    ).forEach((f, k) => {
      factsOf[at[k]] = f;
    });
  });
  const numbers = await numbersRead;
  const lines: OversellLine[] = [];
  rows.forEach((r, i) => {
    const facts = factsOf[i];
    const { published, acknowledged } = numbers[i];
    const cause = classifyOversell({ quantity: r.quantity, published, acknowledged, ...facts });
    if (opts.cause !== undefined && cause !== opts.cause) return;
    lines.push({
      orderId: r.order_id ?? "",
      sku: r.sku,
      channel: r.channel,
      quantity: r.quantity,
      placedAt: placedAt[i].toISOString(),
      cancelledAt: r.cancelled_at.toISOString(),
      published,
      acknowledged,
      availableKnown: facts.availableKnown,
      availableReal: facts.availableReal,
      ingestLagMs: facts.ingestLagMs,
      cause,
    });
  });
  return lines;
}
