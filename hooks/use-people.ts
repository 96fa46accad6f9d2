"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson, isRetryable } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { PeopleResponse } from "@/client/api/types";

export const PEOPLE_POLL_MS = 30_000;

/** Everyone who can sign in (or could, before deactivation), admins first; polled for sessions and last seen. */
export function usePeople() {
  return useQuery({
    queryKey: queryKeys.people,
    queryFn: ({ signal }) => fetchJson<PeopleResponse>("/api/users", { signal }),
    // A refusal (4xx) is final; an unreachable server is polled until it answers again.
    refetchInterval: (query) => (query.state.status === "error" && !isRetryable(query.state.error) ? false : PEOPLE_POLL_MS),
  });
}
