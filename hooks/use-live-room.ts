"use client";

import { useEffect, useRef } from "react";
import type { FrameData } from "@/client/api/types";
import { useLiveClient } from "@/components/live/LiveProvider";

export interface LiveRoomHandlers {
  onFrame(data: FrameData, seq: number): void;
  onResync(): void;
}

/**
 * Subscribe to a Socket.IO room while the calling component is mounted (unsubscribes on unmount
 * or when `room` changes). Handlers may change every render; the subscription does not.
 */
export function useLiveRoom(room: string | null, handlers: LiveRoomHandlers): void {
  const client = useLiveClient();
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    if (!client || !room) return;
    return client.join(room, {
      onFrame: (data, seq) => ref.current.onFrame(data, seq),
      onResync: () => ref.current.onResync(),
    });
  }, [client, room]);
}
