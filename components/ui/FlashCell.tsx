"use client";

import { useFlash } from "@/hooks/use-flash";

/**
 * A numeric table cell that pulses when its value changes live. `data-flash` lets tests and
 * screenshots see the highlight.
 */
export function FlashCell({
  value,
  children,
  className = "",
  ...rest
}: { value: number | string | boolean | null; children: React.ReactNode; className?: string } & React.TdHTMLAttributes<HTMLTableCellElement>) {
  const { flash, key } = useFlash(value);
  return (
    <td key={key} data-flash={flash ?? undefined} className={`${className} ${flash ?? ""}`} {...rest}>
      {children}
    </td>
  );
}
