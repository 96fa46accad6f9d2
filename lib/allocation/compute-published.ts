import { ceil, max, mul, parseDecimal, rat, toNumber, type Rational } from "./rational";
import type { ResolvedFields } from "./rule-fields";

export interface ChannelInput {
  channel: string;
  fields: ResolvedFields;
  pausedBy: { id: string; reason: string; until: string | null } | null;
  /** Channel latency in days as an exact rational (measured p95, else configured, else 0). */
  latencyDays: Rational;
  latencySource: "measured" | "configured" | "none";
}

export interface PublishedBreakdown {
  channel: string;
  published: number;
  availableReal: number;
  reserves: Record<string, number>;
  reservedForOthers: number;
  base: number;
  buffer: { units: number; percent: number; dynamic: number; applied: number };
  floor: number;
  minQty: number;
  maxQty: number | null;
  pausedBy: { id: string; reason: string; until: string | null } | null;
  latencyDays: number;
  latencySource: "measured" | "configured" | "none";
  sources: ResolvedFields["sources"];
}

/** reserve(c) = min(A, max(reserveUnits, ⌊reservePercent × A / 100⌋)) */
export function reserveOf(fields: ResolvedFields, availableReal: number): number {
  const byPercent = Math.floor((fields.reservePercent * availableReal) / 100);
  return Math.min(availableReal, Math.max(fields.reserveUnits, byPercent));
}

/**
 * What each channel may show for one SKU (DESIGN §5), with the full breakdown. One function for the
 * live numbers, the API, the explain view and the preview, so they can never disagree.
 * `velocity` is units/day as an exact rational (the higher of the 7-day and 24-hour rates).
 */
export function computePublished(availableReal: number, velocity: Rational, channels: readonly ChannelInput[]): PublishedBreakdown[] {
  const A = Math.max(0, availableReal);
  const reserves = new Map(channels.map((c) => [c.channel, reserveOf(c.fields, A)]));

  return channels.map((c) => {
    const f = c.fields;
    const others: Record<string, number> = {};
    let reservedForOthers = 0;
    for (const [code, r] of reserves) {
      if (code === c.channel || r === 0) continue;
      others[code] = r;
      reservedForOthers += r;
    }
    const base = Math.max(0, A - Math.min(A, reservedForOthers));

    const units = rat(f.bufferUnits);
    const percent = mul(rat(f.bufferPercent, 100), rat(base));
    const dynamic = mul(mul(parseDecimal(f.dynamicK), velocity), c.latencyDays);
    const applied = max(units, percent, dynamic);

    let published: number;
    if (c.pausedBy || A <= f.floor) {
      published = 0;
    } else {
      const afterBuffer = BigInt(base) - ceil(applied);
      let p = afterBuffer > BigInt(f.minQty) ? afterBuffer : BigInt(f.minQty);
      if (f.maxQty !== null && p > BigInt(f.maxQty)) p = BigInt(f.maxQty);
      if (p > BigInt(base)) p = BigInt(base);
      published = Math.max(0, Number(p));
    }

    return {
      channel: c.channel,
      published,
      availableReal: A,
      reserves: others,
      reservedForOthers,
      base,
      buffer: { units: f.bufferUnits, percent: round2(percent), dynamic: round2(dynamic), applied: round2(applied) },
      floor: f.floor,
      minQty: f.minQty,
      maxQty: f.maxQty,
      pausedBy: c.pausedBy,
      latencyDays: Math.round(toNumber(c.latencyDays) * 10000) / 10000,
      latencySource: c.latencySource,
      sources: f.sources,
    };
  });
}

// Display only: the published number above is computed from the exact values.
const round2 = (r: Rational): number => Math.round(toNumber(r) * 100) / 100;

