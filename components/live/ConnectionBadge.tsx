"use client";

import { useConnectionStatus } from "./LiveProvider";

const LOOK = {
  connecting: { label: "Connecting…", dot: "bg-slate-400", text: "text-slate-600", hint: "Opening the live connection." },
  live: { label: "Live", dot: "bg-emerald-500", text: "text-emerald-700", hint: "Numbers update as events arrive." },
  reconnecting: { label: "Reconnecting…", dot: "bg-amber-500", text: "text-amber-700", hint: "Connection lost; numbers may be behind until it is back." },
  offline: { label: "Offline", dot: "bg-rose-500", text: "text-rose-700", hint: "No live connection: numbers are not updating. Retrying in the background." },
  "signed-out": { label: "Signed out", dot: "bg-slate-400", text: "text-slate-600", hint: "Your session ended: numbers are not updating until you sign in again." },
} as const;

/** Live connection state, in words and colour; announced to screen readers when it changes. */
export function ConnectionBadge() {
  const status = useConnectionStatus();
  const look = LOOK[status];
  return (
    <span
      role="status"
      aria-live="polite"
      data-testid="connection"
      data-state={status}
      title={look.hint}
      className={`inline-flex items-center gap-1.5 rounded-full bg-white px-2.5 py-1 text-xs font-medium ring-1 ring-slate-200 ${look.text}`}
    >
      <span aria-hidden className="relative flex size-2">
        {/* A few pings when the connection becomes live, then a steady dot: an endless animation kept a
            fifth of a core busy on every open page (docs/UI.md, "Motion"), and none for reduced motion. */}
        {status === "live" && (
          <span className="absolute inline-flex size-full rounded-full bg-emerald-400 opacity-60 motion-safe:animate-ping [animation-duration:2.5s]! [animation-fill-mode:forwards]! [animation-iteration-count:3]!" />
        )}
        <span className={`relative inline-flex size-2 rounded-full ${look.dot}`} />
      </span>
      {/* On a phone the passing states are the dot alone (the word stays for screen readers and in the title): "Connecting…" beside the alert count pushed a 390 px header sideways. */}
      <span className={status === "connecting" || status === "reconnecting" ? "max-sm:sr-only" : undefined}>{look.label}</span>
    </span>
  );
}
