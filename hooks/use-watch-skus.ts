"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { patchSkuLists } from "@/client/live/patch-sku-lists";
import { useLiveClient } from "@/components/live/LiveProvider";

/**
 * Tell the live server which SKUs' rows are on screen (docs/LIVE.md §watch): overview frames then
 * carry only those rows. Rows that come into view arrive with their current numbers in the answer;
 * leaving the page watches nothing, and coming back brings every row on screen up to date that way.
 */
export function useWatchSkus(codes: readonly string[]): void {
  const client = useLiveClient();
  const qc = useQueryClient();
  const key = codes.join("\n");
  useEffect(() => {
    if (!client) return;
    client.watch(key ? key.split("\n") : [], (rows) => patchSkuLists(qc, rows));
  }, [client, qc, key]);
  useEffect(() => {
    if (!client) return;
    return () => client.watch([]);
  }, [client]);
}
