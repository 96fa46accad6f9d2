"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { ApiError, fetchJson } from "@/components/api/fetch-json";
import { queryKeys } from "@/components/api/query-keys";
import { adminToken } from "./use-admin-token";

export interface AdminRequest {
  method: "POST" | "PUT" | "DELETE";
  path: string;
  body?: unknown;
}

/** An answer that means "this token may not do that": the token prompt can fix it. */
export const isTokenRefusal = (err: unknown): err is ApiError => err instanceof ApiError && (err.status === 401 || err.status === 403);

/**
 * An admin write: sends the tab's admin token. Without one, `run` opens the token prompt and
 * carries on once a token is saved; a 401/403 marks the token refused so the bar says so. Every
 * admin query is refreshed afterwards.
 */
export function useAdminMutation<TVars, TResult>(opts: { request(vars: TVars): AdminRequest; reason: string; onSuccess?(result: TResult, vars: TVars): void }) {
  const qc = useQueryClient();
  const mutation = useMutation<TResult, unknown, TVars>({
    mutationFn: (vars) => {
      const { method, path, body } = opts.request(vars);
      const token = adminToken.get();
      return fetchJson<TResult>(path, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
    },
    onError: (err) => {
      if (isTokenRefusal(err)) adminToken.markRefused(err.status, err.message);
    },
    onSuccess: async (result, vars) => {
      opts.onSuccess?.(result, vars);
      await qc.invalidateQueries({ queryKey: queryKeys.admin });
    },
  });
  const { mutate, reset } = mutation;
  const run = useCallback(
    (vars: TVars) => {
      if (!adminToken.get()) {
        reset();
        adminToken.ask(opts.reason, () => mutate(vars));
      } else mutate(vars);
    },
    [mutate, reset, opts.reason],
  );
  /** After a refusal: ask for another token, then try the same write again. */
  const retryWithNewToken = useCallback(
    (vars: TVars) => adminToken.ask("The server refused the admin token. Enter one with the admin scope.", () => mutate(vars)),
    [mutate],
  );
  return { ...mutation, run, retryWithNewToken };
}
