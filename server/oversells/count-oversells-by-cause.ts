import "server-only";
import type pg from "pg";
import { OVERSELL_CAUSES, type OversellCause } from "@/lib/oversells/types";
import { getOversells } from "./get-oversells";

/**
 * The scorecard's `oversells` figure (DESIGN §6.3/§6.4): oversold cancellations in [from, to) by
 * channel and cause. Every channel and the total (channel null) carry every cause, zeros included,
 * so the figure is complete; lines without a channel count in the total only.
 */
export async function countOversellsByCause(pool: pg.Pool, from: Date, to: Date): Promise<{ channel: string | null; cause: OversellCause; count: number }[]> {
  const [lines, channels] = await Promise.all([
    getOversells(pool, { from, to }),
    pool.query<{ code: string }>("SELECT code FROM channel ORDER BY code"),
  ]);
  const counts = new Map<string, number>();
  const key = (channel: string | null, cause: OversellCause) => `${channel ?? ""}\u0000${cause}`;
  for (const l of lines) {
    counts.set(key(null, l.cause), (counts.get(key(null, l.cause)) ?? 0) + 1);
    if (l.channel !== null) counts.set(key(l.channel, l.cause), (counts.get(key(l.channel, l.cause)) ?? 0) + 1);
  }
  const out: { channel: string | null; cause: OversellCause; count: number }[] = [];
  for (const channel of [null, ...channels.rows.map((c) => c.code)]) {
    for (const cause of OVERSELL_CAUSES) out.push({ channel, cause, count: counts.get(key(channel, cause)) ?? 0 });
  }
  return out;
}
