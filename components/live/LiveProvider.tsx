"use client";

import { createContext, useContext, useEffect, useState, useSyncExternalStore } from "react";
import { useViewer } from "@/components/auth/ViewerProvider";
import { LiveClient, type ConnectionStatus } from "@/client/live/live-client";

const LiveContext = createContext<LiveClient | null>(null);

/**
 * Owns the single socket for the tab; created after mount, so server rendering never opens one,
 * and only for a signed-in person (the server refuses anonymous handshakes).
 */
export function LiveProvider({ children }: { children: React.ReactNode }) {
  const viewer = useViewer();
  const viewerId = viewer?.id ?? null;
  const role = viewer?.role ?? null;
  const [client, setClient] = useState<LiveClient | null>(null);
  useEffect(() => {
    if (!viewerId || !role) return;
    const c = new LiveClient(role);
    setClient(c);
    return () => {
      c.close();
      setClient(null);
    };
  }, [viewerId, role]);
  return <LiveContext.Provider value={client}>{children}</LiveContext.Provider>;
}

/** The shared live client, or null during server rendering and the first client render. */
export const useLiveClient = () => useContext(LiveContext);

const noop = () => () => {};

export function useConnectionStatus(): ConnectionStatus {
  const client = useLiveClient();
  return useSyncExternalStore(
    client?.onStatus ?? noop,
    () => client?.getStatus() ?? "connecting",
    () => "connecting",
  );
}
