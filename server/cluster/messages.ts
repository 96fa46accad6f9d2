import "server-only";

// What the primary and the workers of `npm start` tell each other over the cluster's IPC channel.

/** Worker → primary: it serves at `url` (the port is shared: every worker's url is the same). */
export interface ListeningMessage {
  type: "onepool:listening";
  url: string;
}
/** Primary → worker: drain (the server's stop()) and exit 0. */
export interface StopMessage {
  type: "onepool:stop";
}

export const isListening = (m: unknown): m is ListeningMessage => typeof m === "object" && m !== null && (m as { type?: unknown }).type === "onepool:listening";
export const isStop = (m: unknown): m is StopMessage => typeof m === "object" && m !== null && (m as { type?: unknown }).type === "onepool:stop";
