/** A keyboard key hint. */
export function Kbd({ children }: { children: React.ReactNode }) {
  return <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-px font-sans text-[11px] font-medium text-slate-500">{children}</kbd>;
}
