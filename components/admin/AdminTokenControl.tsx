"use client";

import { adminToken, useAdminToken } from "@/hooks/use-admin-token";

const btn = "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50";

/** The admin bar's token state: not set / set (last 4 characters) / refused, and the ways to change it. */
export function AdminTokenControl() {
  const { token, refused } = useAdminToken();
  const state = !token ? "missing" : refused ? "refused" : "set";
  return (
    <div data-testid="admin-token" data-state={state} className="flex items-center gap-2 text-xs">
      <span className="text-slate-500">Admin token</span>
      {state === "missing" && (
        <>
          <span className="text-slate-400" title="Reading works without one; changes ask for it">
            not set · read-only
          </span>
          <button type="button" onClick={() => adminToken.ask()} className={`${btn} border-sky-300 text-sky-800 hover:bg-sky-50`}>
            Enter token
          </button>
        </>
      )}
      {state === "set" && (
        <>
          <span className="inline-flex items-center gap-1.5 font-medium text-emerald-700" title="Sent with admin changes from this tab">
            <span aria-hidden className="size-1.5 rounded-full bg-emerald-500" />
            <span className="font-mono">••••{token!.slice(-4)}</span>
          </span>
          <button type="button" onClick={() => adminToken.ask()} className={btn}>
            Change
          </button>
          <button type="button" onClick={() => adminToken.forget()} className={btn}>
            Forget
          </button>
        </>
      )}
      {state === "refused" && (
        <>
          <span role="alert" className="inline-flex items-center gap-1.5 font-medium text-rose-700" title={refused!.message}>
            <span aria-hidden className="size-1.5 rounded-full bg-rose-500" />
            refused (HTTP {refused!.status})
          </span>
          <button type="button" onClick={() => adminToken.ask("The server refused the admin token. Enter one with the admin scope.")} className={`${btn} border-rose-300 text-rose-800 hover:bg-rose-50`}>
            Re-enter token
          </button>
          <button type="button" onClick={() => adminToken.forget()} className={btn}>
            Forget
          </button>
        </>
      )}
    </div>
  );
}
