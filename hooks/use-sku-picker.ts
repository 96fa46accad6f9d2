"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { SkuPage } from "@/client/api/types";

export const PICKER_LIMIT = 8;

/** SKUs matching `q` (code, name or tag) for the mapping picker. */
export function useSkuPicker(q: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.skuPicker(q),
    queryFn: ({ signal }) => fetchJson<SkuPage>(`/api/skus?${new URLSearchParams({ q, limit: String(PICKER_LIMIT), sort: "code" })}`, { signal }),
    enabled,
    staleTime: 10_000,
    placeholderData: keepPreviousData,
  });
}
