"use client";

import { useCan } from "@/components/auth/ViewerProvider";

/**
 * An admin page's sub-header: what this person may do here, then the page. Rendered by each page
 * after its guard passed (not by a layout), so a 403 never sits under "You can look".
 * The server decides; this only says.
 */
export function AdminShell({ children }: { children: React.ReactNode }) {
  const admin = useCan("users.manage");
  const changes = useCan("mappings.write");
  return (
    <>
      <div className="border-b border-slate-200 bg-white" data-testid="admin-shell">
        <div className="mx-auto flex min-h-10 max-w-[1600px] flex-wrap items-center gap-x-4 gap-y-1 px-4 py-1.5">
          <span className="text-xs font-semibold tracking-wide text-slate-400 uppercase">{admin ? "Admin" : changes ? "Connectors" : "Connectors · read-only"}</span>
          <span className="text-xs text-slate-500">
            {changes ? "Changes are recorded in the audit log with your name." : "You can look; changes here are made by merchandisers (mappings) and admins."}
          </span>
        </div>
      </div>
      {children}
    </>
  );
}
