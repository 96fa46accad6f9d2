"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError, fetchJson } from "@/client/api/fetch-json";
import { queryKeys } from "@/client/api/query-keys";

export interface AdminRequest {
  method: "POST" | "PUT" | "DELETE";
  path: string;
  body?: unknown;
}

/** 401 on a write: the person's session ended (signed out elsewhere, expired, deactivated). */
export const isSessionEnded = (err: unknown): err is ApiError => err instanceof ApiError && err.status === 401;

/**
 * An admin write, authorised by the session cookie (same origin: nothing to attach). The server
 * decides; a refusal comes back as the mutation's error. Every admin query is refreshed afterwards.
 */
export function useAdminMutation<TVars, TResult>(opts: { request(vars: TVars): AdminRequest; onSuccess?(result: TResult, vars: TVars): void }) {
  const qc = useQueryClient();
  const mutation = useMutation<TResult, unknown, TVars>({
    mutationFn: (vars) => {
      const { method, path, body } = opts.request(vars);
      return fetchJson<TResult>(path, {
        method,
        headers: body !== undefined ? { "content-type": "application/json" } : undefined,
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
    },
    onSuccess: async (result, vars) => {
      opts.onSuccess?.(result, vars);
      await qc.invalidateQueries({ queryKey: queryKeys.admin });
    },
  });
  return { ...mutation, run: mutation.mutate };
}
