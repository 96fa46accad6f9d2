"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "@/client/api/fetch-json";
import { sendJson } from "@/client/api/send-json";
import { queryKeys } from "@/client/api/query-keys";
import type { CreatePauseBody, Pause, PausesResponse } from "@/client/api/types";
import { invalidatePauseViews } from "@/components/pauses/invalidate-pause-views";

/** `POST /api/pauses`: stop a channel, a SKU or one (channel, SKU) showing stock. */
export function useCreatePause(onPaused?: (pause: Pause) => void) {
  const qc = useQueryClient();
  return useMutation<Pause, unknown, CreatePauseBody>({
    mutationFn: (body) => sendJson<Pause>("POST", "/api/pauses", body),
    onSuccess: async (pause) => {
      // Show it at once; the reload below confirms it.
      qc.setQueryData<PausesResponse>(queryKeys.pauses, (old) => old && { pauses: [...old.pauses.filter((p) => p.id !== pause.id), pause] });
      onPaused?.(pause);
      await invalidatePauseViews(qc);
    },
    onError: (err) => {
      // Someone else paused it first: reload so the control shows their pause.
      if (err instanceof ApiError && err.code === "already_paused") void invalidatePauseViews(qc);
    },
  });
}
