"use client";

import { type RefObject, useEffect, useRef } from "react";

/**
 * A value shown once (a new token, secret or password): each time `shown` changes, scroll its box into
 * view and focus its first button (Copy), so a keyboard user lands on it and nobody misses it.
 */
export function useReveal<T extends HTMLElement = HTMLDivElement>(shown: unknown): RefObject<T | null> {
  const ref = useRef<T>(null);
  // `shown` is a dependency only so the effect runs again for each new value.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "nearest" });
    ref.current?.querySelector<HTMLButtonElement>("button")?.focus();
  }, [shown]);
  return ref;
}
