"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { scorecardRevision } from "@/lib/contracts/scorecard";

/** When a closed week's numbers last changed because late events arrived (GET /api/scorecard/revision); null: never. */
export function useScorecardRevision(week: string | null) {
  return useQuery({
    queryKey: ["scorecard", "revision", week ?? "last"] as const,
    queryFn: async ({ signal }) => scorecardRevision.parse(await fetchJson<unknown>(`/api/scorecard/revision${week ? `?week=${encodeURIComponent(week)}` : ""}`, { signal })),
    staleTime: 60_000,
    // The badge is a hint: a failing endpoint hides it rather than failing the page.
    retry: 1,
  });
}
