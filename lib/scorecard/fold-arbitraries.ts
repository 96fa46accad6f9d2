import fc from "fast-check";
import type { WeekWindow } from "./sku-week";

// For the fold's property tests (sku-fold, sku-checkpoint): weeks whose length a daylight-saving
// change moves, without a zone.

const H = 3_600_000;
const DAY = 24 * H;

/** 6 contiguous weeks from 0 (the 4 weeks before the first start at −28 days), each 168 h ± 1. */
export const syntheticWeeks = fc.array(fc.constantFrom(-1, 0, 1), { minLength: 6, maxLength: 6 }).map((ds) => {
  const out: WeekWindow[] = [];
  const starts = [-28 * DAY, -21 * DAY, -14 * DAY, -7 * DAY, 0];
  let from = 0;
  for (const d of ds) {
    const to = from + 7 * DAY + d * H;
    out.push({ sellersFrom: starts[starts.length - 5], from, to });
    starts.push(to);
    from = to;
  }
  return out;
});
