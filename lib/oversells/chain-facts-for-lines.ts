import { applyEvent, locationsTouched } from "@/lib/quantity/apply-event";
import { compareEvents } from "@/lib/quantity/event-order";
import { eventKey } from "@/lib/quantity/fold-level";
import { availableOf, availableReal } from "@/lib/quantity/level-math";
import { emptyLevel, type LevelState, type StockEvent } from "@/lib/quantity/types";
import type { ChainEvent, ChainFacts, ChainLine, ChainLocation } from "./oversell-chain";

// chainFacts (oversell-chain.ts, the reference) folds the SKU's whole ledger three times per line.
// This answers every line of one SKU from one sort and one fold per location (docs/OVERSELLS.md,
// "Cost"): the fold order puts occurredAt first, so "occurred by t" is a prefix of it, and "received
// by t" is a prefix (up to the first event received after t) plus the few later events received by t.
// States are kept every `checkpoint` events, so each prefix is folded from the nearest one.

/** checkpoint: events between kept states; block: size of the receivedAt minima that skip, after the known prefix, blocks with nothing received by t. */
export interface ChainSpacing {
  checkpoint: number;
  block: number;
}
const SPACING: ChainSpacing = { checkpoint: 16, block: 32 };
const NOT_STOCK_MOVING = new Set<StockEvent["type"]>(["order.delivered", "asn", "po"]);

/** One location's events in fold order, with what answers a prefix query quickly. */
interface LocationIndex {
  loc: ChainLocation;
  sorted: ChainEvent[];
  occurred: number[];
  /** prefixMaxReceived[i]: the latest receivedAt among sorted[0..i]. */
  prefixMaxReceived: number[];
  blockMinReceived: number[];
  spacing: ChainSpacing;
  /** checkpoints[k]: the state after sorted[0 .. k·checkpoint). */
  checkpoints: LevelState[];
  /** Positions in `sorted` of each event key (the line's own order.placed is left out by key). */
  positions: Map<string, number[]>;
  /** correctionPrefix[i]: Σ of the correction units (see chainFacts) of the first i events located here, by occurredAt. */
  correctionAt: number[];
  correctionPrefix: number[];
}

/** For each line, exactly what chainFacts(events, locations, line) returns. `spacing` only changes the speed (the tests vary it). */
export function chainFactsForLines(events: readonly ChainEvent[], locations: readonly ChainLocation[], lines: readonly ChainLine[], spacing = SPACING): ChainFacts[] {
  if (lines.length === 0) return [];
  const indexes = locations.map((l) => (l.sellable ? indexLocation(events, l, spacing) : null));
  const lag = lagIndex(events);
  const orders = orderIndex(events, locations);
  return lines.map((line) => {
    const t = line.placedAt;
    let correctionUnits = 0;
    const known: { sellable: boolean; available: number }[] = [];
    const real: { sellable: boolean; available: number }[] = [];
    for (let i = 0; i < locations.length; i++) {
      const ix = indexes[i];
      if (ix === null) {
        known.push({ sellable: false, available: 0 });
        real.push({ sellable: false, available: 0 });
        continue;
      }
      const skip = line.placedEvent === null ? [] : (ix.positions.get(line.placedEvent) ?? []);
      real.push({ sellable: true, available: availableOf(stateOfPrefix(ix, upperBound(ix.occurred, t), skip)) });
      known.push({ sellable: true, available: availableOf(knownState(ix, t, skip)) });
      correctionUnits += rangeSum(ix.correctionAt, ix.correctionPrefix, t, line.cancelledAt);
    }
    return {
      availableKnown: availableReal(known),
      availableReal: availableReal(real),
      ingestLagMs: ingestLag(lag, t, line.placedEvent),
      correctionUnits,
      otherChannelUnits: otherChannelUnits(orders, line),
    };
  });
}

