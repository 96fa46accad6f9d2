"use client";

import { useQuery } from "@tanstack/react-query";
import { polledJson, pollUnlessRefused } from "@/client/api/polled-query";
import { queryKeys } from "@/client/api/query-keys";
import type { PeopleResponse } from "@/client/api/types";

export const PEOPLE_POLL_MS = 30_000;

/** Everyone who can sign in (or could, before deactivation), admins first; polled for sessions and last seen. */
export function usePeople() {
  return useQuery(polledJson<PeopleResponse>(queryKeys.people, "/api/users", pollUnlessRefused(PEOPLE_POLL_MS)));
}
