import { EventEmitter } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// A stand-in for socket.io-client's socket: records what the client emits and lets the test play
// the server (frames, acks).
class FakeSocket extends EventEmitter {
  connected = false;
  sent: { event: string; msg: unknown; ack?: (r: unknown) => void }[] = [];
  connect() {
    this.connected = true;
    queueMicrotask(() => super.emit("connect"));
    return this;
  }
  disconnect() {
    this.connected = false;
    return this;
  }
  override emit(event: string, msg?: unknown, ack?: (r: unknown) => void): boolean {
    this.sent.push({ event, msg, ack });
    return true;
  }
  /** The server side: deliver an event to the client's handlers. */
  serve(event: string, ...args: unknown[]) {
    super.emit(event, ...args);
  }
}
let socket: FakeSocket;
vi.mock("socket.io-client", () => ({ io: () => socket }));

const { LiveClient } = await import("./live-client");

beforeEach(() => {
  socket = new FakeSocket();
  vi.stubGlobal("window", { addEventListener: () => {}, removeEventListener: () => {} });
});
afterEach(() => vi.unstubAllGlobals());

const tick = () => new Promise((r) => setTimeout(r, 0));
const lastSubscribe = () => socket.sent.filter((s) => s.event === "subscribe").at(-1)!;

/** A client in `room` whose subscription the server acknowledged at `seq`; the frames it passed on (seq and data). */
async function joinedAt(room: string, seq: number) {
  const client = new LiveClient("admin");
  const seqs: number[] = [];
  const data: unknown[] = [];
  client.join(room, { onFrame: (d, s) => (seqs.push(s), data.push(d)), onResync: () => {} });
  await tick();
  lastSubscribe().ack!({ ok: true, seq, resync: false });
  return { client, seqs, data };
}

describe("LiveClient sequences across instances", () => {
  it("a resync replaces the room's last sequence: a lower numbering on another instance is not dropped", async () => {
    const { client, seqs: frames } = await joinedAt("counts", 9_000);
    socket.serve("frame", { room: "counts", seq: 9_001, data: { refresh: true } });
    // Reconnected to an instance whose own numbering is lower: it says resync with its sequence.
    socket.serve("connect");
    expect(lastSubscribe().msg).toEqual({ room: "counts", lastSeq: 9_001 });
    lastSubscribe().ack!({ ok: true, seq: 500, resync: true });
    socket.serve("frame", { room: "counts", seq: 501, data: { refresh: true } });
    expect(frames).toEqual([9_001, 501]);
    client.close();
  });

  it("without a resync the sequence only grows: a replayed frame is dropped", async () => {
    const { client, seqs: frames } = await joinedAt("overview", 10);
    socket.serve("frame", { room: "overview", seq: 12, data: { rows: [] } });
    socket.serve("frame", { room: "overview", seq: 12, data: { rows: [] } });
    socket.serve("frame", { room: "overview", seq: 11, data: { rows: [] } });
    expect(frames).toEqual([12]);
    client.close();
  });

  it("a lag frame (each instance's own header) is applied whatever its seq, and moves nothing", async () => {
    const { client, data: got } = await joinedAt("overview", 100);
    const lag = { lag: { p50Ms: 1, p95Ms: 2, count: 3 } };
    socket.serve("frame", { room: "overview", seq: 50, data: lag });
    socket.serve("frame", { room: "overview", seq: 101, data: { rows: [] } });
    expect(got).toEqual([lag, { rows: [] }]);
    client.close();
  });
});
