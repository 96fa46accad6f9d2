"use client";

import { AdminTokenControl } from "./AdminTokenControl";
import { AdminTokenDialog } from "./AdminTokenDialog";

/** Every admin page: a sub-header with the admin token, the page, and the token prompt. */
export function AdminShell({ children }: { children: React.ReactNode }) {
  return (
    <>
      <div className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex min-h-10 max-w-[1600px] flex-wrap items-center gap-x-4 gap-y-1 px-4 py-1.5">
          <span className="text-xs font-semibold tracking-wide text-slate-400 uppercase">Admin · connectors</span>
          <span className="hidden text-xs text-slate-500 md:inline">Reading needs no token (except the token list); changes are sent with the admin token and recorded in the audit log.</span>
          <div className="ml-auto">
            <AdminTokenControl />
          </div>
        </div>
      </div>
      {children}
      <AdminTokenDialog />
    </>
  );
}
