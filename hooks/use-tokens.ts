"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { TokensResponse } from "@/client/api/types";

export const TOKENS_POLL_MS = 30_000;

/** Connector tokens (`GET /api/tokens`), newest first; the session cookie authorises it (admins only). */
export function useTokens() {
  return useQuery({
    queryKey: queryKeys.tokensAll,
    queryFn: ({ signal }) => fetchJson<TokensResponse>("/api/tokens", { signal }),
    // "Last used" moves slowly (minute precision); no polling once refused (session ended, role changed).
    refetchInterval: (query) => (query.state.status === "error" ? false : TOKENS_POLL_MS),
  });
}
