/** Where a control is hidden for this role: says so, instead of leaving people to look for it. */
export function ReadOnlyNote({ children, className = "" }: { children: React.ReactNode; className?: string }) {
  return (
    <span data-testid="read-only-note" className={`inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-2.5 py-0.5 text-xs text-slate-600 ${className}`}>
      <svg aria-hidden viewBox="0 0 20 20" className="size-3.5 text-slate-400" fill="currentColor">
        <path
          fillRule="evenodd"
          d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z"
          clipRule="evenodd"
        />
      </svg>
      {children}
    </span>
  );
}