function indexLocation(events: readonly ChainEvent[], loc: ChainLocation, spacing: ChainSpacing): LocationIndex {
  const { checkpoint, block } = spacing;
  // The same stable sort of the same filtered list as foldLevel, so ties keep the same order.
  const sorted = events.filter((e) => locationsTouched(e).includes(loc.id)).sort((a, b) => compareEvents(a, b, loc.trusted));
  const n = sorted.length;
  const occurred = sorted.map((e) => e.occurredAt);
  const prefixMaxReceived = new Array<number>(n);
  const blockMinReceived: number[] = [];
  const checkpoints: LevelState[] = [];
  const positions = new Map<string, number[]>();
  // The full fold: its states make the checkpoints, its effects the counts' variances.
  const variance = new Map<string, number>();
  let s = emptyLevel();
  for (let i = 0; i < n; i++) {
    const e = sorted[i];
    if (i % checkpoint === 0) checkpoints.push(s);
    const r = applyEvent(s, e, loc.id, loc.trusted);
    s = r.state;
    const key = eventKey(e);
    if (r.effect) variance.set(key, r.effect.kind === "variance" ? r.effect.amount : 0);
    prefixMaxReceived[i] = i === 0 ? e.receivedAt : Math.max(prefixMaxReceived[i - 1], e.receivedAt);
    const b = Math.floor(i / block);
    blockMinReceived[b] = b < blockMinReceived.length ? Math.min(blockMinReceived[b], e.receivedAt) : e.receivedAt;
    const at = positions.get(key);
    if (at) at.push(i);
    else positions.set(key, [i]);
  }
  if (n % checkpoint === 0) checkpoints.push(s);

  // Corrections: events located here (not those arriving by a transfer), in the input's order, sorted by occurredAt.
  const here = events.filter((e) => e.location === loc.id).map((e) => ({ at: e.occurredAt, units: correctionOf(e, variance) }));
  here.sort((a, b) => a.at - b.at);
  const correctionPrefix = [0];
  for (const h of here) correctionPrefix.push(correctionPrefix[correctionPrefix.length - 1] + h.units);
  return {
    loc,
    spacing,
    sorted,
    occurred,
    prefixMaxReceived,
    blockMinReceived,
    checkpoints,
    positions,
    correctionAt: here.map((h) => h.at),
    correctionPrefix,
  };
}

function correctionOf(e: StockEvent, variance: ReadonlyMap<string, number>): number {
  if (e.type === "shrink" || e.type === "damage") return e.quantity;
  if (e.type === "cycle_count" || e.type === "snapshot") {
    const v = variance.get(eventKey(e));
    return v !== undefined && v > 0 ? v : 0;
  }
  return 0;
}

/** The fold of sorted[0 .. n) without the positions in `skip`. */
function stateOfPrefix(ix: LocationIndex, n: number, skip: readonly number[]): LevelState {
  let from = n;
  for (const p of skip) if (p < from) from = p;
  // From the checkpoint at or before the first event left out (or before n).
  const { checkpoint } = ix.spacing;
  const k = Math.min(Math.floor(from / checkpoint), ix.checkpoints.length - 1);
  let s = ix.checkpoints[k];
  for (let i = k * checkpoint; i < n; i++) {
    if (skip.includes(i)) continue;
    s = applyEvent(s, ix.sorted[i], ix.loc.id, ix.loc.trusted).state;
  }
  return s;
}

/** The fold of the events received by t: the prefix before the first one received after t, then the later ones received by t, in fold order. */
function knownState(ix: LocationIndex, t: number, skip: readonly number[]): LevelState {
  const n = ix.sorted.length;
  const { block } = ix.spacing;
  const j = upperBound(ix.prefixMaxReceived, t);
  let s = stateOfPrefix(ix, j, skip);
  let i = j + 1;
  while (i < n) {
    if (i % block === 0 && ix.blockMinReceived[i / block] > t) {
      i += block;
      continue;
    }
    const e = ix.sorted[i];
    if (e.receivedAt <= t && !skip.includes(i)) s = applyEvent(s, e, ix.loc.id, ix.loc.trusted).state;
    i += 1;
  }
  return s;
}

