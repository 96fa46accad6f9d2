"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { RejectionsPage } from "@/client/api/types";

/** Open rejections of the last 7 days, not yet re-submitted or rejected again (the header badge): the sum of the groups. */
export function useRejectionCount() {
  return useQuery({
    queryKey: queryKeys.rejectionsCount,
    queryFn: ({ signal }) => fetchJson<RejectionsPage>("/api/rejections?limit=1", { signal }),
    select: (d) => d.groups.reduce((n, g) => n + g.count, 0),
    refetchInterval: 60_000,
  });
}
