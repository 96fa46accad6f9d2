import { io, type Socket } from "socket.io-client";
import type { FrameData, SkuRow, WireFrame } from "@/client/api/types";
import { throttle } from "@/client/live/throttle";
import { MAX_WATCHED_SKUS } from "@/lib/realtime/watch";

/** "signed-out" is final: the server refused this browser's session, so retrying cannot help. */
export type ConnectionStatus = "connecting" | "live" | "reconnecting" | "offline" | "signed-out";

export interface RoomListener {
  onFrame(data: FrameData, seq: number): void;
  /**
   * Refetch what this room feeds: frames were missed (gap too old, server restarted), or this is a
   * first join — data fetched before the subscription existed may have missed a frame.
   */
  onResync(): void;
}

interface SubscribeAck {
  ok: boolean;
  seq?: number;
  resync?: boolean;
  error?: string;
}

/** A page reporting what it shows while it scrolls: at most 4 `watch` messages a second (the server takes 10). */
const WATCH_EVERY_MS = 250;

/** Disconnected for this long (or the browser says offline) counts as offline, not reconnecting. */
const OFFLINE_AFTER_MS = 8000;

/**
 * One Socket.IO connection shared by every page. Rooms are reference-counted: the first listener
 * subscribes, the last one unsubscribes. The last sequence seen per room outlives the listeners,
 * so coming back to a room (or reconnecting) asks the server for exactly what was missed.
 */
export class LiveClient {
  private socket: Socket;
  private rooms = new Map<string, Set<RoomListener>>();
  private lastSeq = new Map<string, number>();
  private status: ConnectionStatus = "connecting";
  private statusListeners = new Set<() => void>();
  private offlineTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  /** The SKUs the page shows (docs/LIVE.md §watch); null = every row, what a socket gets until it says. */
  private watching: string[] | null = null;
  private onWatchRows: ((rows: SkuRow[]) => void) | null = null;
  private sendWatch = throttle(() => this.emitWatch(), WATCH_EVERY_MS);

  /** `role`: the signed-in person's role when the page loaded; a change reloads the page so every control follows it. */
  constructor(private readonly role: string) {
    // WebSocket only, as the server (docs/DECISIONS.md): no long-polling requests for a load
    // balancer or node:cluster to send to a process that does not know the session.
    this.socket = io({ path: "/socket.io", autoConnect: false, transports: ["websocket"] });
    this.socket.on("connect", () => this.resubscribeAll());
    this.socket.on("disconnect", (reason) => {
      this.onLost();
      // The server ends a person's connections when they are deactivated, their role changes or
      // their password is reset; Socket.IO does not reconnect by itself after that.
      if (reason === "io server disconnect") void this.checkSession();
    });
    this.socket.on("connect_error", (err) => (err.message === "unauthenticated" ? this.signedOut() : this.onLost()));
    this.socket.on("frame", (frame: WireFrame) => this.onFrame(frame));
    window.addEventListener("offline", this.onBrowserOffline);
    window.addEventListener("online", this.onBrowserOnline);
    this.socket.connect();
  }

  getStatus = (): ConnectionStatus => this.status;

  onStatus = (fn: () => void): (() => void) => {
    this.statusListeners.add(fn);
    return () => this.statusListeners.delete(fn);
  };

