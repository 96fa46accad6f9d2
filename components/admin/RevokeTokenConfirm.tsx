"use client";

import { useEffect, useRef } from "react";
import type { TokenView } from "@/client/api/types";
import { useRevokeToken } from "@/hooks/use-revoke-token";
import { AdminActionError } from "./AdminActionError";

/** The confirmation step of Revoke, under the token's row: requests carrying it are refused at once (401 token_revoked). */
export function RevokeTokenConfirm({ token, onClose }: { token: TokenView; onClose(): void }) {
  const revoke = useRevokeToken();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const vars = { id: token.id };
  useEffect(() => confirmRef.current?.focus(), []);

  return (
    <div
      data-testid="revoke-token-confirm"
      role="group"
      aria-label={`Revoke token ${token.name}`}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose();
        }
      }}
      className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-md border border-rose-200 bg-rose-50/70 px-3 py-2"
    >
      <p className="min-w-[16rem] flex-1 text-xs text-rose-800">
        Refuse every request carrying <span className="font-mono">{token.prefix}…</span> ({token.name}), from the next one on? This cannot be undone; rotate instead to give the sender time to switch.
      </p>
      <span className="flex gap-1.5">
        <button
          ref={confirmRef}
          type="button"
          disabled={revoke.isPending}
          onClick={() => revoke.run(vars)}
          className="rounded-md bg-rose-600 px-2.5 py-1 text-xs font-medium whitespace-nowrap text-white hover:bg-rose-700 disabled:opacity-60"
        >
          {revoke.isPending ? "Revoking…" : `Revoke ${token.prefix}…`}
        </button>
        <button type="button" onClick={onClose} className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50">
          Cancel
        </button>
      </span>
      <AdminActionError error={revoke.error} className="basis-full" />
    </div>
  );
}
