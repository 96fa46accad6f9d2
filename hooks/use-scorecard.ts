"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ApiError, fetchJson, isRetryable } from "@/client/api/fetch-json";
import { scorecard, type PreparingStep, type Scorecard } from "@/lib/contracts/scorecard";

/** `/api/scorecard` for a week (null: the last complete one, the API's default). */
export function scorecardUrl(week: string | null, format?: "csv"): string {
  const p = new URLSearchParams();
  if (week) p.set("week", week);
  if (format) p.set("format", format);
  const s = p.toString();
  return `/api/scorecard${s ? `?${s}` : ""}`;
}

export interface ScorecardPreparing {
  done: number;
  total: number;
  /** The weekly figures (step 1), then the oversold lines (step 2): each counts its own SKUs. */
  step: PreparingStep;
}

/** The API's 503 while the per-SKU weeks are being prepared (`scorecard_preparing`), with its progress; null for anything else. */
export function preparingOf(err: unknown): ScorecardPreparing | null {
  if (!(err instanceof ApiError) || err.code !== "scorecard_preparing") return null;
  const p = (err.details as { progress?: { done?: unknown; total?: unknown; step?: unknown } } | undefined)?.progress;
  const step = p?.step === "oversells" ? "oversells" : "weeks";
  return typeof p?.done === "number" && typeof p.total === "number" ? { done: p.done, total: p.total, step } : { done: 0, total: 0, step };
}

/** While preparing, ask again this often (the server's Retry-After is 5 s). */
const PREPARING_RETRY_MS = 4_000;

/**
 * The week's scorecard (GET /api/scorecard), checked against the §6.3 shape; the previous week stays
 * on screen while the next loads. "Preparing" is not an error: the query keeps retrying on its own
 * (its `failureReason` carries the progress) until the answer comes.
 */
export function useScorecard(week: string | null) {
  return useQuery({
    queryKey: ["scorecard", week ?? "last"] as const,
    queryFn: async ({ signal }): Promise<Scorecard> => scorecard.parse(await fetchJson<unknown>(scorecardUrl(week), { signal })),
    retry: (count, err) => preparingOf(err) !== null || (isRetryable(err) && count < 2),
    retryDelay: (count, err) => (preparingOf(err) !== null ? PREPARING_RETRY_MS : Math.min(1000 * 2 ** count, 30_000)),
    placeholderData: keepPreviousData,
    // A past week only changes when late events arrive: a few minutes is fresh enough.
    staleTime: 60_000,
  });
}
