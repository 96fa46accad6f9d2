import { CANCEL_REASONS } from "../quantity/types";
import type { CoverBucket } from "@/lib/contracts/scorecard";
import { HOUR_MS } from "@/lib/time/durations";

// The weekly scorecard's figure definitions (docs/SCORECARD.md#figures), pure: the server hands in the week's
// sums or order-line events, these decide what each number is. Rates are fractions 0–1 rounded to
// 6 places (as the reconciliation figures), null when the denominator is 0.

export const rate = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 1e6) / 1e6);

/** Exact milliseconds to hours with one decimal, rounded once at the end (docs/SCORECARD.md#figures). */
export const hoursOneDecimal = (ms: number): number => Math.round((ms / HOUR_MS) * 10) / 10;

// ---------------------------------------------------------------------------------------------
// Units sold, cancellation rate by reason, oversell rate

/** Σ quantity of order.placed / order.cancelled (per reason) of one channel (or all) in the week. */
export interface SalesSums {
  placed: number;
  cancelledByReason: Record<string, number>;
}

export const emptySales = (): SalesSums => ({ placed: 0, cancelledByReason: {} });

export function addSale(s: SalesSums, type: string, reason: string | null, quantity: number): void {
  if (type === "order.placed") s.placed += quantity;
  else if (type === "order.cancelled") {
    const r = reason ?? "other";
    s.cancelledByReason[r] = (s.cancelledByReason[r] ?? 0) + quantity;
  }
}

const cancelledTotal = (s: SalesSums): number => Object.values(s.cancelledByReason).reduce((a, b) => a + b, 0);

/** Σ order.placed q − Σ order.cancelled q in the week (a cancellation of an earlier week's order counts in its own week). */
export const unitsSold = (s: SalesSums): number => s.placed - cancelledTotal(s);

/** Per reason of CANCEL_REASONS: cancelled units with that reason / placed units; a reason outside the list counts as `other`. */
export function cancellationRates(s: SalesSums): Record<(typeof CANCEL_REASONS)[number], number | null> {
  const out = {} as Record<(typeof CANCEL_REASONS)[number], number | null>;
  const known = new Set<string>(CANCEL_REASONS);
  let other = 0;
  for (const [r, q] of Object.entries(s.cancelledByReason)) if (!known.has(r)) other += q;
  for (const r of CANCEL_REASONS) out[r] = rate((s.cancelledByReason[r] ?? 0) + (r === "other" ? other : 0), s.placed);
  return out;
}

export const oversellRate = (s: SalesSums): number | null => rate(s.cancelledByReason.oversold ?? 0, s.placed);

// ---------------------------------------------------------------------------------------------
// Order lines: promise accuracy and allocation accuracy

export interface OrderLineEvent {
  type: string;
  orderId: string | null;
  sku: string;
  channel: string | null;
  occurredAt: number;
  promisedAt?: number | null;
}

interface Line {
  channel: string | null;
  /** The promise of the line's first order.placed that carries one. */
  promisedAt: number | null;
  promiseFrom: number;
  /** The last order.delivered / order.shipped: a line sent in parts is done with its last part. */
  deliveredAt: number | null;
  shippedAt: number | null;
  reallocations: number[];
}

const lineKey = (e: OrderLineEvent) => `${e.orderId}\u0000${e.sku}`;

/** Group order events into order lines (orderId, SKU); events without an orderId form no line. */
export function orderLines(events: readonly OrderLineEvent[]): Map<string, Line> {
  const lines = new Map<string, Line>();
  for (const e of events) {
    if (!e.orderId) continue;
    let l = lines.get(lineKey(e));
    if (!l) lines.set(lineKey(e), (l = { channel: null, promisedAt: null, promiseFrom: Infinity, deliveredAt: null, shippedAt: null, reallocations: [] }));
    if (e.type === "order.placed") {
      if (e.channel) l.channel = e.channel;
      if (e.promisedAt != null && e.occurredAt < l.promiseFrom) {
        l.promisedAt = e.promisedAt;
        l.promiseFrom = e.occurredAt;
      }
    } else if (e.type === "order.delivered") {
      l.deliveredAt = Math.max(l.deliveredAt ?? -Infinity, e.occurredAt);
    } else if (e.type === "order.shipped") {
      l.shippedAt = Math.max(l.shippedAt ?? -Infinity, e.occurredAt);
    } else if (e.type === "order.reallocated") {
      l.reallocations.push(e.occurredAt);
    }
    // The placed event names the line's channel; a line whose placement names none takes the channel of another of its events.
    if (l.channel === null && e.channel) l.channel = e.channel;
  }
  return lines;
}

export interface LineRatio {
  numerator: number;
  denominator: number;
}

