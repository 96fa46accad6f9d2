"use client";

// The count workflow's client side: types as the API answers them and the TanStack Query hooks.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, fetchJson } from "@/client/api/fetch-json";
import { sendJson } from "@/client/api/send-json";
import { useLiveRoom } from "@/hooks/use-live-room";
import type { CountLineView, CountView } from "@/server/queries/get-count";

export type CountStatus = "open" | "in_review" | "approved" | "cancelled";
export interface CountSummary {
  id: string;
  location: string;
  status: CountStatus;
  blind: boolean;
  lines: number;
  expected: number;
  createdAt: string;
  createdBy: string;
}
/** A count's line and the count itself as GET /api/counts/<id> answers them (server/queries/get-count.ts). */
export type CountLine = CountLineView;
export type CountDetail = Omit<CountView, "status"> & { status: CountStatus };

export const countKeys = {
  all: ["counts"] as const,
  list: (status: string) => ["counts", "list", status] as const,
  one: (id: string) => ["counts", "one", id] as const,
};

export const STATUS_LABELS: Record<CountStatus, string> = { open: "Counting", in_review: "In review", approved: "Approved", cancelled: "Cancelled" };

export function useCounts(status: string) {
  return useQuery({
    queryKey: countKeys.list(status),
    queryFn: ({ signal }) => fetchJson<{ counts: CountSummary[] }>(`/api/counts${status ? `?status=${encodeURIComponent(status)}` : ""}`, { signal }),
    // Live over the "counts" room (useCountsLive); the poll only covers a lost connection.
    refetchInterval: 60_000,
  });
}

/**
 * Count screens follow changes made anywhere (another tablet, a reviewer, another instance): each
 * change of a count arrives on the "counts" room and refetches the list and that count.
 */
export function useCountsLive() {
  const qc = useQueryClient();
  useLiveRoom("counts", {
    onFrame: (data) => {
      if (!("count" in data)) return;
      void qc.invalidateQueries({ queryKey: ["counts", "list"] });
      void qc.invalidateQueries({ queryKey: countKeys.one(data.count.id) });
    },
    onResync: () => void qc.invalidateQueries({ queryKey: countKeys.all }),
  });
}

export function useCount(id: string) {
  return useQuery({
    queryKey: countKeys.one(id),
    queryFn: ({ signal }) => fetchJson<CountDetail>(`/api/counts/${encodeURIComponent(id)}`, { signal }),
    // Live over the "counts" room (useCountsLive); the poll only covers a lost connection.
    refetchInterval: (q) => (q.state.data && (q.state.data.status === "approved" || q.state.data.status === "cancelled") ? false : 60_000),
  });
}

/** A write on one count; every count query is refreshed after it. */
export function useCountAction<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: countKeys.all }) });
}

export const saveLines = (id: string, lines: { sku: string; counted: number; reason?: string }[]) =>
  sendJson<{ lines: number; replaced: number }>("PUT", `/api/counts/${encodeURIComponent(id)}/lines`, { lines });

export const uploadCsv = (id: string, csv: string) =>
  fetchJson<{ lines: number; replaced: number }>(`/api/counts/${encodeURIComponent(id)}/lines`, { method: "PUT", headers: { "content-type": "text/csv" }, body: csv });

export const moveCount = (id: string, verb: "submit" | "cancel") => fetchJson<{ id: string; status: CountStatus }>(`/api/counts/${encodeURIComponent(id)}/${verb}`, { method: "POST" });

export const approveCount = (id: string, reasons: Record<string, string>) =>
  sendJson<{ id: string; status: CountStatus; events: number }>("POST", `/api/counts/${encodeURIComponent(id)}/approve`, { reasons });

export { ApiError };
