"use client";

import { SessionEnded } from "@/components/auth/SessionEnded";
import { useConnectionStatus } from "./LiveProvider";

/**
 * The live connection was refused for want of a session (it ended in another tab, expired, or an
 * admin deactivated this person): nothing on screen updates until they sign in again.
 */
export function SessionEndedBanner() {
  const status = useConnectionStatus();
  if (status !== "signed-out") return null;
  return (
    <div role="alert" data-testid="session-ended" className="border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-center text-xs font-medium text-amber-900">
      <SessionEnded />. The numbers on screen are no longer updating.
    </div>
  );
}
