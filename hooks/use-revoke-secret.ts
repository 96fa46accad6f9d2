"use client";

import { useAdminMutation } from "./use-admin-mutation";

/** `DELETE /api/sources/<code>/secrets/<id>`: deliveries signed with it are refused from the next request on. */
export function useRevokeSecret() {
  return useAdminMutation<{ code: string; id: string }, { id: string; revokedAt: string }>({
    request: ({ code, id }) => ({ method: "DELETE", path: `/api/sources/${encodeURIComponent(code)}/secrets/${encodeURIComponent(id)}` }),
  });
}
