import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StockEvent } from "../quantity/types";
import { shiftWeek } from "../time/iso-week";
import { foldReadsFrom, foldSkuWeekFrom, foldSkuWeeks, START_STATE, type SkuCheckpoint, type SkuFoldState } from "./sku-fold";
import { skuWeeks, weekWindow, type WeekWindow } from "./sku-week";
import { FOLD_LOCATIONS, foldEventSpec, foldLedger, syntheticWeeks } from "./fold-arbitraries";
import { DAY_MS as DAY, HOUR_MS as H } from "@/lib/time/durations";

// A week folded from a checkpoint at an instant inside it (docs/SCORECARD.md, "The current week")
// gives exactly what folding it from its start gives, and what a replay of the whole ledger gives:
// random ledgers, weeks of 167, 168 and 169 hours (synthetic, and Europe/Madrid's around both
// changes of 2026), checkpoints anywhere in the week, on an event's instant, on the velocity
// windows' edges, and chained.

const LOCATIONS = FOLD_LOCATIONS;
const TZ = "Europe/Madrid";

const synthetic = syntheticWeeks;
/** … or 6 ISO weeks in Madrid from one of these, which cover the 167-hour week of March and the 169-hour one of October. */
const madrid = fc.constantFrom(...["2026-W10", "2026-W11", "2026-W12", "2026-W40", "2026-W41", "2026-W42"].map((first) => [0, 1, 2, 3, 4, 5].map((i) => weekWindow(shiftWeek(first, i, TZ), TZ))));

const arbCase = fc.tuple(fc.oneof(synthetic, madrid), fc.nat(5)).chain(([weeks, k]) => {
  // The ledger begins in the first week (START_STATE is the state at its start).
  const base = weeks[0].from;
  const end = weeks[weeks.length - 1].to;
  const week = weeks[k];
  const at = fc.oneof(
    fc.constantFrom(...weeks.map((w) => w.from)),
    fc.integer({ min: -H, max: H }).chain((d) => fc.constantFrom(...weeks.map((w) => Math.max(base, w.to + d)))),
    fc.integer({ min: base, max: end - 1 }),
    // The week checked, and its velocity windows' last days.
    fc.integer({ min: week.from, max: week.to - 1 }),
    fc.integer({ min: Math.max(base, week.to - 2 * DAY), max: week.to - 1 }),
  );
  const event = foldEventSpec(at);
  return fc.record({
    weeks: fc.constant(weeks),
    specs: fc.array(event, { maxLength: 60 }),
    k: fc.constant(k),
    // Where the checkpoints go: anywhere in the week, in its first or last day, or on an event's own instant (events at it are not in it).
    cuts: fc.array(
      fc.oneof(
        fc.integer({ min: week.from + 1, max: week.to - 1 }),
        fc.integer({ min: week.to - DAY, max: week.to - 1 }),
        fc.integer({ min: week.from + 1, max: week.from + DAY }),
        fc.nat(59).map((i) => -1 - i),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  });
});

describe("foldSkuWeekFrom: a week resumed from a checkpoint inside it = folded from its start = the whole ledger replayed", () => {
  it("random ledgers, weeks and checkpoints (chained, through JSON as the table keeps them)", () => {
    fc.assert(
      fc.property(arbCase, ({ weeks, specs, k, cuts }) => {
        const events = foldLedger(specs, weeks[weeks.length - 1].to);
        const week = weeks[k];
        const replay = skuWeeks(events, LOCATIONS, weeks);
        const whole = foldSkuWeeks(START_STATE, events, LOCATIONS, weeks);
        // The state at the week's start, as kept at the week before's end.
        const start: SkuFoldState = k === 0 ? START_STATE : whole.states[k - 1];
        const fromStart = foldSkuWeekFrom(
          start,
          events.filter((e) => e.occurredAt >= foldReadsFrom(week)),
          LOCATIONS,
          week,
        );
        expect(fromStart.value).toEqual(replay[k]);
        expect(fromStart.state).toEqual(whole.states[k]);

        const instants = cuts
          .map((c) => (c < 0 ? (events[-1 - c]?.occurredAt ?? week.from + 1) : c))
          .filter((c) => c > week.from && c < week.to)
          .sort((a, b) => a - b);
        let from: SkuCheckpoint | SkuFoldState = start;
        let readFrom = foldReadsFrom(week);
        for (const c of instants) {
          const r = foldSkuWeekFrom(
            from,
            events.filter((e) => e.occurredAt >= readFrom),
            LOCATIONS,
            week,
            c,
          );
          expect(r.value).toEqual(replay[k]);
          expect(r.state).toEqual(whole.states[k]);
          if (r.checkpoint === null) continue; // the same instant twice
          expect(r.checkpoint.at).toBe(c);
          from = JSON.parse(JSON.stringify(r.checkpoint));
          readFrom = c;
        }
        // From the last checkpoint, reading only the events at or after it.
        const resumed = foldSkuWeekFrom(
          from!,
          events.filter((e) => e.occurredAt >= readFrom),
          LOCATIONS,
          week,
        );
        expect(resumed.value).toEqual(replay[k]);
        expect(JSON.parse(JSON.stringify(resumed.state))).toEqual(JSON.parse(JSON.stringify(whole.states[k])));
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it("a checkpoint holds the events before its instant, not those at it", () => {
    const week: WeekWindow = { sellersFrom: -28 * DAY, from: 0, to: 7 * DAY };
    const e = (type: StockEvent["type"], quantity: number, at: number): StockEvent => ({ source: "wms", id: `${type}${at}`, type, sku: "1", location: "1", quantity, occurredAt: at });
    const events = [e("receipt", 3, DAY), e("order.placed", 3, 2 * DAY), e("receipt", 1, 3 * DAY), e("order.placed", 1, 6.5 * DAY)];
    const { checkpoint } = foldSkuWeekFrom(START_STATE, events, LOCATIONS, week, 3 * DAY);
    // Out of stock from day 2 to the checkpoint; the receipt at day 3 itself is not in it yet.
    expect(checkpoint).toEqual({ at: 3 * DAY, levels: { "1": [3, 3, 0, 0, 0, 0] }, known: true, units: [0, 0, 0, 0], zeroMs: DAY, net: 3, net24h: 0, net7d: 3 });
    const rest = foldSkuWeekFrom(
      checkpoint!,
      events.filter((x) => x.occurredAt >= 3 * DAY),
      LOCATIONS,
      week,
    );
    expect(rest.value).toEqual({ zeroMs: DAY + 0.5 * DAY, availableEnd: 0, known: true, units4w: 0, units24h: 1, units7d: 4 });
  });
});
