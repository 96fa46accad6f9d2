"use client";

import { CopyButton } from "@/components/ui/CopyButton";

/**
 * A secret or token Onepool generated: shown here once, never again. Signing secrets keep their
 * last 4 characters visible (`hint`), tokens their first 10 (the prefix); `what` names it in the copy.
 */
export function SecretOnce({
  secret,
  hint,
  where,
  onDone,
  what = "secret",
  kept = "Onepool keeps it sealed and will never show it again; if it is lost, rotate again.",
  testId = "secret-once",
  children,
}: {
  secret: string;
  hint: string;
  where: string;
  onDone(): void;
  what?: string;
  kept?: string;
  testId?: string;
  children?: React.ReactNode;
}) {
  return (
    <div role="status" data-testid={testId} className="rounded-md border border-amber-300 bg-amber-50 p-3">
      <p className="text-sm font-semibold text-amber-900">
        New {what} {hint} — shown only once
      </p>
      <p className="mt-0.5 text-xs text-amber-900/80">
        Copy it now into {where}. {kept}
      </p>
      <div className="mt-2 flex items-center gap-2">
        <code data-testid="secret-value" className="min-w-0 flex-1 rounded bg-white px-2 py-1 font-mono text-xs break-all text-slate-900 ring-1 ring-amber-200">
          {secret}
        </code>
        <CopyButton value={secret} what={`the new ${what}`} />
      </div>
      {children}
      <button type="button" onClick={onDone} className="mt-2 text-xs font-medium text-amber-900 underline">
        I have stored it — hide
      </button>
    </div>
  );
}
