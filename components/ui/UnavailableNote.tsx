import type { HTMLAttributes } from "react";

/** A panel's data did not load: one line naming what is missing, and Retry in place (pages use ErrorPanel). */
export function UnavailableNote({
  what,
  onRetry,
  className = "text-sm text-rose-700",
  ...rest
}: { what: string; onRetry: () => void } & HTMLAttributes<HTMLParagraphElement> & Record<`data-${string}`, string>) {
  return (
    <p className={className} {...rest}>
      {what} unavailable.{" "}
      <button type="button" className="underline hover:text-slate-700" onClick={onRetry}>
        Retry
      </button>
    </p>
  );
}
