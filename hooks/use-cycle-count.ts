"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { sendJson } from "@/client/api/send-json";
import { queryKeys } from "@/client/api/query-keys";
import type { CycleCountBody, CycleCountResult } from "@/client/api/types";

/** `POST /api/skus/<code>/counts`: a counted quantity at one location, as a cycle_count event. */
export function useCycleCount(code: string, onRecorded?: (result: CycleCountResult, body: CycleCountBody) => void) {
  const qc = useQueryClient();
  return useMutation<CycleCountResult, unknown, CycleCountBody>({
    mutationFn: (body) => sendJson<CycleCountResult>("POST", `/api/skus/${encodeURIComponent(code)}/counts`, body),
    onSuccess: async (result, body) => {
      onRecorded?.(result, body);
      // The live frame usually lands first; this covers a tab whose live connection is down.
      await Promise.all([qc.invalidateQueries({ queryKey: queryKeys.skuDetail(code) }), qc.invalidateQueries({ queryKey: queryKeys.skuEvents(code) })]);
    },
  });
}
