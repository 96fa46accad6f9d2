"use client";

import { useEffect } from "react";
import { type ParamValue, withParams } from "@/client/url/with-params";

/**
 * Keeps these query parameters of the address bar equal to a page's filters without a navigation
 * (`replaceState`: no history entry per keystroke), so a reload or a shared link opens the same view.
 * An empty value removes its parameter; other parameters and the hash stay. Off while `enabled` is
 * false (a page whose filter is not known yet).
 */
export function useParamsInUrl(params: Readonly<Record<string, ParamValue>>, enabled = true): void {
  // Compared by value: callers build the object on every render. (undefined → null: JSON would drop the key.)
  const wanted = JSON.stringify(Object.entries(params).map(([key, value]) => [key, value || null]));
  useEffect(() => {
    if (!enabled) return;
    const next = withParams(window.location.href, Object.fromEntries(JSON.parse(wanted) as [string, string | null][]));
    if (next !== window.location.href) window.history.replaceState(window.history.state, "", next);
  }, [wanted, enabled]);
}
