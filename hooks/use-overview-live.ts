"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { queryKeys } from "@/components/api/query-keys";
import type { LagResponse } from "@/components/api/types";
import { patchSkuLists } from "@/components/live/patch-sku-lists";
import { throttle } from "@/components/live/throttle";
import { useLiveRoom } from "./use-live-room";

/**
 * The `overview` room, joined for the whole session (the header shows its lag on every page):
 * row frames patch the cached stock lists in place, lag frames feed the header, and the summary
 * totals are refetched at most every 2 s while rows change.
 */
export function useOverviewLive(): void {
  const qc = useQueryClient();
  const refresh = useMemo(() => {
    const pending = new Map<string, readonly unknown[]>();
    const lists = throttle(() => {
      for (const key of pending.values()) void qc.invalidateQueries({ queryKey: key, exact: true });
      pending.clear();
    }, 2000);
    return {
      summary: throttle(() => void qc.invalidateQueries({ queryKey: queryKeys.summary }), 2000),
      lists: (keys: readonly (readonly unknown[])[]) => {
        for (const k of keys) pending.set(JSON.stringify(k), k);
        if (keys.length) lists();
      },
    };
  }, [qc]);

  useLiveRoom("overview", {
    onFrame(data) {
      if ("rows" in data) {
        refresh.lists(patchSkuLists(qc, data.rows));
        refresh.summary();
      } else if ("refresh" in data) {
        // Too many rows changed at once (a rule over the whole catalogue): refetch what is shown.
        void qc.invalidateQueries({ queryKey: ["skus"] });
        refresh.summary();
      } else if ("lag" in data) {
        qc.setQueryData<LagResponse>(queryKeys.lag, { window: "5m", ingest: data.lag });
      }
    },
    onResync() {
      void qc.invalidateQueries({ queryKey: ["skus"] });
      void qc.invalidateQueries({ queryKey: queryKeys.lag });
    },
  });
}
