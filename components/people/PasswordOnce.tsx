"use client";

import { CopyButton } from "@/components/ui/CopyButton";
import { useReveal } from "@/hooks/use-reveal";

/** A password just set for someone: shown here once (Onepool keeps only its hash), to hand over. */
export function PasswordOnce({ name, password, children, onDone }: { name: string; password: string; children?: React.ReactNode; onDone(): void }) {
  const ref = useReveal(password);
  return (
    <div ref={ref} role="status" data-testid="password-once" className="rounded-md border border-amber-300 bg-amber-50 p-3">
      <p className="text-sm font-semibold text-amber-900">Password for {name} — shown only once</p>
      <p className="mt-0.5 text-xs text-amber-900/80">Hand it over by a private channel; they can change it once signed in. Onepool keeps only its hash and cannot show it again.</p>
      <div className="mt-2 flex items-center gap-2">
        <code data-testid="password-value" className="min-w-0 flex-1 rounded bg-white px-2 py-1 font-mono text-xs break-all text-slate-900 ring-1 ring-amber-200">
          {password}
        </code>
        <CopyButton value={password} what={`the password for ${name}`} />
      </div>
      {children}
      <button type="button" onClick={onDone} className="mt-2 text-xs font-medium text-amber-900 underline">
        I have handed it over — hide
      </button>
    </div>
  );
}
