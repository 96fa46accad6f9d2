"use client";

import { CopyButton } from "./CopyButton";

/**
 * A copyable command. Copy sits in a bar above the code, not over it: a long line scrolls
 * sideways inside the block, and on a phone an overlaid button hid the text under it.
 */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <div className="overflow-hidden rounded-md bg-slate-900">
      <div className="flex items-center justify-between gap-2 border-b border-slate-700/70 px-3 py-1.5">
        <span className="truncate text-[11px] font-medium text-slate-400">{label}</span>
        <CopyButton value={code} what={label.toLowerCase()} className="border-slate-600 bg-slate-800 text-slate-100 hover:bg-slate-700" />
      </div>
      <pre role="region" aria-label={label} className="overflow-x-auto p-3 font-mono text-[12px] leading-relaxed text-slate-100">
        {code}
      </pre>
    </div>
  );
}
