import { applyEvent, locationsTouched } from "../quantity/apply-event";
import { compareEvents } from "../quantity/event-order";
import { availableOf } from "../quantity/level-math";
import { emptyLevel, type LevelState, type StockEvent } from "../quantity/types";
import { unitsIn, type LocationInfo } from "./available-history";
import { availableRealSteps, valueAt, zeroMs, type Step } from "./figures";
import type { SkuWeek, WeekWindow } from "./sku-week";
import { DAY_MS } from "@/lib/time/durations";

// The per-SKU replay of sku-week.ts, resumable at a week's end (docs/SCORECARD.md, "Fold state at
// each week's end"). In canonical order the prefix of a (SKU, location)'s events up to t is its state
// at t (event-order.ts sorts by occurredAt first), so the fold of the events before a week's end,
// kept as numbers, continued with the events from that end on, is the fold of the whole ledger.
// What the week values need beside the levels: whether the ledger knew the SKU, and the net units of
// the 4 weeks before (the top-20 ranking of the next week).

/** The level numbers available real is made of (incoming and the timestamps never move it). */
type Level = [onHand: number, committed: number, reserved: number, damaged: number, qualityControl: number, safetyStock: number];

export interface SkuFoldState {
  /** Per location of `locations` the SKU's events touched by then: its level. */
  levels: Record<string, Level>;
  /** An event before then (the week's `known`). */
  known: boolean;
  /** Net units sold in each of the 4 weeks that end then, oldest first. */
  units: [number, number, number, number];
}

/** Before a SKU's first event. */
export const START_STATE: SkuFoldState = Object.freeze({ levels: {}, known: false, units: [0, 0, 0, 0] }) as SkuFoldState;

const toLevel = (s: LevelState): Level => [s.onHand, s.committed, s.reserved, s.damaged, s.qualityControl, s.safetyStock];
const fromLevel = ([onHand, committed, reserved, damaged, qualityControl, safetyStock]: Level): LevelState => ({
  ...emptyLevel(),
  onHand,
  committed,
  reserved,
  damaged,
  qualityControl,
  safetyStock,
});

/**
 * The first instant a fold resumed at `week` reads events from: the week's start, or an hour before
 * it for a 167-hour week, whose 7-day velocity window reaches into the week before. Later weeks' windows
 * start after it.
 */
export const foldReadsFrom = (week: WeekWindow): number => Math.min(week.from, week.to - 7 * DAY_MS);

/**
 * A SKU's values for each of `weeks` (contiguous, oldest first), and its fold state at each week's
 * end, continued from `start`, its state at `weeks[0].from` (START_STATE: its history begins in the
 * first week). `events` must hold every event of [foldReadsFrom(weeks[0]), last week's end); earlier
 * ones are ignored.
 */
export function foldSkuWeeks(start: SkuFoldState, events: readonly StockEvent[], locations: readonly LocationInfo[], weeks: readonly WeekWindow[]): { values: SkuWeek[]; states: SkuFoldState[] } {
  if (weeks.length === 0) return { values: [], states: [] };
  const from0 = weeks[0].from;
  const fresh = events.filter((e) => e.occurredAt >= from0);
  const used = new Set([...Object.keys(start.levels), ...fresh.flatMap(locationsTouched)]);
  const levelsAt: Record<string, Level>[] = weeks.map(() => ({}));
  const perLocation: { sellable: boolean; steps: Step[] }[] = [];
  for (const l of locations) {
    if (!used.has(l.id)) continue;
    const kept = start.levels[l.id];
    let s = kept ? fromLevel(kept) : emptyLevel();
    // The state it starts from is a step just before the first week (its value then), so the sum is
    // what the whole replay had in force at that instant; a location not touched yet has none.
    const steps: Step[] = kept ? [{ at: from0 - 1, value: availableOf(s) }] : [];
    const sorted = fresh.filter((e) => locationsTouched(e).includes(l.id)).sort((a, b) => compareEvents(a, b, l.trusted));
    let k = 0;
    const close = (until: number) => {
      for (; k < weeks.length && weeks[k].to <= until; k++) if (kept || steps.length > 0) levelsAt[k][l.id] = toLevel(s);
    };
    for (let i = 0; i < sorted.length; i++) {
      close(sorted[i].occurredAt);
      s = applyEvent(s, sorted[i], l.id, l.trusted).state;
      const last = i + 1 === sorted.length || sorted[i + 1].occurredAt !== sorted[i].occurredAt;
      if (last) steps.push({ at: sorted[i].occurredAt, value: availableOf(s) });
    }
    close(Infinity);
    perLocation.push({ sellable: l.sellable, steps });
  }
  const steps = availableRealSteps(perLocation);

  const values: SkuWeek[] = [];
  const states: SkuFoldState[] = [];
  let known = start.known;
  let units = start.units;
  let e = 0;
  const sorted = [...events].sort((a, b) => a.occurredAt - b.occurredAt);
  const net = (lo: number, hi: number) => unitsIn(events, lo, hi);
  weeks.forEach(({ from, to }, i) => {
    for (; e < sorted.length && sorted[e].occurredAt < to; e++) known = true;
    values.push({
      zeroMs: zeroMs(steps, from, to),
      availableEnd: valueAt(steps, to - 1),
      known,
      units4w: units[0] + units[1] + units[2] + units[3],
      units24h: net(to - DAY_MS, to),
      units7d: net(to - 7 * DAY_MS, to),
    });
    units = [units[1], units[2], units[3], net(from, to)];
    states.push({ levels: levelsAt[i], known, units });
  });
  return { values, states };
}

