"use client";

// Alerts on the client (docs/ALERTS.md): the list, the header count, acknowledge, (un)mute and the
// settings, as TanStack Query hooks, kept live by the `alerts` room.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { sendJson } from "@/client/api/send-json";
import { useCan } from "@/components/auth/ViewerProvider";
import type { AlertSettingsView } from "@/server/alerts/alert-settings";
import type { AlertView } from "@/server/alerts/get-alerts";
import type { AlertKind } from "@/lib/alerts/kinds";
import { useLiveRoom } from "./use-live-room";

export type { AlertSettingsView, AlertView };
export interface AlertsResponse {
  alerts: AlertView[];
  open: { total: number; muted: number; byKind: Record<string, number> };
}
export interface AlertQuery {
  state: "open" | "resolved" | "all";
  kind: AlertKind | null;
  sku?: string;
}

export const alertKeys = {
  all: ["alerts"] as const,
  list: (q: AlertQuery) => ["alerts", "list", q] as const,
  count: ["alerts", "count"] as const,
  settings: ["alert-settings"] as const,
};

export function alertsUrl(q: AlertQuery, limit = 1000): string {
  const p = new URLSearchParams({ state: q.state, limit: String(limit) });
  if (q.kind) p.set("kind", q.kind);
  if (q.sku) p.set("sku", q.sku);
  return `/api/alerts?${p}`;
}

/** The alerts of a filter (newest activity first, open before resolved). Live over the `alerts` room; the poll covers a lost connection. */
export function useAlerts(q: AlertQuery, enabled = true) {
  return useQuery({
    queryKey: alertKeys.list(q),
    queryFn: ({ signal }) => fetchJson<AlertsResponse>(alertsUrl(q), { signal }),
    // A filter change keeps the rows on screen while it loads; a SKU page never shows another SKU's.
    placeholderData: q.sku ? undefined : keepPreviousData,
    refetchInterval: 60_000,
    enabled,
  });
}

/** The header badge: open alerts that are not muted (a muted one was looked at and put aside). */
export function useOpenAlertCount() {
  const can = useCan("alerts.read");
  return useQuery({
    queryKey: alertKeys.count,
    queryFn: ({ signal }) => fetchJson<AlertsResponse>("/api/alerts?state=open&limit=1", { signal }),
    select: (d) => ({ open: d.open.total - d.open.muted, muted: d.open.muted }),
    refetchInterval: 60_000,
    enabled: can,
  });
}

/**
 * Every alert view follows the `alerts` room: a frame (opened, resolved, acknowledged, muted…)
 * refetches the lists and the count. Mounted once, by the header badge, so it runs on every page.
 */
export function useAlertsLive(enabled: boolean) {
  const qc = useQueryClient();
  useLiveRoom(enabled ? "alerts" : null, {
    onFrame: (data) => {
      if ("alert" in data) void qc.invalidateQueries({ queryKey: alertKeys.all });
    },
    onResync: () => void qc.invalidateQueries({ queryKey: alertKeys.all }),
  });
}

function useAlertWrite<V>(fn: (v: V) => Promise<unknown>, onDone?: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => onDone?.(),
    onSettled: () => qc.invalidateQueries({ queryKey: alertKeys.all }),
  });
}

export const useAcknowledgeAlert = () => useAlertWrite((id: string) => fetchJson<AlertView>(`/api/alerts/${encodeURIComponent(id)}/acknowledge`, { method: "POST" }));

export const useMuteAlert = (onDone?: () => void) =>
  useAlertWrite((v: { subject: Record<string, unknown>; until: string }) => sendJson("POST", "/api/alerts/mutes", { ...v.subject, until: v.until }), onDone);

export const useUnmuteAlert = () => useAlertWrite((subject: Record<string, unknown>) => sendJson("DELETE", "/api/alerts/mutes", subject));

export function useAlertSettings() {
  return useQuery({ queryKey: alertKeys.settings, queryFn: ({ signal }) => fetchJson<AlertSettingsView>("/api/alert-settings", { signal }) });
}

export function useSaveAlertSettings(onDone?: (v: AlertSettingsView) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: Record<string, Record<string, unknown>>) => sendJson<AlertSettingsView>("PUT", "/api/alert-settings", patch),
    onSuccess: (v) => {
      qc.setQueryData(alertKeys.settings, v);
      onDone?.(v);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: alertKeys.all }),
  });
}
