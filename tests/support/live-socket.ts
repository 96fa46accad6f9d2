import { io, type Socket } from "socket.io-client";
import { TEST_TOKEN, type TestServer } from "./test-server";

/**
 * How a test socket identifies itself: a connector token (the test token unless `token` is null or a
 * cookie is given), a session cookie, and an Origin header if the test checks one.
 */
export interface SocketAuth {
  token?: string | null;
  cookie?: string;
  origin?: string;
}

/**
 * A Socket.IO client of `url`, once connected (a refused handshake rejects): websocket only and
 * no reconnection, so a drop stays for the test to see. Pushed onto `opened` for the file to close.
 */
export function openSocket(url: string, auth: SocketAuth = {}, opened?: Socket[]): Promise<Socket> {
  const token = auth.token === undefined ? (auth.cookie ? null : TEST_TOKEN) : auth.token;
  const extraHeaders: Record<string, string> = {};
  if (auth.cookie) extraHeaders.cookie = auth.cookie;
  if (auth.origin) extraHeaders.origin = auth.origin;
  const s = io(url, { transports: ["websocket"], reconnection: false, extraHeaders, ...(token === null ? {} : { auth: { token } }) });
  opened?.push(s);
  return new Promise((resolve, reject) => {
    s.once("connect", () => resolve(s));
    s.once("connect_error", reject);
  });
}

export interface SubscribeAck {
  ok: boolean;
  seq: number;
  resync: boolean;
  error?: string;
}

/** Joins a room (docs/LIVE.md), from `lastSeq` when given (catch-up). */
export const subscribe = (s: Socket, room: string, lastSeq?: number) => s.emitWithAck("subscribe", lastSeq === undefined ? { room } : { room, lastSeq }) as Promise<SubscribeAck>;

/** After a file's tests: the sockets it opened closed, then its server stopped (if it started). */
export async function stopWithSockets(server: TestServer | undefined, sockets: Socket[]): Promise<void> {
  sockets.forEach((s) => s.close());
  await server?.stop();
}
