"use client";

import { ApiError } from "@/client/api/fetch-json";
import { SessionEnded } from "@/components/auth/SessionEnded";

const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? "" : "."}`;

/**
 * A failed admin write, inline where it was made. 401: the session ended, so sign in again (and
 * come back here). 403: the server's reason, e.g. the role it needs.
 */
export function AdminActionError({ error, className = "" }: { error: unknown; className?: string }) {
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  let text: React.ReactNode;
  if (!api) text = error instanceof Error ? error.message : String(error);
  else if (api.status === 401)
    text = (
      <>
        <SessionEnded />; nothing was changed.
      </>
    );
  else if (api.status === 403) text = `Not allowed: ${sentence(api.message)}`;
  else if (api.code === "network") text = "The server could not be reached; nothing was changed.";
  else text = sentence(api.message);
  return (
    <p role="alert" data-testid="admin-error" data-code={api?.code} className={`text-xs text-rose-700 ${className}`}>
      {text}
      {api && api.status > 0 && (
        <span className="ml-1 font-mono text-[11px] text-rose-400">
          HTTP {api.status} · {api.code}
        </span>
      )}
    </p>
  );
}
