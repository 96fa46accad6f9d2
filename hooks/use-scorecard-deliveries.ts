"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { pollUnlessRefused } from "@/client/api/polled-query";
import { scorecardMailKeys, type DeliveriesResponse } from "@/components/scorecard-mail/types";

export const DELIVERIES_POLL_MS = 30_000;

/** The weekly e-mail's send history (admins), polled: a Monday's sends show up as they go out. */
export function useScorecardDeliveries(week: string | null) {
  return useQuery({
    queryKey: scorecardMailKeys.deliveries(week),
    queryFn: ({ signal }) => fetchJson<DeliveriesResponse>(`/api/admin/scorecard-deliveries${week ? `?week=${encodeURIComponent(week)}` : ""}`, { signal }),
    refetchInterval: pollUnlessRefused(DELIVERIES_POLL_MS),
  });
}
