import "server-only";
import type pg from "pg";
import { classifyOversell } from "@/lib/oversells/classify-oversell";
import { chainFacts } from "@/lib/oversells/oversell-chain";
import type { OversellLine } from "@/lib/contracts/oversells";
import { eventKey } from "@/lib/quantity/fold-level";
import { loadChannelNumbersAt } from "./load-channel-numbers-at";
import { loadOversoldLines } from "./load-oversold-lines";
import { loadChainLocations, loadSkuLedgers } from "./load-sku-ledgers";

/**
 * docs/OVERSELLS.md: each order.cancelled with reason oversold whose cancellation is in [from, to), with
 * its chain and cause, ordered by cancelledAt. A cancellation whose order.placed is not in the
 * ledger is taken as placed when it was cancelled (docs/OVERSELLS.md).
 */
export async function getOversells(pool: pg.Pool, opts: { from: Date; to: Date; channel?: string; cause?: string }): Promise<OversellLine[]> {
  const rows = await loadOversoldLines(pool, opts.from, opts.to, opts.channel ?? null);
  if (rows.length === 0) return [];
  const placedAt = rows.map((r) => r.placed_at ?? r.cancelled_at);
  const until = new Date(Math.max(...rows.map((r) => r.cancelled_at.getTime())));
  const [numbers, ledgers, locations] = await Promise.all([
    // A line without a channel has no published number: -1 matches no channel id.
    loadChannelNumbersAt(
      pool,
      rows.map((r, i) => ({ skuId: r.sku_id, channelId: r.channel_id ?? -1, at: placedAt[i] })),
    ),
    loadSkuLedgers(
      pool,
      rows.map((r) => r.sku_id),
      until,
    ),
    loadChainLocations(pool),
  ]);
  const lines: OversellLine[] = [];
  rows.forEach((r, i) => {
    const facts = chainFacts(ledgers.get(r.sku_id) ?? [], locations, {
      placedAt: placedAt[i].getTime(),
      cancelledAt: r.cancelled_at.getTime(),
      channel: r.channel,
      placedEvent: r.placed_source !== null && r.placed_event_id !== null ? eventKey({ source: r.placed_source, id: r.placed_event_id }) : null,
    });
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
