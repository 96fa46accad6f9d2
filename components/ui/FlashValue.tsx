"use client";

import { useFlash } from "@/hooks/use-flash";

/** Inline text that pulses when its value changes live (the table-cell version is FlashCell). */
export function FlashValue({ value, children, className = "" }: { value: number | string | boolean | null; children: React.ReactNode; className?: string }) {
  const { flash, key } = useFlash(value);
  return (
    <span key={key} data-flash={flash ?? undefined} className={`-mx-1 rounded px-1 ${className} ${flash ?? ""}`}>
      {children}
    </span>
  );
}
