"use client";

import type { RevokedToken } from "@/client/api/types";
import { useAdminMutation } from "./use-admin-mutation";

/** `DELETE /api/tokens/<id>`: requests carrying it are refused from the next one on (401 token_revoked). */
export function useRevokeToken() {
  return useAdminMutation<{ id: string }, RevokedToken>({
    request: ({ id }) => ({ method: "DELETE", path: `/api/tokens/${encodeURIComponent(id)}` }),
  });
}
