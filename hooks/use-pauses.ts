"use client";

import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { fetchJson } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { Pause, PausesResponse } from "@/client/api/types";

export const PAUSES_POLL_MS = 10_000;

// One poll per tab however many controls are mounted (every stock row has one): per-observer
// refetchInterval timers start at different times and would multiply the requests.
let pollers = 0;
let timer: ReturnType<typeof setInterval> | undefined;
function startPoll(qc: QueryClient) {
  if (pollers++ === 0) {
    timer = setInterval(() => {
      if (document.visibilityState === "visible") void qc.invalidateQueries({ queryKey: queryKeys.pauses });
    }, PAUSES_POLL_MS);
  }
  return () => {
    if (--pollers === 0) clearInterval(timer);
  };
}

/** Active pauses, polled every 10 s and on window focus (pauses end by themselves, and others set them). */
export function usePauses() {
  const qc = useQueryClient();
  useEffect(() => startPoll(qc), [qc]);
  return useQuery({
    queryKey: queryKeys.pauses,
    queryFn: ({ signal }) => fetchJson<PausesResponse>("/api/pauses", { signal }),
    staleTime: 5_000,
    refetchOnWindowFocus: true,
  });
}

/** The pause with exactly this scope (not a wider one that happens to cover it). */
export const findPause = (pauses: readonly Pause[] | undefined, channel?: string, sku?: string): Pause | null =>
  pauses?.find((p) => (p.channel ?? null) === (channel ?? null) && (p.sku ?? null) === (sku ?? null)) ?? null;
