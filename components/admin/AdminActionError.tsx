"use client";

import { ApiError } from "@/components/api/fetch-json";
import { isTokenRefusal } from "@/hooks/use-admin-mutation";

const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? "" : "."}`;

/**
 * A failed admin write, inline where it was made. A refused token (401/403) says so and offers to
 * enter another one, then repeats the write.
 */
export function AdminActionError({ error, onReenterToken, className = "" }: { error: unknown; onReenterToken(): void; className?: string }) {
  if (!error) return null;
  if (isTokenRefusal(error)) {
    return (
      <p role="alert" data-testid="admin-error" data-code={error.code} className={`text-xs text-rose-700 ${className}`}>
        {error.status === 403 ? "This token may not make admin changes" : "The admin token was refused"} (HTTP {error.status}: {error.message}).{" "}
        <button type="button" onClick={onReenterToken} className="font-medium underline">
          Enter another token
        </button>
      </p>
    );
  }
  const api = error instanceof ApiError ? error : null;
  return (
    <p role="alert" data-testid="admin-error" data-code={api?.code} className={`text-xs text-rose-700 ${className}`}>
      {api ? (api.code === "network" ? "The server could not be reached; nothing was changed." : sentence(api.message)) : error instanceof Error ? error.message : String(error)}
      {api && api.status > 0 && <span className="ml-1 font-mono text-[11px] text-rose-400">HTTP {api.status} · {api.code}</span>}
    </p>
  );
}
