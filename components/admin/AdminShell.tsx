/** Every admin page: a plain sub-header, then the page. Who may change what is the server's call. */
export function AdminShell({ children }: { children: React.ReactNode }) {
  return (
    <>
      <div className="border-b border-slate-200 bg-white" data-testid="admin-shell">
        <div className="mx-auto flex min-h-10 max-w-[1600px] flex-wrap items-center gap-x-4 gap-y-1 px-4 py-1.5">
          <span className="text-xs font-semibold tracking-wide text-slate-400 uppercase">Admin</span>
          <span className="text-xs text-slate-500">Changes are recorded in the audit log with your name.</span>
        </div>
      </div>
      {children}
    </>
  );
}
