"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { scorecardMailKeys, type SubscriptionResponse } from "@/components/scorecard-mail/types";

/** The signed-in person's subscription to the weekly scorecard e-mail, and the switch. */
export function useScorecardSubscription() {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: scorecardMailKeys.subscription,
    queryFn: ({ signal }) => fetchJson<SubscriptionResponse>("/api/scorecard-subscription", { signal }),
  });
  const change = useMutation<SubscriptionResponse, unknown, boolean>({
    mutationFn: (on) => fetchJson<SubscriptionResponse>("/api/scorecard-subscription", { method: on ? "PUT" : "DELETE" }),
    onSuccess: (data) => qc.setQueryData(scorecardMailKeys.subscription, data),
  });
  return { query, change };
}
