"use client";

import { useConnectionStatus } from "./LiveProvider";

/** Says plainly when the numbers on screen have stopped updating (the badge alone is easy to miss). */
export function OfflineBanner() {
  const status = useConnectionStatus();
  if (status !== "offline") return null;
  return (
    <div role="alert" className="border-b border-rose-200 bg-rose-50 px-4 py-1.5 text-center text-xs font-medium text-rose-800">
      No live connection — the numbers on screen are not updating. Retrying in the background.
    </div>
  );
}
