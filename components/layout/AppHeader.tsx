"use client";

import Link from "next/link";
import { ConnectionBadge } from "@/components/live/ConnectionBadge";
import { OfflineBanner } from "@/components/live/OfflineBanner";
import { useOverviewLive } from "@/hooks/use-overview-live";
import { IngestLag } from "./IngestLag";

/** Top bar on every page; it also keeps the `overview` room joined so lists and lag stay live. */
export function AppHeader() {
  useOverviewLive();
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex h-12 max-w-[1600px] items-center gap-6 px-4">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-slate-900">
          <svg aria-hidden viewBox="0 0 32 32" className="size-6">
            <rect width="32" height="32" rx="7" fill="#0f172a" />
            <circle cx="16" cy="16" r="8.5" fill="none" stroke="#34d399" strokeWidth="3.5" />
            <circle cx="16" cy="16" r="2.5" fill="#34d399" />
          </svg>
          Onepool
        </Link>
        <nav aria-label="Main" className="text-sm">
          <Link href="/" className="rounded px-2 py-1 font-medium text-slate-700 hover:bg-slate-100">
            Live stock
          </Link>
        </nav>
        <div className="ml-auto flex items-center gap-4">
          <IngestLag />
          <ConnectionBadge />
        </div>
      </div>
      <OfflineBanner />
    </header>
  );
}
