"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { CatalogCodes } from "@/client/api/types";

/** Channels and locations by code (`GET /api/catalog`), for pickers; the catalogue changes rarely. */
export function useCatalog(enabled = true) {
  return useQuery({
    queryKey: queryKeys.catalog,
    queryFn: ({ signal }) => fetchJson<CatalogCodes>("/api/catalog", { signal }),
    enabled,
    staleTime: 60_000,
  });
}
