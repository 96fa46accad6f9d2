import "server-only";
import type pg from "pg";
import { effectiveLatency, type EffectiveLatency } from "@/lib/allocation/effective-latency";
import { getMeasuredLatencies } from "@/server/outbound/measured-latency";

export type ChannelLatency = EffectiveLatency & { channel: string };

/**
 * The latency each channel's dynamic buffer uses right now (docs/CHANNEL-RULES.md), optionally of one channel:
 * the same measurement and rule as the published numbers (load-allocation-context), for the Rules
 * page and the Channel pushes panel.
 */
export async function getChannelLatencies(pool: pg.Pool, channel?: string): Promise<ChannelLatency[]> {
  const [channels, measured] = await Promise.all([
    pool.query<{ id: number; code: string; latency_minutes: number | null }>("SELECT id, code, latency_minutes FROM channel WHERE ($1::text IS NULL OR code = $1) ORDER BY code", [channel ?? null]),
    getMeasuredLatencies(pool),
  ]);
  return channels.rows.map((c) => ({ channel: c.code, ...effectiveLatency(c.latency_minutes, measured.get(c.id)) }));
}
