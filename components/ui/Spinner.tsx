/** A small busy indicator for buttons; the button's own text says what is happening. */
export function Spinner({ className = "border-white/40 border-t-white" }: { className?: string }) {
  return <span aria-hidden className={`inline-block size-3.5 animate-spin rounded-full border-2 ${className}`} />;
}
