"use client";

import { useEffect, useRef, useState } from "react";
import type { SourceSecret } from "@/client/api/types";
import { useRevokeSecret } from "@/hooks/use-revoke-secret";
import { AdminActionError } from "./AdminActionError";

/** Revoke with a confirmation step in place: deliveries signed with the secret are refused at once. */
export function RevokeSecretButton({ code, secret, last }: { code: string; secret: SourceSecret; last: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const revoke = useRevokeSecret();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const vars = { code, id: secret.id };
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  if (!confirming) {
    return (
      <button
        ref={openRef}
        type="button"
        onClick={() => setConfirming(true)}
        aria-label={`Revoke secret ${secret.hint}`}
        className="rounded px-1.5 py-0.5 text-xs font-medium text-rose-700 hover:bg-rose-50"
      >
        Revoke
      </button>
    );
  }
  const cancel = () => {
    setConfirming(false);
    revoke.reset();
    setTimeout(() => openRef.current?.focus());
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape from either button inside cancels the confirmation; the buttons are the interactive parts
    <div className="flex flex-col items-end gap-1" onKeyDown={(e) => e.key === "Escape" && cancel()}>
      <span className="text-right text-xs text-rose-800">{last ? "Last active secret: every delivery will be refused." : "Refuse deliveries signed with it, now?"}</span>
      <span className="flex gap-1">
        <button
          ref={confirmRef}
          type="button"
          disabled={revoke.isPending}
          onClick={() => revoke.run(vars)}
          className="rounded bg-rose-600 px-2 py-0.5 text-xs font-medium text-white hover:bg-rose-700 disabled:opacity-60"
        >
          {revoke.isPending ? "Revoking…" : `Revoke ${secret.hint}`}
        </button>
        <button type="button" onClick={cancel} className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-50">
          Cancel
        </button>
      </span>
      <AdminActionError error={revoke.error} className="text-right" />
    </div>
  );
}
