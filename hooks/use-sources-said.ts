"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { SourcesSaid } from "@/lib/contracts/reconciliation";

/** Per location, the latest absolute each source sent for this SKU next to the pool; refreshed by the SKU room's frames. */
export function useSourcesSaid(code: string) {
  return useQuery({
    queryKey: queryKeys.sourcesSaid(code),
    queryFn: ({ signal }) => fetchJson<SourcesSaid>(`/api/skus/${encodeURIComponent(code)}/sources-said`, { signal }),
  });
}
