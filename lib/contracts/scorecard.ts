import { z } from "zod";
import { parseIsoWeek } from "@/lib/time/iso-week";

// The weekly scorecard's answer (docs/SCORECARD.md#figures), as GET /api/scorecard sends it, the page reads it
// and the e-mail summarises it. Zod so the browser and tests check the same shape.

export const FIGURE_KEYS = [
  "units_sold",
  "cancellation_rate",
  "oversell_rate",
  "promise_accuracy",
  "allocation_accuracy",
  "stockout_hours",
  "reconciliation_rate",
  "reconciliation_accuracy",
  "reconciliation_value",
  "ingest_lag_p50_ms",
  "ingest_lag_p95_ms",
  "e2e_lag_p50_ms",
  "e2e_lag_p95_ms",
  "cover_skus",
  "oversells",
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

/** Days-of-inventory buckets of `cover_skus` at week end. */
export const COVER_BUCKETS = ["0", "<7", "7-30", "30-90", ">90", "∞"] as const;
export type CoverBucket = (typeof COVER_BUCKETS)[number];

/** A `week` query parameter (an ISO week, e.g. 2026-W48): the routes that take one by week (oversells, scorecard deliveries). */
export const isoWeekParam = z.string().refine((w) => parseIsoWeek(w) !== null, "an ISO week such as 2026-W48");

export const trendPoint = z.object({ week: z.string(), value: z.number().nullable() });

export const scorecardFigure = z.object({
  key: z.enum(FIGURE_KEYS),
  /** null = all channels. */
  channel: z.string().nullable(),
  /** cancellation_rate: the cancellation reason; oversells: the §6.4 cause. */
  reason: z.string().optional(),
  /** stockout_hours: one of the top 20 SKUs (absent = their sum). */
  sku: z.string().optional(),
  /** cover_skus: the days-of-inventory bucket. */
  bucket: z.string().optional(),
  /** Rates as fractions 0–1, lags in ms, hours with one decimal; null when the denominator is 0. */
  value: z.number().nullable(),
  /** The 11 weeks before, oldest first. */
  trend: z.array(trendPoint),
});
export type ScorecardFigure = z.infer<typeof scorecardFigure>;

export const scorecard = z.object({
  week: z.string(),
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  figures: z.array(scorecardFigure),
});
export type Scorecard = z.infer<typeof scorecard>;

/** Beside the figures: when a closed week's numbers last changed because late events arrived (issue 16). */
export const scorecardRevision = z.object({ revisedAt: z.string().nullable() });

/**
 * What the scorecard's preparer is at, in a 503 `scorecard_preparing`'s progress: the per-SKU weeks
 * first, then the oversold lines' facts. Each step counts its own SKUs, so a page says which one it
 * is instead of a bar that starts again from 0.
 */
export type PreparingStep = "weeks" | "oversells";