/** First index whose value is > x, in an ascending array. */
function upperBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Σ of the values whose time is in (from, to], from ascending times and their prefix sums. */
function rangeSum(at: readonly number[], prefix: readonly number[], from: number, to: number): number {
  const lo = upperBound(at, from);
  const hi = upperBound(at, to);
  return hi > lo ? prefix[hi] - prefix[lo] : 0;
}

interface LagIndex {
  /** Stock-moving events that arrived after they occurred, by occurredAt. */
  late: ChainEvent[];
  occurred: number[];
  /** prefixMaxLag[i]: the largest lag among late[0..i]. */
  prefixMaxLag: number[];
}

function lagIndex(events: readonly ChainEvent[]): LagIndex {
  // Only an event with receivedAt > occurredAt can have occurred by t and arrived after it.
  const late = events.filter((e) => e.receivedAt > e.occurredAt && !NOT_STOCK_MOVING.has(e.type)).sort((a, b) => a.occurredAt - b.occurredAt);
  const prefixMaxLag: number[] = [];
  for (let i = 0; i < late.length; i++) prefixMaxLag.push(Math.max(i > 0 ? prefixMaxLag[i - 1] : 0, late[i].receivedAt - late[i].occurredAt));
  return { late, occurred: late.map((e) => e.occurredAt), prefixMaxLag };
}

/** chainFacts' ingestLagMs: scanned back from t until no earlier event can arrive after t or beat the best. */
function ingestLag(ix: LagIndex, t: number, placedEvent: string | null): number | null {
  let best: number | null = null;
  for (let i = upperBound(ix.occurred, t) - 1; i >= 0; i--) {
    const bound = ix.prefixMaxLag[i];
    if (bound <= t - ix.occurred[i] || (best !== null && bound <= best)) break;
    const e = ix.late[i];
    if (e.receivedAt <= t || (placedEvent !== null && eventKey(e) === placedEvent)) continue;
    const lag = e.receivedAt - e.occurredAt;
    if (best === null || lag > best) best = lag;
  }
  return best;
}

interface OrderIndex {
  /** order.placed at sellable locations by occurredAt, all channels and per channel, with prefix sums of their units. */
  all: { at: number[]; prefix: number[] };
  byChannel: Map<string | null, { at: number[]; prefix: number[] }>;
}

function orderIndex(events: readonly ChainEvent[], locations: readonly ChainLocation[]): OrderIndex {
  const sellable = new Set(locations.filter((l) => l.sellable).map((l) => l.id));
  const placed = events.filter((e) => e.type === "order.placed" && sellable.has(e.location)).sort((a, b) => a.occurredAt - b.occurredAt);
  const series = (list: readonly ChainEvent[]) => {
    const prefix = [0];
    for (const e of list) prefix.push(prefix[prefix.length - 1] + e.quantity);
    return { at: list.map((e) => e.occurredAt), prefix };
  };
  const channels = new Map<string | null, ChainEvent[]>();
  for (const e of placed) {
    const list = channels.get(e.channel);
    if (list) list.push(e);
    else channels.set(e.channel, [e]);
  }
  return { all: series(placed), byChannel: new Map([...channels].map(([c, list]) => [c, series(list)])) };
}

/** Units ordered on other channels after t and by the cancellation: all channels' less the line's own. */
function otherChannelUnits(ix: OrderIndex, line: ChainLine): number {
  const all = rangeSum(ix.all.at, ix.all.prefix, line.placedAt, line.cancelledAt);
  const own = ix.byChannel.get(line.channel);
  return own ? all - rangeSum(own.at, own.prefix, line.placedAt, line.cancelledAt) : all;
}
