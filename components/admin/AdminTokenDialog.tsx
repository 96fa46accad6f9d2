"use client";

import { useEffect, useRef, useState } from "react";
import { adminToken, useAdminToken } from "@/hooks/use-admin-token";

/**
 * The token prompt (a modal <dialog>: focus stays inside, Esc closes it). Opened by the admin bar or
 * by a write that has no token; saving runs the write that asked for it.
 */
export function AdminTokenDialog() {
  const { prompt, refused } = useAdminToken();
  const ref = useRef<HTMLDialogElement>(null);
  const [value, setValue] = useState("");
  const [shown, setShown] = useState(false);
  const [invalid, setInvalid] = useState<string | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (prompt && !d.open) {
      setValue("");
      setInvalid(null);
      setShown(false);
      d.showModal();
      d.querySelector<HTMLInputElement>("#admin-token-input")?.focus();
    } else if (!prompt && d.open) d.close();
  }, [prompt]);

  return (
    <dialog
      ref={ref}
      aria-labelledby="admin-token-title"
      data-testid="admin-token-dialog"
      onClose={() => adminToken.close()}
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          const t = value.trim();
          if (t.length < 8) return setInvalid("Paste the whole token (connector tokens are long).");
          adminToken.save(t);
        }}
        className="p-5"
      >
        <h2 id="admin-token-title" className="text-base font-semibold">
          Admin token
        </h2>
        {prompt?.reason && <p className="mt-1 text-sm font-medium text-slate-800">{prompt.reason}</p>}
        {refused && (
          <p role="alert" className="mt-2 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 ring-1 ring-rose-600/20 ring-inset">
            The current token was refused (HTTP {refused.status}): {refused.message}.
          </p>
        )}
        <p className="mt-2 text-sm text-slate-600">
          Changes to sources, mappings, rejections and tokens — and listing the tokens — need a connector token with the <code className="rounded bg-slate-100 px-1">admin</code> scope, such as{" "}
          <code className="rounded bg-slate-100 px-1">ONEPOOL_BOOTSTRAP_TOKEN</code> or one from{" "}
          <code className="rounded bg-slate-100 px-1">npm run token -- create ops --scopes admin</code>. Other reading needs none.
        </p>
        <label htmlFor="admin-token-input" className="mt-4 block text-xs font-medium text-slate-600">
          Token
        </label>
        <div className="mt-1 flex gap-2">
          <input
            id="admin-token-input"
            type={shown ? "text" : "password"}
            value={value}
            onChange={(e) => {
              setValue(e.target.value);
              setInvalid(null);
            }}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={invalid ? "admin-token-error" : "admin-token-note"}
            className="h-8 min-w-0 flex-1 rounded-md border border-slate-300 px-2 font-mono text-sm shadow-xs focus:border-sky-500 focus:ring-2 focus:ring-sky-500/20 focus:outline-none"
          />
          <button type="button" onClick={() => setShown((s) => !s)} className="rounded-md border border-slate-300 bg-white px-2.5 text-xs font-medium text-slate-700 hover:bg-slate-50">
            {shown ? "Hide" : "Show"}
          </button>
        </div>
        {invalid ? (
          <p id="admin-token-error" className="mt-1 text-xs text-rose-700">
            {invalid}
          </p>
        ) : (
          <p id="admin-token-note" className="mt-1 text-xs text-slate-500">
            Kept in this tab only (sessionStorage): closing the tab forgets it.
          </p>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <button type="button" onClick={() => adminToken.close()} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
            Cancel
          </button>
          <button type="submit" className="rounded-md bg-slate-900 px-3.5 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
            {prompt?.then ? "Save and continue" : "Save for this tab"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
