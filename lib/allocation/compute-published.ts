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

/** dynamicK strings are few (one per rule): parse each once. */
const decimals = new Map<string, Rational>();
function parseK(s: string): Rational {
  let r = decimals.get(s);
  if (!r) {
    if (decimals.size >= 10_000) decimals.clear();
    decimals.set(s, (r = parseDecimal(s)));
  }
  return r;
}

/** ⌈n / d⌉ for safe non-negative integers, exactly: the remainder is exact, and so is (n − r) / d. */
const ceilDivSafe = (n: number, d: number): number => {
  const r = n % d;
  return (n - r) / d + (r > 0 ? 1 : 0);
};

/**
 * ⌈buffer⌉ = ⌈max(bufferUnits, bufferPercent × base / 100, dynamicK × velocity × latency)⌉, exactly.
 * ⌈max(x, y, z)⌉ = max(⌈x⌉, ⌈y⌉, ⌈z⌉), so each term is ceiled on its own: the percent term in
 * plain integers (exact while the product is a safe integer, BigInt beyond), the dynamic term in
 * BigInt rationals, and only when none of its factors is 0. A result beyond 2^53 is rounded, but
 * it then exceeds any base, so what is published does not change.
 */
export function bufferCeil(f: ResolvedFields, base: number, velocity: Rational, latencyDays: Rational): number {
  let c = f.bufferUnits > 0 ? f.bufferUnits : 0; // the percent and dynamic terms are ≥ 0
  if (f.bufferPercent !== 0 && base !== 0) {
    const x = f.bufferPercent * base;
    const p = Number.isSafeInteger(x) ? ceilDivSafe(x, 100) : Number(ceil(mul(rat(f.bufferPercent, 100), rat(base))));
    if (p > c) c = p;
  }
  const k = parseK(f.dynamicK); // also for a term that is 0: a malformed value fails as before
  if (velocity.n !== 0n && latencyDays.n !== 0n && k.n !== 0n) {
    const d = Number(ceil(mul(mul(k, velocity), latencyDays)));
    if (d > c) c = d;
  }
  return c;
}

/**
 * The most a channel is ever told: published numbers are stored and pushed as 32-bit integers, and
 * a sum of several locations' stock may pass that (review finding 10). No channel needs more.
 */
export const MAX_PUBLISHED = 2_147_483_647;

/** What one channel shows, given A, its base and its ⌈buffer⌉ (docs/CHANNEL-RULES.md). */
export function publishedNumber(A: number, base: number, f: ResolvedFields, paused: boolean, ceilBuffer: number): number {
  if (paused || A <= f.floor) return 0;
  let p = base - ceilBuffer;
  if (p < f.minQty) p = f.minQty;
  if (f.maxQty !== null && p > f.maxQty) p = f.maxQty;
  if (p > base) p = base;
  if (p > MAX_PUBLISHED) p = MAX_PUBLISHED;
  return p > 0 ? p : 0;
}

/**
 * What each channel may show for one SKU (docs/CHANNEL-RULES.md), with the full breakdown. One function for the
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

    // Display only: the number itself is publishedNumber's, as for computePublishedNumbers.
    const units = rat(f.bufferUnits);
    const percent = mul(rat(f.bufferPercent, 100), rat(base));
    const dynamic = mul(mul(parseK(f.dynamicK), velocity), c.latencyDays);
    const applied = max(units, percent, dynamic);

    return {
      channel: c.channel,
      published: publishedNumber(A, base, f, !!c.pausedBy, bufferCeil(f, base, velocity, c.latencyDays)),
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

/** The terms computePublishedNumbers needs per channel (a ChannelInput is one). */
export type ChannelTerms = Pick<ChannelInput, "channel" | "fields" | "latencyDays"> & { pausedBy: unknown };

/**
 * Only the published numbers of computePublished, in channel order, without the breakdown: what
 * storing them for 100,000 SKUs needs. Same functions for each term (reserveOf, bufferCeil,
 * publishedNumber); channel codes are unique, as in the database. Writes into `out` when given.
 */
export function computePublishedNumbers(availableReal: number, velocity: Rational, channels: readonly ChannelTerms[], out: number[] = []): number[] {
  const A = Math.max(0, availableReal);
  const n = channels.length;
  out.length = n;
  let total = 0;
  for (let i = 0; i < n; i++) total += out[i] = reserveOf(channels[i].fields, A);
  for (let i = 0; i < n; i++) {
    const c = channels[i];
    const reservedForOthers = total - out[i];
    const base = Math.max(0, A - Math.min(A, reservedForOthers));
    out[i] = publishedNumber(A, base, c.fields, !!c.pausedBy, bufferCeil(c.fields, base, velocity, c.latencyDays));
  }
  return out;
}

// Display only: the published number above is computed from the exact values.
const round2 = (r: Rational): number => Math.round(toNumber(r) * 100) / 100;
