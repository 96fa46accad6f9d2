"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { OutboundResponse } from "@/client/api/types";
import { useConnectionStatus } from "@/components/live/LiveProvider";

/** Retries run 1 s, 5 s, 30 s… apart: 5 s shows a recovery or a new failure while it still matters. */
export const OUTBOUND_POLL_MS = 5_000;

/** Per-channel push health (`GET /api/outbound`): polled, since no live frame carries it; not once signed out (only 401s). */
export function useOutboundHealth() {
  const status = useConnectionStatus();
  return useQuery({
    queryKey: queryKeys.outbound,
    queryFn: ({ signal }) => fetchJson<OutboundResponse>("/api/outbound", { signal }),
    refetchInterval: status === "signed-out" ? false : OUTBOUND_POLL_MS,
  });
}
