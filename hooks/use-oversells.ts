"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { oversellsResponse, type OversellsResponse } from "@/lib/contracts/oversells";

export interface OversellFilters {
  week: string | null;
  channel: string | null;
  cause: string | null;
}

/** `/api/oversells` (or the page's own address, `base` = "/oversells") with the filters that are set. */
export function oversellsUrl(f: OversellFilters, base = "/api/oversells"): string {
  const p = new URLSearchParams();
  if (f.week) p.set("week", f.week);
  if (f.channel) p.set("channel", f.channel);
  if (f.cause) p.set("cause", f.cause);
  const s = p.toString();
  return `${base}${s ? `?${s}` : ""}`;
}

/** The week's oversold order lines with their cause (GET /api/oversells), checked against the §10 shape. */
export function useOversells(f: OversellFilters) {
  return useQuery({
    queryKey: ["oversells", f.week ?? "last", f.channel ?? "", f.cause ?? ""] as const,
    queryFn: async ({ signal }): Promise<OversellsResponse> => oversellsResponse.parse(await fetchJson<unknown>(oversellsUrl(f), { signal })),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
