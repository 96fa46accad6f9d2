"use client";

import type { ResubmitResult } from "@/client/api/types";
import { useAdminMutation } from "./use-admin-mutation";

/** `POST /api/rejections/<id>/resubmit`: run a rejected event or delivery again after its cause was fixed. */
export function useResubmitRejection() {
  return useAdminMutation<string, ResubmitResult>({
    request: (id) => ({ method: "POST", path: `/api/rejections/${encodeURIComponent(id)}/resubmit` }),
  });
}
