"use client";

import { usePathname } from "next/navigation";

/**
 * "Your session ended — sign in again", linking to sign-in with a way back here. A full page load
 * (not a client navigation), so the layout drops the old person.
 */
export function SessionEnded({ linkClassName = "font-medium underline" }: { linkClassName?: string }) {
  const path = usePathname() ?? "/";
  return (
    <>
      Your session ended —{" "}
      <a
        href={`/sign-in?next=${encodeURIComponent(path)}`}
        onClick={(e) => {
          if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
          e.preventDefault();
          // Keep the query (filters, search) too, which usePathname leaves out.
          window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
        }}
        className={linkClassName}
        data-testid="sign-in-again"
      >
        sign in again
      </a>
    </>
  );
}
