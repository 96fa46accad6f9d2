import "server-only";
import type pg from "pg";
import { OVERSELL_CAUSES, type OversellCause } from "@/lib/contracts/oversells";
import { getOversells, type OversellsFoldLimit } from "./get-oversells";

export type OversellCount = { channel: string | null; cause: OversellCause; count: number };

/**
 * The scorecard's `oversells` figure (docs/SCORECARD.md#figures, docs/OVERSELLS.md): oversold cancellations in [from, to) by
 * channel and cause. Every channel and the total (channel null) carry every cause, zeros included,
 * so the figure is complete; lines without a channel count in the total only.
 */
export async function countOversellsByCause(pool: pg.Pool, from: Date, to: Date): Promise<OversellCount[]> {
  return (await countOversellsByWeek(pool, [{ from, to }]))[0].counts;
}

/**
 * The same for consecutive ranges (the scorecard's 12 weeks) from ONE pass of the oversell engine
 * over their span: each line's chain (two folds of its SKU's ledger) is built once, not per week.
 * With each range, the earliest placing of its lines (ms; null: none), the earliest instant whose
 * published and acknowledged numbers its counts read (docs/SCORECARD.md, "Oversell counts").
 */
export async function countOversellsByWeek(
  pool: pg.Pool,
  ranges: readonly { from: Date; to: Date }[],
  limit?: OversellsFoldLimit,
): Promise<{ counts: OversellCount[]; firstPlacedAt: number | null }[]> {
  if (ranges.length === 0) return [];
  const [lines, channels] = await Promise.all([
    getOversells(pool, { from: ranges[0].from, to: ranges[ranges.length - 1].to, limit }),
    pool.query<{ code: string }>("SELECT code FROM channel ORDER BY code"),
  ]);
  const scopes = [null, ...channels.rows.map((c) => c.code)];
  return ranges.map(({ from, to }) => {
    const counts = new Map<string, number>();
    const key = (channel: string | null, cause: OversellCause) => `${channel ?? ""}\u0000${cause}`;
    const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
    let firstPlacedAt: number | null = null;
    for (const l of lines) {
      const at = Date.parse(l.cancelledAt);
      if (at < from.getTime() || at >= to.getTime()) continue;
      bump(key(null, l.cause));
      if (l.channel !== null) bump(key(l.channel, l.cause));
      const placed = Date.parse(l.placedAt);
      if (firstPlacedAt === null || placed < firstPlacedAt) firstPlacedAt = placed;
    }
    return { counts: scopes.flatMap((channel) => OVERSELL_CAUSES.map((cause) => ({ channel, cause, count: counts.get(key(channel, cause)) ?? 0 }))), firstPlacedAt };
  });
}
