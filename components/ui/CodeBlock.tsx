"use client";

import { useState } from "react";

/** A copyable command. */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="group relative">
      <pre aria-label={label} className="overflow-x-auto rounded-md bg-slate-900 p-3 pr-16 font-mono text-[12px] leading-relaxed text-slate-100">
        {code}
      </pre>
      <button
        type="button"
        onClick={() => {
          void navigator.clipboard?.writeText(code).then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          });
        }}
        className="absolute top-2 right-2 rounded bg-slate-700 px-2 py-0.5 text-[11px] font-medium text-slate-100 opacity-80 hover:opacity-100 focus-visible:opacity-100"
      >
        {copied ? "Copied" : "Copy"}
      </button>
    </div>
  );
}
