"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError, fetchJson } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";
import type { PauseEnded, PausesResponse } from "@/client/api/types";
import { invalidatePauseViews } from "@/components/pauses/invalidate-pause-views";

/** `DELETE /api/pauses/<id>`: resume now. */
export function useEndPause() {
  const qc = useQueryClient();
  return useMutation<PauseEnded, unknown, string>({
    mutationFn: (id) => fetchJson<PauseEnded>(`/api/pauses/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: (_, id) => {
      qc.setQueryData<PausesResponse>(queryKeys.pauses, (old) => old && { pauses: old.pauses.filter((p) => p.id !== id) });
      return invalidatePauseViews(qc);
    },
    onError: (err) => {
      // Already ended (by someone else or its end time): reload to show it resumed.
      if (err instanceof ApiError && err.status === 404) void invalidatePauseViews(qc);
    },
  });
}
