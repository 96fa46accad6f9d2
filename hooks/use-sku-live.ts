"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { queryKeys } from "@/client/api/query-keys";
import type { SkuDetail } from "@/client/api/types";
import { throttle } from "@/client/live/throttle";
import { useLiveRoom } from "./use-live-room";

/**
 * The `sku:<code>` room while the SKU page is open: a frame replaces the detail (unless older than
 * what we hold) and refreshes the ledger list and the sales chart, throttled.
 */
export function useSkuLive(code: string): void {
  const qc = useQueryClient();
  const refresh = useMemo(
    () => ({
      events: throttle(() => void qc.invalidateQueries({ queryKey: queryKeys.skuEvents(code) }), 750),
      sales: throttle(() => void qc.invalidateQueries({ queryKey: queryKeys.skuSales(code) }), 5000),
      // An absolute (trusted or not) moves what the sources said or the pool beside it.
      said: throttle(() => void qc.invalidateQueries({ queryKey: queryKeys.sourcesSaid(code) }), 1000),
    }),
    [qc, code],
  );

  useLiveRoom(`sku:${code}`, {
    onFrame(data) {
      if (!("sku" in data) || data.sku.code !== code) return;
      qc.setQueryData<SkuDetail>(queryKeys.skuDetail(code), (old) => (old && BigInt(old.lastSeq) > BigInt(data.sku.lastSeq) ? old : data.sku));
      refresh.events();
      refresh.sales();
      refresh.said();
    },
    onResync() {
      void qc.invalidateQueries({ queryKey: queryKeys.sku(code) });
    },
  });
}
