"use client";

import { useQuery } from "@tanstack/react-query";
import { polledJson } from "@/client/api/polled-query";
import { queryKeys } from "@/client/api/query-keys";
import type { SourcesResponse } from "@/client/api/types";

export const SOURCES_POLL_MS = 10_000;

/** Registered connector sources with their secrets and health; health is polled (no live frames carry it). */
export function useSources() {
  return useQuery(polledJson<SourcesResponse>(queryKeys.sources, "/api/sources", SOURCES_POLL_MS));
}
