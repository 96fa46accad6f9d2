"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { DriftResponse } from "@/lib/contracts/reconciliation";

/** Open drifts per source (`GET /api/drift`); overview frames' `drift` patch the totals (use-overview-live). */
export function useDrift() {
  return useQuery({
    queryKey: queryKeys.drift,
    queryFn: ({ signal }) => fetchJson<DriftResponse>("/api/drift", { signal }),
  });
}