/** Ratios per channel (and null = all), counted one line at a time. */
function ratioCounter() {
  const out = new Map<string | null, LineRatio>();
  const bump = (k: string | null, ok: boolean) => {
    const r = out.get(k) ?? { numerator: 0, denominator: 0 };
    r.denominator += 1;
    if (ok) r.numerator += 1;
    out.set(k, r);
  };
  return { out, bump };
}

/** Per channel (and null = all): lines delivered in [from, to) on or before their promise / such lines that had a promise. */
export function promiseAccuracy(lines: Map<string, Line>, from: number, to: number): Map<string | null, LineRatio> {
  const { out, bump } = ratioCounter();
  for (const l of lines.values()) {
    if (l.deliveredAt === null || l.deliveredAt < from || l.deliveredAt >= to || l.promisedAt === null) continue;
    const ok = l.deliveredAt <= l.promisedAt;
    bump(null, ok);
    if (l.channel) bump(l.channel, ok);
  }
  return out;
}

/** Per channel (and null = all): lines shipped in [from, to) never reallocated before shipping / lines shipped. */
export function allocationAccuracy(lines: Map<string, Line>, from: number, to: number): Map<string | null, LineRatio> {
  const { out, bump } = ratioCounter();
  for (const l of lines.values()) {
    if (l.shippedAt === null || l.shippedAt < from || l.shippedAt >= to) continue;
    const shippedAt = l.shippedAt;
    const ok = !l.reallocations.some((t) => t <= shippedAt);
    bump(null, ok);
    if (l.channel) bump(l.channel, ok);
  }
  return out;
}

export const ratioValue = (r: LineRatio | undefined): number | null => rate(r?.numerator ?? 0, r?.denominator ?? 0);

// ---------------------------------------------------------------------------------------------
// Stockout hours and cover: available real over time

/** Available real of one SKU as a step function: `value` holds from `at` until the next step. Before the first step it is 0. */
export interface Step {
  at: number;
  value: number;
}

/** Merge per-location steps of `available` into available real (Σ over sellable locations of max(0, available), docs/QUANTITY-MODEL.md §2–3). */
export function availableRealSteps(perLocation: readonly { sellable: boolean; steps: readonly Step[] }[]): Step[] {
  const times = new Set<number>();
  for (const l of perLocation) if (l.sellable) for (const s of l.steps) times.add(s.at);
  const sorted = [...times].sort((a, b) => a - b);
  const idx = perLocation.map(() => -1);
  const out: Step[] = [];
  for (const t of sorted) {
    let sum = 0;
    perLocation.forEach((l, i) => {
      if (!l.sellable) return;
      while (idx[i] + 1 < l.steps.length && l.steps[idx[i] + 1].at <= t) idx[i] += 1;
      if (idx[i] >= 0) sum += Math.max(0, l.steps[idx[i]].value);
    });
    if (out.length === 0 || out[out.length - 1].value !== sum) out.push({ at: t, value: sum });
  }
  return out;
}

/** The value of a step function at `t` (the step in force at t; 0 before the first). */
export function valueAt(steps: readonly Step[], t: number): number {
  let v = 0;
  for (const s of steps) {
    if (s.at > t) break;
    v = s.value;
  }
  return v;
}

/** Milliseconds of [from, to) during which the step function was 0 (a SKU before its first event has none). */
export function zeroMs(steps: readonly Step[], from: number, to: number): number {
  let total = 0;
  let value = 0;
  let since = -Infinity;
  const close = (until: number) => {
    if (value === 0 && since !== -Infinity) total += Math.max(0, Math.min(until, to) - Math.max(since, from));
  };
  for (const s of steps) {
    if (s.at >= to) break;
    close(s.at);
    value = s.value;
    since = s.at;
  }
  close(to);
  return total;
}

/**
 * The top SKUs by units sold (docs/SCORECARD.md#figures): the `n` with the most units in the 4 weeks before W,
 * ties by SKU code. SKUs that sold nothing (net ≤ 0) are not "most sold" and are left out.
 */
export function topSellers(units: ReadonlyMap<string, number>, n = 20): string[] {
  return [...units.entries()]
    .filter(([, u]) => u > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, n)
    .map(([code]) => code);
}

/**
 * Cover bucket of a SKU at week end: `0` when available real is 0 (a stockout, whatever the
 * velocity); otherwise days of inventory (lib/metrics/velocity.ts, null = ∞) as `<7` (under 7
 * days), `7-30` (7 to 30), `30-90` (over 30 to 90), `>90` (over 90), `∞` (no sales).
 */
export function coverBucket(availableReal: number, days: number | null): CoverBucket {
  if (availableReal <= 0) return "0";
  if (days === null) return "∞";
  if (days < 7) return "<7";
  if (days <= 30) return "7-30";
  if (days <= 90) return "30-90";
  return ">90";
}
