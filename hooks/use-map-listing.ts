"use client";

import { useQueryClient } from "@tanstack/react-query";
import type { MapListingResult } from "@/client/api/types";
import { useAdminMutation } from "./use-admin-mutation";

export interface MapVars {
  channel: string;
  externalId: string;
  sku: string;
}

/** `POST /api/unmapped/map`: map a listing to a SKU; the events parked for it are replayed once. */
export function useMapListing(onMapped?: (result: MapListingResult) => void) {
  const qc = useQueryClient();
  return useAdminMutation<MapVars, MapListingResult>({
    request: (vars) => ({ method: "POST", path: "/api/unmapped/map", body: vars }),
    onSuccess: (result) => {
      onMapped?.(result);
      // The replay changed the SKU's numbers; the stock lists also get them live.
      void qc.invalidateQueries({ queryKey: ["sku", result.listing.sku] });
    },
  });
}