/**
 * A SKU's fold stopped at an instant `at` inside a week (docs/SCORECARD.md, "The current week"):
 * what the week's values need of the events before `at`, so the rest of the week folds from there.
 * Like a week end's state it holds the events that occurred before `at`, none at it.
 */
export interface SkuCheckpoint {
  at: number;
  /** Per location touched before `at`: its level then. */
  levels: Record<string, Level>;
  /** An event before `at`. */
  known: boolean;
  /** The week start's `units`: the 4 weeks before the week (its top-20 ranking). */
  units: [number, number, number, number];
  /** Milliseconds of [from, at) at available real 0. */
  zeroMs: number;
  /** Net units in [from, at), and in the velocity windows up to `at`: [to − 1 day, at) and [to − 7 days, at) (0 when empty). */
  net: number;
  net24h: number;
  net7d: number;
}

const isCheckpoint = (s: SkuFoldState | SkuCheckpoint): s is SkuCheckpoint => "at" in s;

/**
 * The state at `week.from` (a week end's, or START_STATE) as a checkpoint there. A 167-hour week's
 * 7-day window starts an hour before it, so `events` must hold those of [foldReadsFrom(week), from).
 */
function atWeekStart(s: SkuFoldState, events: readonly StockEvent[], week: WeekWindow): SkuCheckpoint {
  return {
    at: week.from,
    levels: s.levels,
    known: s.known,
    units: s.units,
    zeroMs: 0,
    net: 0,
    net24h: unitsIn(events, week.to - DAY_MS, week.from),
    net7d: unitsIn(events, week.to - 7 * DAY_MS, week.from),
  };
}

/** The fold from `cp` on with the events of [cp.at, until), and the step function of that stretch (its kept levels a step at cp.at − 1). */
function advance(cp: SkuCheckpoint, events: readonly StockEvent[], locations: readonly LocationInfo[], week: WeekWindow, until: number): { cp: SkuCheckpoint; steps: Step[] } {
  const fresh = events.filter((e) => e.occurredAt >= cp.at && e.occurredAt < until);
  const used = new Set([...Object.keys(cp.levels), ...fresh.flatMap(locationsTouched)]);
  const levels: Record<string, Level> = {};
  const perLocation: { sellable: boolean; steps: Step[] }[] = [];
  for (const l of locations) {
    if (!used.has(l.id)) continue;
    const kept = cp.levels[l.id];
    let s = kept ? fromLevel(kept) : emptyLevel();
    // As at a week's start (foldSkuWeeks): the level in force at cp.at is a step just before it.
    const steps: Step[] = kept ? [{ at: cp.at - 1, value: availableOf(s) }] : [];
    const sorted = fresh.filter((e) => locationsTouched(e).includes(l.id)).sort((a, b) => compareEvents(a, b, l.trusted));
    for (let i = 0; i < sorted.length; i++) {
      s = applyEvent(s, sorted[i], l.id, l.trusted).state;
      const last = i + 1 === sorted.length || sorted[i + 1].occurredAt !== sorted[i].occurredAt;
      if (last) steps.push({ at: sorted[i].occurredAt, value: availableOf(s) });
    }
    if (kept || steps.length > 0) levels[l.id] = toLevel(s);
    perLocation.push({ sellable: l.sellable, steps });
  }
  const steps = availableRealSteps(perLocation);
  return {
    steps,
    cp: {
      at: until,
      levels,
      known: cp.known || fresh.length > 0,
      units: cp.units,
      zeroMs: cp.zeroMs + zeroMs(steps, cp.at, until),
      net: cp.net + unitsIn(fresh, week.from, until),
      net24h: cp.net24h + unitsIn(fresh, week.to - DAY_MS, until),
      net7d: cp.net7d + unitsIn(fresh, week.to - 7 * DAY_MS, until),
    },
  };
}

/**
 * One week of a SKU folded from `start`: its state at the week's start (then `events` must hold every
 * event of [foldReadsFrom(week), week.to)) or a checkpoint inside it (then those of [start.at, week.to)).
 * Gives the week's values and end state, exactly foldSkuWeeks's, and with `checkpointAt` (after the
 * start, before the week's end) the checkpoint there too.
 */
export function foldSkuWeekFrom(
  start: SkuFoldState | SkuCheckpoint,
  events: readonly StockEvent[],
  locations: readonly LocationInfo[],
  week: WeekWindow,
  checkpointAt?: number,
): { value: SkuWeek; state: SkuFoldState; checkpoint: SkuCheckpoint | null } {
  let cp = isCheckpoint(start) ? start : atWeekStart(start, events, week);
  let checkpoint: SkuCheckpoint | null = null;
  if (checkpointAt !== undefined && checkpointAt > cp.at && checkpointAt < week.to) {
    cp = checkpoint = advance(cp, events, locations, week, checkpointAt).cp;
  }
  const end = advance(cp, events, locations, week, week.to);
  const c = end.cp;
  return {
    value: { zeroMs: c.zeroMs, availableEnd: valueAt(end.steps, week.to - 1), known: c.known, units4w: c.units[0] + c.units[1] + c.units[2] + c.units[3], units24h: c.net24h, units7d: c.net7d },
    state: { levels: c.levels, known: c.known, units: [c.units[1], c.units[2], c.units[3], c.net] },
    checkpoint,
  };
}
