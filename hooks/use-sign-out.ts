"use client";

import { useCallback, useState } from "react";
import { AuthError, signOut } from "@/components/auth/auth-request";

/** Sign out, then a full load of the sign-in page (so nothing of this person stays on screen). */
export function useSignOut() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async () => {
    setPending(true);
    setError(null);
    try {
      await signOut();
    } catch (err) {
      // A 401 means the session had already ended: the person is signed out either way.
      if (!(err instanceof AuthError && err.status === 401)) {
        setPending(false);
        setError(
          err instanceof AuthError && err.code === "network" ? "The server could not be reached; you are still signed in." : `Signing out failed: ${err instanceof Error ? err.message : String(err)}`,
        );
        return;
      }
    }
    window.location.assign("/sign-in");
  }, []);
  return { signOut: run, pending, error };
}
