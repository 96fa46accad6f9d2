"use client";

import type { RotateSecretResult } from "@/client/api/types";
import { useAdminMutation } from "./use-admin-mutation";

export interface RotateVars {
  code: string;
  /** Pasted (Shopify issues its own); left out, Onepool generates one and returns it once. */
  secret?: string;
  overlapSeconds: number;
}

/** `POST /api/sources/<code>/secrets`: add a secret; the ones held so far expire after the overlap. */
export function useRotateSecret() {
  return useAdminMutation<RotateVars, RotateSecretResult>({
    request: ({ code, secret, overlapSeconds }) => ({ method: "POST", path: `/api/sources/${encodeURIComponent(code)}/secrets`, body: secret ? { secret, overlapSeconds } : { overlapSeconds } }),
  });
}
