"use client";

import type { ApiError } from "@/components/api/fetch-json";
import { adminToken } from "@/hooks/use-admin-token";

/**
 * The token list before it can be read: no admin token in this tab yet, or the server refused the
 * one given (401 unknown / revoked / expired, 403 without the admin scope).
 */
export function TokensLocked({ refusal, onEntered }: { refusal: ApiError | null; onEntered(): void }) {
  const ask = () => adminToken.ask(refusal ? "The server refused this admin token. Enter one with the admin scope to see the tokens." : "Listing connector tokens needs an admin token.", () => onEntered());
  return (
    <section data-testid="tokens-locked" data-state={refusal ? "refused" : "missing"} aria-labelledby="tokens-locked-title" className="mx-auto my-6 max-w-2xl rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <div aria-hidden className={`mx-auto mb-3 grid size-10 place-items-center rounded-full ${refusal ? "bg-rose-50 text-rose-600" : "bg-slate-100 text-slate-500"}`}>
        <svg viewBox="0 0 20 20" className="size-5" fill="currentColor">
          <path fillRule="evenodd" d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z" clipRule="evenodd" />
        </svg>
      </div>
      <h2 id="tokens-locked-title" className="text-base font-semibold text-slate-900">
        {!refusal ? "Enter an admin token to see the tokens" : refusal.status === 403 ? "This token may not list tokens" : "The admin token was refused"}
      </h2>
      {refusal ? (
        <div role="alert">
          <p className="mx-auto mt-1 max-w-md text-sm text-rose-800">
            {refusal.status === 403 ? "It lacks the admin scope." : `The server answered: ${refusal.message}.`} Enter a token with the <code className="rounded bg-rose-50 px-1">admin</code> scope.
          </p>
          <p className="mt-1 font-mono text-xs text-slate-400">
            HTTP {refusal.status} · {refusal.code}
          </p>
        </div>
      ) : (
        <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
          Unlike the rest of the admin screens, even listing connector tokens — their names, scopes and prefixes — needs a token with the <code className="rounded bg-slate-100 px-1">admin</code> scope.
        </p>
      )}
      <button type="button" onClick={ask} className="mt-4 rounded-md bg-slate-900 px-3.5 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
        {refusal ? "Enter another token" : "Enter admin token"}
      </button>
      <p className="mx-auto mt-4 max-w-md text-xs text-slate-500">
        The first one is <code className="rounded bg-slate-100 px-1">ONEPOOL_BOOTSTRAP_TOKEN</code> from the server&apos;s environment, or one printed by{" "}
        <code className="rounded bg-slate-100 px-1">npm run token -- create ops --scopes admin</code>. It stays in this tab only.
      </p>
    </section>
  );
}
