"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { fetchJson } from "@/components/api/fetch-json";
import { queryKeys } from "@/components/api/query-keys";
import type { TokensResponse } from "@/components/api/types";
import { isTokenRefusal } from "./use-admin-mutation";
import { adminToken, useAdminToken } from "./use-admin-token";

export const TOKENS_POLL_MS = 30_000;

/** A short fingerprint (FNV-1a) so the cache is per admin token without the value in the key. */
function fingerprint(token: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * Connector tokens (`GET /api/tokens`), newest first. Unlike the other admin reads this needs the
 * admin token: nothing is fetched without one, and a 401/403 marks it refused in the admin bar.
 */
export function useTokens() {
  const { token } = useAdminToken();
  const q = useQuery({
    queryKey: queryKeys.tokens(token ? fingerprint(token) : "none"),
    queryFn: ({ signal }) => fetchJson<TokensResponse>("/api/tokens", { signal, headers: { authorization: `Bearer ${token}` } }),
    enabled: !!token,
    // A new admin token (e.g. after rotating the tab's own) keeps the rows on screen while it loads;
    // the page never shows them without a token.
    placeholderData: keepPreviousData,
    // "Last used" moves slowly (minute precision); no polling once the token is refused.
    refetchInterval: (query) => (query.state.status === "error" ? false : TOKENS_POLL_MS),
  });
  const { error } = q;
  useEffect(() => {
    if (isTokenRefusal(error) && adminToken.get() === token) adminToken.markRefused(error.status, error.message);
  }, [error, token]);
  return { ...q, hasToken: !!token };
}
