"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import { scorecard, type Scorecard } from "@/lib/scorecard/types";

/** `/api/scorecard` for a week (null: the last complete one, the API's default). */
export function scorecardUrl(week: string | null, format?: "csv"): string {
  const p = new URLSearchParams();
  if (week) p.set("week", week);
  if (format) p.set("format", format);
  const s = p.toString();
  return `/api/scorecard${s ? `?${s}` : ""}`;
}

/** The week's scorecard (GET /api/scorecard), checked against the §6.3 shape; the previous week stays on screen while the next loads. */
export function useScorecard(week: string | null) {
  return useQuery({
    queryKey: ["scorecard", week ?? "last"] as const,
    queryFn: async ({ signal }): Promise<Scorecard> => scorecard.parse(await fetchJson<unknown>(scorecardUrl(week), { signal })),
    placeholderData: keepPreviousData,
    // A past week only changes when late events arrive: a few minutes is fresh enough.
    staleTime: 60_000,
  });
}
