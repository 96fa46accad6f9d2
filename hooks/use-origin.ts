"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** This app's origin for copy-paste commands; a placeholder while rendering on the server. */
export function useOrigin(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.origin,
    () => "http://localhost:3000",
  );
}
