"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import { queryKeys } from "@/components/api/query-keys";
import type { SkuPage } from "@/components/api/types";

/**
 * Channel codes for the source form's suggestions. There is no channel list endpoint yet: every
 * stock row carries every channel, so the first row of the SKU list names them all.
 */
export function useChannelCodes(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.channelCodes,
    queryFn: ({ signal }) => fetchJson<SkuPage>("/api/skus?limit=1", { signal }),
    select: (d) => d.items[0]?.channels.map((c) => c.code) ?? [],
    enabled,
    staleTime: 60_000,
  });
}
