"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { sendJson } from "@/client/api/send-json";
import { queryKeys } from "@/client/api/query-keys";

/** `POST /api/users/<id>/unlock`: clear a person's failed sign-ins (audited). */
export function useUnlockPerson(onUnlocked?: () => void) {
  const qc = useQueryClient();
  return useMutation<{ id: string; wasLocked: boolean }, unknown, string>({
    mutationFn: (id) => sendJson("POST", `/api/users/${encodeURIComponent(id)}/unlock`, {}),
    onSuccess: async () => {
      onUnlocked?.();
      await Promise.all([qc.invalidateQueries({ queryKey: queryKeys.people }), qc.invalidateQueries({ queryKey: queryKeys.auditAll })]);
    },
  });
}
