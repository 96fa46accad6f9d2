"use client";

import type { RotatedToken } from "@/client/api/types";
import { useAdminMutation } from "./use-admin-mutation";

export interface RotateTokenVars {
  id: string;
  /** How long the current token keeps working; 0 revokes it now. */
  overlapSeconds: number;
}

/** `POST /api/tokens/<id>/rotate`: a new token with the same name, scopes, sources and expiry; the old one ends after the overlap. */
export function useRotateToken(onRotated?: (result: RotatedToken, vars: RotateTokenVars) => void) {
  return useAdminMutation<RotateTokenVars, RotatedToken>({
    onSuccess: onRotated,
    request: ({ id, overlapSeconds }) => ({ method: "POST", path: `/api/tokens/${encodeURIComponent(id)}/rotate`, body: { overlapSeconds } }),
  });
}
