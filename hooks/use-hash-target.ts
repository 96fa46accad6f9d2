"use client";

import { useEffect, useState } from "react";

/**
 * The element id the address names (`#source-shopify-web`), now and after every hash change. Read
 * after mount: a client-side navigation (next/link) sets the hash with pushState, which neither
 * fires `hashchange` nor moves CSS `:target`, so the page highlights by this instead.
 */
export function useHashTarget(): [string | null, (id: string | null) => void] {
  const [target, setTarget] = useState<string | null>(null);
  useEffect(() => {
    const read = () => setTarget(window.location.hash.length > 1 ? decodeURIComponent(window.location.hash.slice(1)) : null);
    read();
    window.addEventListener("hashchange", read);
    return () => window.removeEventListener("hashchange", read);
  }, []);
  return [target, setTarget];
}
