"use client";

import type { Source, SourceBody } from "@/client/api/types";
import { useAdminMutation } from "./use-admin-mutation";

/** `PUT /api/sources/<code>`: register a source or update it (fields left out keep their value). */
export function useSaveSource(onSaved?: (source: Source, vars: { code: string; body: SourceBody }) => void) {
  return useAdminMutation<{ code: string; body: SourceBody }, Source>({
    request: ({ code, body }) => ({ method: "PUT", path: `/api/sources/${encodeURIComponent(code)}`, body }),
    onSuccess: onSaved,
  });
}
