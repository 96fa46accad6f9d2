"use client";

// Alert destinations on the client (docs/ALERTS.md "Destinations"): the list, save and delete, for
// admins (`alerts.settings`). The list polls so a failing destination shows without a reload.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/client/api/fetch-json";
import { polledJson, pollUntilError } from "@/client/api/polled-query";
import { sendJson } from "@/client/api/send-json";
import type { AlertDestinationInput } from "@/lib/contracts/alert-destinations";
import type { AlertDestinationView } from "@/server/alert-destinations/save-alert-destination";

export type { AlertDestinationView };
export type SavedDestination = AlertDestinationView & { secret?: string };

export const DESTINATIONS_POLL_MS = 15_000;
export const destinationKeys = { all: ["alert-destinations"] as const };

export function useAlertDestinations() {
  // No polling once refused (session ended, role changed).
  return useQuery(polledJson<{ destinations: AlertDestinationView[] }>(destinationKeys.all, "/api/alert-destinations", pollUntilError(DESTINATIONS_POLL_MS)));
}

const path = (name: string) => `/api/alert-destinations/${encodeURIComponent(name)}`;

export function useSaveAlertDestination() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { name: string; body: AlertDestinationInput }) => sendJson<SavedDestination>("PUT", path(v.name), v.body),
    onSettled: () => qc.invalidateQueries({ queryKey: destinationKeys.all }),
  });
}

export function useDeleteAlertDestination() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => fetchJson<{ dropped: number }>(path(name), { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: destinationKeys.all }),
  });
}
