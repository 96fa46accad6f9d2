import "../server/preload";
import { performance } from "node:perf_hooks";
import { cpuNow } from "./measure-window";
import WebSocket from "ws";
import { BUCKET_MS, BUCKETS, type MeasureResult, type Sample, type ViewerCmd, type ViewerReply } from "./viewer-protocol";

// Dashboard viewers, run as a child process of the bench (viewer-protocol.ts says why): many Socket.IO
// clients, each authenticated with the connector token (handshake `auth.token`, as load-worker.ts
// does) and subscribed to `overview`. It speaks the Socket.IO v4 / Engine.IO v4 wire protocol over
// `ws` itself rather than through socket.io-client: a frame is written once per socket by the
// server, but socket.io-client would JSON.parse every copy, and a thousand copies of a 50-row frame
// 20 times a second would make this process, not the server, decide the delays. Here a copy costs a
// look at its first bytes (room, seq, kind) and its arrival time; the rows are parsed once per frame.

const now = () => performance.timeOrigin + performance.now();

/** `42["frame",{"room":"overview","seq":N,"data":{"rows":` — the hub's WireFrame, keys in the order it writes them. */
const HEAD = /^42\["frame",\{"room":"overview","seq":(\d+),"data":\{"(\w+)"/;

interface Viewer {
  ws: WebSocket;
  arrivals: Map<number, number>;
  bytes: number;
  frames: number;
  closed: boolean;
}

/** Row frames seen in this process, by seq: SKU code → lastSeq of its row. */
const frameRows = new Map<number, Map<string, number>>();
const viewers: Viewer[] = [];
let cpuAtOpen = 0;
let openedAt = 0;

function onMessage(v: Viewer, raw: Buffer, resolveAck: (id: number, ack: unknown) => void, onOpen: () => void, onConnect: () => void, fail: (e: Error) => void): void {
  const t = now();
  const kind = raw[0];
  if (kind === 0x32 /* "2" ping */) return void v.ws.send("3");
  if (kind === 0x30 /* "0" open */) return onOpen();
  if (kind !== 0x34 /* "4" message */) return;
  const sub = raw[1];
  if (sub === 0x30 /* "0" connect */) return onConnect();
  if (sub === 0x34 /* "4" connect error */) return fail(new Error(`refused: ${raw.toString("utf8", 2, 300)}`));
  if (sub === 0x33 /* "3" ack */) {
    const text = raw.toString("utf8");
    const at = text.indexOf("[");
    return resolveAck(Number(text.slice(2, at)), JSON.parse(text.slice(at))[0]);
  }
  if (sub !== 0x32 /* "2" event */) return;
  const m = HEAD.exec(raw.toString("latin1", 0, Math.min(raw.length, 120)));
  if (m?.[2] !== "rows") return; // lag header, reconciliation, refresh: not a row patch
  const seq = Number(m[1]);
  v.arrivals.set(seq, t);
  v.frames++;
  v.bytes += raw.length;
  if (!frameRows.has(seq)) {
    const [, frame] = JSON.parse(raw.toString("utf8", 2)) as [string, { data: { rows: { code: string; lastSeq: string }[] } }];
    frameRows.set(seq, new Map(frame.data.rows.map((r) => [r.code, Number(r.lastSeq)])));
  }
}

/**
 * What a dashboard does to get row frames: subscribe to `overview` and wait for the ack. Every
 * socket goes through here, so a hub that also wants to be told which SKUs are on screen (a
 * `watch` message) needs one more emit in this function and nothing else.
 */
function subscribe(ws: WebSocket, ack: (id: number) => Promise<unknown>): Promise<void> {
  ws.send(`420${JSON.stringify(["subscribe", { room: "overview" }])}`);
  return ack(0).then((reply) => {
    const r = reply as { ok?: boolean; error?: string };
    if (!r?.ok) throw new Error(`subscribe refused: ${r?.error ?? "no ack"}`);
  });
}

function openViewer(url: string, token: string): Promise<Viewer> {
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
  const v: Viewer = { ws, arrivals: new Map(), bytes: 0, frames: 0, closed: false };
  return new Promise<Viewer>((resolve, reject) => {
    const timer = setTimeout(() => (ws.terminate(), reject(new Error("socket open + subscribe timed out (20 s)"))), 20_000);
    const fail = (e: Error) => (clearTimeout(timer), ws.terminate(), reject(e));
    const acks = new Map<number, (a: unknown) => void>();
    const ack = (id: number) => new Promise<unknown>((r) => acks.set(id, r));
    const resolveAck = (id: number, a: unknown) => {
      const r = acks.get(id);
      if (r) acks.delete(id), r(a);
    };
    ws.on("message", (data: Buffer) =>
      onMessage(
        v,
        data,
        resolveAck,
        () => ws.send(`40${JSON.stringify({ token })}`),
        () => subscribe(ws, ack).then(() => (clearTimeout(timer), resolve(v)), fail),
        fail,
      ),
    );
    ws.on("error", (e) => fail(e));
    ws.on("close", () => (v.closed = true));
  });
}

async function open(url: string, token: string, n: number): Promise<{ opened: number; ms: number }> {
  const t0 = performance.now();
  // A few handshakes at a time: each one is identified by the server (token lookup) and again on subscribe.
  for (let i = 0; i < n; i += 25) {
    const batch = await Promise.all(Array.from({ length: Math.min(25, n - i) }, () => openViewer(url, token)));
    viewers.push(...batch);
  }
  cpuAtOpen = cpuNow();
  openedAt = now();
  return { opened: viewers.length, ms: performance.now() - t0 };
}

/**
 * Delay of event e on socket s = arrival on s of the first frame (in frame order) whose row for e's
 * SKU has lastSeq ≥ e's seq − e's POST time; load-worker.ts's match, for every socket. A socket that
 * lacks that frame takes the next one carrying the SKU that it did receive; none = missing.
 */
function measure(samples: Sample[]): MeasureResult {
  const cpuSpan = cpuNow() - cpuAtOpen;
  const spanSeconds = (now() - openedAt) / 1000;
  const order = [...frameRows.keys()].sort((a, b) => a - b);
  const bySku = new Map<string, { frame: number; lastSeq: number }[]>();
  for (const seq of order) {
    for (const [code, lastSeq] of frameRows.get(seq)!) {
      let list = bySku.get(code);
      if (!list) bySku.set(code, (list = []));
      list.push({ frame: seq, lastSeq });
    }
  }
  const hist = new Uint32Array(BUCKETS);
  let max: number | null = null;
  let missing = 0;
  const missed = new Uint32Array(viewers.length);
  for (const [sku, seqText, sentAt] of samples) {
    const seq = Number(seqText);
    const list = bySku.get(sku) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].lastSeq >= seq) hi = mid;
      else lo = mid + 1;
    }
    for (let s = 0; s < viewers.length; s++) {
      const arrivals = viewers[s].arrivals;
      let t: number | undefined;
      for (let q = lo; q < list.length && t === undefined; q++) {
        const a = arrivals.get(list[q].frame);
        if (a !== undefined && a >= sentAt) t = a;
      }
      if (t === undefined) {
        missing++;
        missed[s]++;
        continue;
      }
      const d = t - sentAt;
      hist[Math.min(BUCKETS - 1, Math.floor(d / BUCKET_MS))]++;
      if (max === null || d > max) max = d;
    }
  }
  const sparse: [number, number][] = [];
  for (let b = 0; b < BUCKETS; b++) if (hist[b]) sparse.push([b, hist[b]]);
  return {
    op: "measure",
    sockets: viewers.length,
    hist: sparse,
    max,
    missing,
    complete: missed.filter((x) => x === 0).length,
    dropped: viewers.filter((v) => v.closed).length,
    distinctFrames: frameRows.size,
    frameRows: [...frameRows.values()].reduce((n, rows) => n + rows.size, 0),
    socketFrames: viewers.reduce((s, v) => s + v.frames, 0),
    socketBytes: viewers.reduce((s, v) => s + v.bytes, 0),
    cpuPercent: spanSeconds > 0 ? (cpuSpan / (spanSeconds * 1000)) * 100 : 0,
    spanSeconds,
  };
}

process.on("message", (cmd: ViewerCmd) => {
  const work = (async () => {
    if (cmd.op === "open") return { op: "open" as const, ...(await open(cmd.url, cmd.token, cmd.sockets)) };
    if (cmd.op === "measure") return measure(cmd.samples);
    for (const v of viewers) v.ws.terminate();
    viewers.length = 0;
    return { op: "close" as const };
  })();
  work.then(
    (result) => process.send!({ ok: true, result } satisfies ViewerReply),
    (err) => process.send!({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies ViewerReply),
  );
});
process.on("disconnect", () => process.exit(0));
