"use client";

import { useQuery } from "@tanstack/react-query";
import { polledJson, pollUntilError } from "@/client/api/polled-query";
import { queryKeys } from "@/client/api/query-keys";
import type { TokensResponse } from "@/client/api/types";

export const TOKENS_POLL_MS = 30_000;

/** Connector tokens (`GET /api/tokens`), newest first; the session cookie authorises it (admins only). */
export function useTokens() {
  // "Last used" moves slowly (minute precision); no polling once refused (session ended, role changed).
  return useQuery(polledJson<TokensResponse>(queryKeys.tokensAll, "/api/tokens", pollUntilError(TOKENS_POLL_MS)));
}
