"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { queryKeys } from "@/client/api/query-keys";
import type { LagResponse } from "@/client/api/types";
import { patchSkuLists } from "@/client/live/patch-sku-lists";
import { throttle } from "@/client/live/throttle";
import { driftFrame, reconciliationSummary, type DriftResponse } from "@/lib/contracts/reconciliation";
import { applyDriftSources } from "@/lib/reconciliation/matrix-grid";
import { useLiveRoom } from "./use-live-room";

/**
 * The `overview` room, joined for the whole session (the header shows its lag on every page):
 * row frames patch the cached stock lists in place, lag frames feed the header, and the summary
 * totals are refetched at most every 2 s while rows change. A frame carrying `reconciliation` (the
 * 30-day summary) or `drift` (per-source totals) replaces the tile or the drift panel's totals at once
 * and refetches the rest of those views (matrix, lines, trend, drifting SKUs) within a second.
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
      // Rows the page does not render changed (docs/LIVE.md §8): a new SKU or a moved number may now
      // belong in its window. The shown lists are refetched, at most every 3 s (a page's refetch is an
      // index scan per sort, docs/PERFORMANCE.md#stock-list); rows not on screen are not refetched.
      membership: throttle(() => void qc.invalidateQueries({ queryKey: queryKeys.skuLists, refetchType: "active" }), 3000),
      // The summary itself came with the frame: refetch only the views it does not carry.
      reconciliation: throttle(() => void qc.invalidateQueries({ queryKey: queryKeys.reconciliationAll, predicate: (q) => q.queryKey[1] !== "summary" }), 1000),
      drift: throttle(() => void qc.invalidateQueries({ queryKey: queryKeys.drift }), 1000),
      lists: (keys: readonly (readonly unknown[])[]) => {
        for (const k of keys) pending.set(JSON.stringify(k), k);
        if (keys.length) lists();
      },
    };
  }, [qc]);

  useLiveRoom("overview", {
    onFrame(data) {
      // Counts and drift may ride on any frame (the live layer's shape is owned by the numbers side): checked, not trusted.
      if ("reconciliation" in data) {
        const parsed = reconciliationSummary.safeParse(data.reconciliation);
        if (parsed.success) qc.setQueryData(queryKeys.reconciliationSummary, parsed.data);
        else void qc.invalidateQueries({ queryKey: queryKeys.reconciliationSummary });
        refresh.reconciliation();
      }
      if ("drift" in data) {
        const parsed = driftFrame.safeParse(data.drift);
        if (parsed.success) qc.setQueryData<DriftResponse>(queryKeys.drift, (old) => applyDriftSources(old, parsed.data.sources));
        refresh.drift();
      }
      if ("rows" in data) {
        refresh.lists(patchSkuLists(qc, data.rows));
        if (data.unwatched) refresh.membership();
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
      void qc.invalidateQueries({ queryKey: queryKeys.reconciliationAll });
      void qc.invalidateQueries({ queryKey: queryKeys.drift });
    },
  });
}
