"use client";

import type { IssuedToken, IssueTokenBody } from "@/client/api/types";
import { useAdminMutation } from "./use-admin-mutation";

/** `POST /api/tokens`: a new connector token; its value comes back once (only a hash is stored). */
export function useIssueToken(onIssued?: (result: IssuedToken, body: IssueTokenBody) => void) {
  return useAdminMutation<IssueTokenBody, IssuedToken>({
    request: (body) => ({ method: "POST", path: "/api/tokens", body }),
    onSuccess: onIssued,
  });
}