  join(room: string, listener: RoomListener): () => void {
    let set = this.rooms.get(room);
    if (!set) {
      this.rooms.set(room, (set = new Set()));
      if (this.socket.connected) this.subscribe(room);
    }
    set.add(listener);
    return () => {
      const current = this.rooms.get(room);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) {
        this.rooms.delete(room);
        if (this.socket.connected) this.socket.emit("unsubscribe", { room });
      }
    };
  }

  /**
   * Tell the server which SKUs' rows this page shows: overview frames then carry only theirs. The
   * current rows of SKUs that came into view arrive in the answer (`onRows`). Sent again on reconnect.
   */
  watch(skus: string[] | null, onRows?: (rows: SkuRow[]) => void): void {
    this.watching = skus === null ? null : skus.slice(0, MAX_WATCHED_SKUS);
    this.onWatchRows = onRows ?? null;
    this.sendWatch();
  }

  private emitWatch(): void {
    if (!this.socket.connected) return; // resubscribeAll sends it on connect
    const onRows = this.onWatchRows;
    this.socket.emit("watch", { skus: this.watching }, (ack: { ok?: boolean; rows?: SkuRow[]; error?: string } | undefined) => {
      if (!ack?.ok) console.warn(`[live] watch refused: ${ack?.error ?? "no answer"}`);
      else if (ack.rows?.length) onRows?.(ack.rows);
    });
  }

  close(): void {
    this.closed = true;
    this.clearOfflineTimer();
    window.removeEventListener("offline", this.onBrowserOffline);
    window.removeEventListener("online", this.onBrowserOnline);
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  /**
   * Subscribe every room again (with its last sequence: the server replays what was missed) and
   * turn "Live" once each is acknowledged: only then do frames flow.
   */
  private resubscribeAll(): void {
    this.clearOfflineTimer();
    const rooms = [...this.rooms.keys()];
    // Before the subscriptions: their catch-up frames are then cut to what the page shows.
    if (this.watching !== null) this.emitWatch();
    let pending = rooms.length;
    if (pending === 0) this.setStatus("live");
    // Every answer counts, a refusal too (it is logged): one refused room must not hold the badge back.
    for (const room of rooms) this.subscribe(room, () => --pending === 0 && this.status !== "signed-out" && this.setStatus("live"));
  }

  private subscribe(room: string, done?: () => void): void {
    const lastSeq = this.lastSeq.get(room);
    this.socket.emit("subscribe", lastSeq === undefined ? { room } : { room, lastSeq }, (ack: SubscribeAck) => {
      done?.();
      if (!ack?.ok) {
        console.warn(`[live] subscribe ${room} refused: ${ack?.error ?? "no answer"}`);
        return;
      }
      // Caught-up frames were emitted before this ack, so the server's sequence is now ours. On a
      // resync it replaces ours: another instance's `counts`/`alerts` numbering may be lower, and the
      // refetch below covers everything before it.
      if (typeof ack.seq === "number") {
        if (ack.resync) this.lastSeq.set(room, ack.seq);
        else this.bumpSeq(room, ack.seq);
      }
      if (ack.resync || lastSeq === undefined) for (const l of this.rooms.get(room) ?? []) l.onResync();
    });
  }

  private onFrame(frame: WireFrame): void {
    // A frame proves the connection works, whatever a network blip made us show meanwhile.
    if ((this.status === "offline" || this.status === "reconnecting") && this.socket.connected) {
      this.clearOfflineTimer();
      this.setStatus("live");
    }
    // The lag header is each instance's own reading, outside the room's order: never a replay.
    if ("lag" in frame.data) {
      for (const l of this.rooms.get(frame.room) ?? []) l.onFrame(frame.data, frame.seq);
      return;
    }
    const seen = this.lastSeq.get(frame.room);
    if (seen !== undefined && frame.seq <= seen) return; // a replay we already applied
    this.bumpSeq(frame.room, frame.seq);
    for (const l of this.rooms.get(frame.room) ?? []) l.onFrame(frame.data, frame.seq);
  }

  private bumpSeq(room: string, seq: number): void {
    this.lastSeq.set(room, Math.max(seq, this.lastSeq.get(room) ?? 0));
  }

  /** Still signed in (e.g. only the role changed)? Then connect again with the current session. */
  private async checkSession(): Promise<void> {
    let status = 0;
    let role: unknown = this.role;
    try {
      const res = await fetch("/api/me", { cache: "no-store", headers: { accept: "application/json" } });
      status = res.status;
      if (res.ok) role = ((await res.json()) as { role?: unknown }).role;
    } catch {
      // Unreachable: connect anyway and let Socket.IO's retries (and the offline state) take over.
    }
    if (this.closed || this.status === "signed-out") return;
    if (status === 401) this.signedOut();
    // An admin changed this person's role: the navigation and controls on screen are the old role's.
    else if (role !== this.role) window.location.reload();
    else this.socket.connect();
  }

  private signedOut(): void {
    this.clearOfflineTimer();
    this.socket.disconnect(); // no more retries: only signing in again can fix this
    this.setStatus("signed-out");
  }

  private onLost(): void {
    if (this.status === "offline" || this.status === "signed-out") return;
    if (this.status === "live" || this.status === "connecting") this.setStatus(this.status === "live" ? "reconnecting" : "connecting");
    if (!this.offlineTimer) this.offlineTimer = setTimeout(() => this.setStatus("offline"), OFFLINE_AFTER_MS);
  }

  private onBrowserOffline = () => this.status !== "signed-out" && this.setStatus("offline");
  /**
   * The network is back. A socket that survived the blip (short losses often leave the WebSocket
   * open) is asked to prove it: subscribing again answers over it, and replays what was missed.
   * Without that the badge stayed "Offline" while frames kept arriving. A dead one reconnects.
   */
  private onBrowserOnline = () => {
    if (this.status === "signed-out") return;
    if (this.socket.connected) {
      this.resubscribeAll();
      return;
    }
    this.setStatus("reconnecting");
    this.socket.connect();
  };

  private clearOfflineTimer(): void {
    if (this.offlineTimer) clearTimeout(this.offlineTimer);
    this.offlineTimer = null;
  }

  private setStatus(s: ConnectionStatus): void {
    if (s === this.status) return;
    this.status = s;
    for (const fn of this.statusListeners) fn();
  }
}
