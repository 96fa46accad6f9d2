"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/client/api/query-keys";
import { sendJson } from "@/client/api/send-json";

/** `POST /api/channels/<code>/outbound/retry`: the channel's waiting pushes are sent now, not at their next backoff. */
export function useRetryPushes() {
  const qc = useQueryClient();
  return useMutation<{ due: number }, unknown, string>({
    mutationFn: (channel) => sendJson<{ due: number }>("POST", `/api/channels/${encodeURIComponent(channel)}/outbound/retry`, {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.outbound }),
  });
}
