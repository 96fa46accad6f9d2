"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import type { ReorderShow } from "@/lib/reorder/reorder-rows";
import type { ReorderView } from "@/server/reorder/get-reorder";

/** `/api/reorder` (or the page's own address, `base` = "/reorder"); the default list needs no parameter. */
export function reorderUrl(opts: { show: ReorderShow; format?: "csv" }, base = "/api/reorder"): string {
  const p = new URLSearchParams();
  if (opts.show !== "reorder") p.set("show", opts.show);
  if (opts.format) p.set("format", opts.format);
  const s = p.toString();
  return `${base}${s ? `?${s}` : ""}`;
}

/** What to reorder (GET /api/reorder), refreshed every minute: cover moves with every sale. */
export function useReorder(show: ReorderShow) {
  return useQuery({
    queryKey: ["reorder", show] as const,
    queryFn: ({ signal }) => fetchJson<ReorderView>(reorderUrl({ show }), { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}
