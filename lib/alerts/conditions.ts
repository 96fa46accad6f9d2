import { ceil, max, rat, type Rational } from "../allocation/rational";
import { daysOfInventory, type Velocity } from "../metrics/velocity";

// When each alert's condition holds (docs/ALERTS.md), from numbers the server reads. Pure: the SQL
// only gathers, these decide, so every threshold and edge is unit-tested here.

/** "for N seconds": a condition first seen at `since` opens the alert once it has held that long. */
export function heldLongEnough(sinceMs: number, nowMs: number, forSeconds: number): boolean {
  return nowMs - sinceMs >= forSeconds * 1000;
}

export interface CoverInput {
  availableReal: number;
  /** Sales (placed − cancelled) in the current hour and the 23 / 167 before (the dashboard's windows). */
  units24h: number;
  units7d: number;
  /** Units on their way in (POs, ASNs, transfers), clamped at 0. */
  incoming: number;
  leadTimeDays: number;
  safetyDays: number;
}

export interface LowCover {
  daysOfInventory: number;
  /** Units/day: the higher of the 24-hour and 7-day velocity (the one cover uses). */
  velocity: number;
  suggestedQuantity: number;
}

/**
 * Low cover: days of inventory < lead time + safety days (never without sales: cover is ∞). The
 * suggestion is ⌈(lead + safety) × velocity − available real − incoming⌉ units, exactly (a rational
 * velocity, so 7-day rates never round the wrong way), and 0 when what is coming already covers it.
 */
export function lowCover(c: CoverInput): LowCover | null {
  const v: Velocity = { units24h: c.units24h, units7d: c.units7d };
  const doi = daysOfInventory(c.availableReal, v);
  const horizon = c.leadTimeDays + c.safetyDays;
  if (doi === null || !(doi < horizon)) return null;
  const rate: Rational = max(rat(Math.max(0, c.units24h)), rat(Math.max(0, c.units7d), 7));
  const have = BigInt(Math.max(0, c.availableReal) + Math.max(0, c.incoming));
  const need = { n: BigInt(horizon) * rate.n - have * rate.d, d: rate.d };
  const suggested = need.n <= 0n ? 0 : Number(ceil(need));
  return { daysOfInventory: doi, velocity: Number(rate.n) / Number(rate.d), suggestedQuantity: suggested };
}

export interface ReturnsInput {
  /** return.received units in the window (default the last 24 h). */
  recentUnits: number;
  /** return.received units in the `baselineDays` before the window. */
  baselineUnits: number;
}

/**
 * Returns spike: the window's returns ≥ multiplier × the SKU's daily return rate over the baseline
 * days (scaled to the window's length), and ≥ minUnits. A SKU that never had returns has rate 0:
 * minUnits alone decides.
 */
export function returnsSpike(r: ReturnsInput, s: { multiplier: number; minUnits: number; windowSeconds: number; baselineDays: number }): boolean {
  if (r.recentUnits < s.minUnits) return false;
  const expected = (s.multiplier * Math.max(0, r.baselineUnits) * s.windowSeconds) / (s.baselineDays * 86_400);
  return r.recentUnits >= expected;
}

/** A counted line's variance is an alert when |variance| ≥ max(minUnits, minPercent % of system). */
export function varianceBreach(system: number, variance: number, s: { minUnits: number; minPercent: number }): boolean {
  const v = Math.abs(variance);
  if (v === 0) return false;
  // v ≥ minPercent/100 × |system|, in integers where minPercent is one.
  return v >= s.minUnits && v * 100 >= s.minPercent * Math.abs(system);
}

/** A p95 lag (ms) over its SLA (seconds); no traffic in the window is no breach. */
export function lagBreach(p95Ms: number | null, slaSeconds: number): boolean {
  return p95Ms !== null && p95Ms > slaSeconds * 1000;
}

/** A location is stale when nothing happened there (no event, no count) for `quietSeconds`. */
export function staleLocation(lastActivityMs: number, nowMs: number, quietSeconds: number): boolean {
  return nowMs - lastActivityMs >= quietSeconds * 1000;
}

/** Refused signatures from one source in the window: an alert at `refusals` or more. */
export function signatureFailures(refused: number, s: { refusals: number }): boolean {
  return refused >= s.refusals;
}

/** Stockout while listed: nothing to sell anywhere, but the channel last acknowledged a positive number. */
export function stockoutListed(availableReal: number, acknowledged: number | null): boolean {
  return availableReal <= 0 && acknowledged !== null && acknowledged > 0;
}
