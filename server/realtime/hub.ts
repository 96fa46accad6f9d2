import "server-only";
import type { Server as HttpServer } from "node:http";
import type pg from "pg";
import { Server, type ServerOptions, type Socket } from "socket.io";
import { FrameLog } from "@/lib/realtime/frame-log";
import { LagWindow } from "@/lib/metrics/lag-window";
import type { LagSummary } from "@/server/queries/get-ingest-lag";
import { getSkuDetail, type SkuDetail } from "@/server/queries/get-sku-detail";
import { getSkuRowsByIds, type SkuRow } from "@/server/queries/get-sku-rows";
import type { CatalogCache } from "@/server/ingest/catalog-cache";
import { roleCan, roomPermission, scopesCan, type Role } from "@/lib/auth/roles";
import { originAllowed } from "@/lib/auth/origin";
import type { Revocation } from "@/server/realtime/credential-bus";
import { getReconciliationSummary, type ReconciliationSummary } from "@/server/queries/get-reconciliation";
import { getDriftSources, type DriftBySource } from "@/server/queries/get-drift";
import type { CountFactsChange } from "@/server/reconciliation/sync-count-facts";
import type { CountChange } from "@/server/counts/announce-count-change";
import type { AlertChange } from "@/server/alerts/announce-alert-change";
import { loggerFor } from "@/server/log/logger";
import { FrameBus, type BusFrame, type SeqFrame } from "@/server/realtime/frame-bus";
import { rowsForWatch, watchMessage, WatchRate } from "@/lib/realtime/watch";

const realtimeLog = loggerFor("realtime");

/** Who holds a live connection: a signed-in person (cookie) or a machine (handshake `auth.token`). */
export type SocketViewer = { kind: "user"; id: string; role: Role; sessionId: string } | { kind: "token"; id: string; scopes: string[] };
/** Identifies a handshake, and again on every subscribe (a session may have ended since). */
export type SocketAuthenticator = (headers: Headers, token: string | undefined) => Promise<SocketViewer | null>;

export interface HubOptions {
  /** ONEPOOL_PUBLIC_URL: a browser's Origin must be it or the request's own host. */
  publicUrl?: string;
  /** How often every open socket's credential is checked again (expiry, revocation, role). */
  recheckMs: number;
  /** The Socket.IO cluster adapter (Postgres by default, Redis streams with REDIS_URL): sockets of every instance. */
  adapter?: ServerOptions["adapter"];
  /** Where the frame bus LISTENs (a connection of its own). */
  databaseUrl: string;
}

/** What a frame carries. `rows` patch the stock list; `sku` replaces one SKU's detail; `lag` the header. */
/** `reconciliation` (the 30-day tile, GET /api/reconciliation/summary's shape) and `drift` (GET /api/drift's `sources`) when a count or a drift moved. */
export type FrameData =
  /** `unwatched`: to a watching socket, how many of the frame's rows were left out (docs/LIVE.md §8). */
  | { rows: SkuRow[]; unwatched?: number }
  | { sku: SkuDetail }
  | { lag: LagSummary }
  | { refresh: true }
  | { count: CountChange }
  | { alert: AlertChange }
  | { reconciliation?: ReconciliationSummary; drift?: { sources: DriftBySource[] } };
export interface WireFrame {
  room: string;
  seq: number;
  data: FrameData;
}

const ROOM = /^(overview|counts|alerts|sku:[^\s]{1,100})$/;
/** A frame's data as one socket receives it: rows only of the SKUs it watches (all when it never said). */
function dataFor(socket: Socket, data: FrameData): FrameData {
  if (!("rows" in data)) return data;
  const watch = socket.data.watch as ReadonlySet<string> | null | undefined;
  if (!watch) return data;
  const rows = rowsForWatch(data.rows, watch);
  // Rows it does not show moved: one of them may now belong in its window (a new SKU, or a number
  // that moves it into the visible sort range). The page refetches what it shows on this, throttled.
  return rows.length < data.rows.length ? { rows, unwatched: data.rows.length - rows.length } : { rows };
}
/** Subject rooms one connection may be in at once (a page needs two or three). */
export const MAX_ROOMS_PER_SOCKET = 100;
const subjectRooms = (socket: Socket) => [...socket.rooms].filter((r) => ROOM.test(r)).length;
/** Rooms whose frames go through the shared, ordered frame bus; `counts`/`alerts` are heard by every instance and sent locally. */
const isSharedRoom = (room: string) => room === "overview" || room.startsWith("sku:");
/** At most one frame per room per window: bursts of thousands of events become ≤ 20 frames/s. */
export const COALESCE_MS = 50;
const LAG_EVERY_MS = 2000;
/** Above this many changed SKUs in one flush (a rule change over a big catalogue), lists refetch instead of receiving every row. */
const BULK_ROWS = 2000;

/**
 * Live layer (docs/LIVE.md). Commits mark SKUs dirty; a single flusher coalesces them into one frame
 * per room per window, computed once. `overview` and `sku:<code>` frames go through the FrameBus:
 * one sequence every instance shares (docs/SCALING.md), delivered by every instance to its own
 * sockets in that order, and a reconnecting client (to any instance) gets what it missed from the
 * database, or is told to refetch. `counts`/`alerts` changes are heard by every instance (LISTEN)
 * and sent locally with this instance's own sequence. The lag header counts every instance's commits
 * (server/realtime/share-activity.ts).
 */
export class RealtimeHub {
  readonly io: Server;
  private seq: number;
  private readonly startSeq: number;
  private logs = new Map<string, FrameLog<FrameData>>();
  private dirty = new Set<number>();
  /** SKU pages watched here whose numbers another instance's frame says moved (it may have no viewer of them). */
  private detailDirty = new Set<string>();
  private readonly bus: FrameBus<FrameData>;
  /** A count landed or a drift moved since the last flush (docs/RECONCILIATION.md#numbers live tile, drift panel). */
  private factsDirty: CountFactsChange = { counts: false, drift: false };
  private flushing = false;
  /** The flush in progress, awaited by close() so none reads a pool that is being ended. */
  private inFlight: Promise<void> | null = null;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  private lastFlush = 0;
  private lagTimer: NodeJS.Timeout;
  /**
   * The header's ingest lag, from the events every instance committed (this one's, and the others'
   * shared once a second by server/realtime/share-activity.ts): sorting five minutes of the
   * ledger every 2 s cost up to a second of database CPU under load (docs/PERFORMANCE.md).
   * GET /api/metrics/lag stays the exact query over the whole ledger.
   */
  private readonly lag = new LagWindow(300);
  private recheckTimer: NodeJS.Timeout;
  private rechecking: Promise<void> | null = null;
  /** Tells the other instances (CredentialBus.publish); set by the server once the bus exists. */
  announce: ((r: Revocation) => Promise<void>) | null = null;

  constructor(
    http: HttpServer,
    private readonly pool: pg.Pool,
    private readonly catalog: CatalogCache,
    private readonly safetyDays: number,
    private readonly authenticate: SocketAuthenticator,
    opts: HubOptions,
  ) {
    this.seq = this.startSeq = Date.now() * 1000;
    this.io = new Server(http, {
      ...(opts.adapter && { adapter: opts.adapter }),
      serveClient: false,
      // WebSocket only: one TCP connection stays on one worker/instance, so neither node:cluster
      // nor a load balancer needs sticky sessions; HTTP long-polling's requests could land on a
      // process that does not know the session (docs/DECISIONS.md, "WebSocket only").
      transports: ["websocket"],
      cors: { origin: false },
      // CORS does not cover the WebSocket upgrade: a page on another origin (a sibling port or
      // subdomain gets the Lax cookie) must not open a socket as the person. No Origin = no browser.
      allowRequest: (req, cb) => cb(null, originAllowed(req.headers.origin, req.headers.host, opts.publicUrl)),
    });
    // Nobody connects anonymously (docs/SECURITY.md): 401-like refusal at the handshake.
    this.io.use((socket, next) => {
      this.identify(socket).then(
        (viewer) => {
          if (!viewer) return next(Object.assign(new Error("unauthenticated"), { data: { code: "unauthenticated", message: "sign in, or pass auth.token (a connector token with the read scope)" } }));
          socket.data.viewer = viewer;
          // Rooms no client can subscribe to or leave: how a revocation finds the credential's sockets.
          void socket.join(viewer.kind === "user" ? [`person:${viewer.id}`, `session:${viewer.sessionId}`] : [`token:${viewer.id}`]);
          next();
        },
        (err: unknown) => next(Object.assign(new Error("unavailable"), { data: { code: "unavailable", message: err instanceof Error ? err.message : "authentication failed" } })),
      );
    });
    this.io.on("connection", (socket) => this.onConnection(socket));
    this.bus = new FrameBus<FrameData>(opts.databaseUrl, pool, (frames) => this.deliver(frames));
    this.lagTimer = setInterval(() => this.publishLag(), LAG_EVERY_MS);
    this.lagTimer.unref();
    this.recheckTimer = setInterval(() => void this.recheckAll(), opts.recheckMs);
    this.recheckTimer.unref();
  }

  /** Reads the newest frame seq and starts listening for frames; before the server accepts sockets. */
  async start(): Promise<void> {
    await this.bus.start();
  }

  /** A count was opened, scanned into, submitted, approved or cancelled (on any instance): its screens refetch it. */
  countChanged(change: CountChange): void {
    if (this.hasMembers("counts")) this.emit("counts", { count: change });
  }

  /** An alert opened, resolved, was acknowledged or (un)muted, on any instance: the `alerts` room hears it. */
  alertChanged(change: AlertChange): void {
    if (this.hasMembers("alerts")) this.emit("alerts", { alert: change });
  }

  /** Called after each commit with the SKUs whose numbers may have changed. */
  markDirty(skuIds: Iterable<number>): void {
    for (const id of skuIds) this.dirty.add(id);
    this.schedule();
  }

  /** Counted lines or drift changed: the overview gets the new 30-day summary and/or drift per source in the next flush. */
  markFactsDirty(change: CountFactsChange): void {
    this.factsDirty = { counts: this.factsDirty.counts || change.counts, drift: this.factsDirty.drift || change.drift };
    this.schedule();
  }

  /** [receivedAt ms, lag ms] of events just committed. */
  recordIngestLags(samples: Iterable<[number, number]>): void {
    for (const [at, lagMs] of samples) this.lag.add(at, lagMs);
  }

  /** Rules, pauses or the catalogue changed: every SKU's row may have. */
  markAllDirty(): void {
    // A trust change refolds whole locations: what is variance and what is drift may have moved.
    this.factsDirty = { counts: true, drift: true };
    this.markDirty(this.catalog.skusById.keys());
  }

  /**
   * A credential stopped being valid: its sockets here end now, and every other instance is told
   * (docs/SECURITY.md, "revoked at once"). A failed announcement is logged; the others' periodic re-check
   * still ends those sockets within `recheckMs`.
   */
  revoke(r: Revocation): void {
    this.applyRevocation(r);
    this.announce?.(r).catch((err: unknown) => realtimeLog.error({ err }, "announcing a revocation failed"));
  }

  /** Drop this instance's sockets of a revoked credential (also what another instance's announcement does). */
  applyRevocation(r: Revocation): void {
    if (r.kind === "token") this.io.in(`token:${r.id}`).disconnectSockets(true);
    else if (r.kind === "session") this.io.in(`session:${r.id}`).disconnectSockets(true);
    else if (r.kind === "person") {
      const sockets = this.io.in(`person:${r.id}`);
      (r.except ? sockets.except(`session:${r.except}`) : sockets).disconnectSockets(true);
    }
  }

  /** End a person's live connections at once (deactivated, role changed, password reset), but for one browser's when named. */
  disconnectPerson(id: string, opts: { except?: string } = {}): void {
    this.revoke(opts.except ? { kind: "person", id, except: opts.except } : { kind: "person", id });
  }

  /** End the live connections of one signed-in browser (it signed out). */
  disconnectSession(sessionId: string): void {
    this.revoke({ kind: "session", id: sessionId });
  }

  /**
   * Identify every open socket again: a session that expired or was deleted, a token that expired
   * or was revoked, a deactivated person all end; a lowered role leaves the rooms it no longer
   * allows. Catches what no announcement said (expiry) or what a lost one missed.
   */
  async recheckAll(): Promise<void> {
    if (this.rechecking) return this.rechecking;
    this.rechecking = (async () => {
      const sockets = [...this.io.sockets.sockets.values()];
      // A few at a time: thousands of sockets must not take every pool connection at once.
      for (let i = 0; i < sockets.length; i += 8) await Promise.all(sockets.slice(i, i + 8).map((s) => this.recheck(s)));
    })();
    try {
      await this.rechecking;
    } finally {
      this.rechecking = null;
    }
  }

  private async recheck(socket: Socket): Promise<void> {
    if (!socket.connected) return;
    let viewer: SocketViewer | null;
    try {
      viewer = await this.identify(socket);
    } catch {
      return; // the database is unreachable: no verdict, try again next time
    }
    if (!viewer) return void socket.disconnect(true);
    socket.data.viewer = viewer;
    for (const room of socket.rooms) {
      if (!ROOM.test(room)) continue;
      const permission = roomPermission(room);
      const allowed = permission !== null && (viewer.kind === "user" ? roleCan(viewer.role, permission) : scopesCan(viewer.scopes, permission));
      if (!allowed) void socket.leave(room);
    }
  }

  private identify(socket: Socket): Promise<SocketViewer | null> {
    const headers = new Headers();
    for (const [k, v] of Object.entries(socket.request.headers)) if (typeof v === "string") headers.set(k, v);
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    return this.authenticate(headers, typeof token === "string" ? token : undefined);
  }

  /** Open connections of this instance by who holds them (GET /metrics). */
  clientCounts(): { user: number; token: number } {
    const c = { user: 0, token: 0 };
    for (const socket of this.io.of("/").sockets.values()) {
      const viewer = socket.data.viewer as SocketViewer | undefined;
      if (viewer) c[viewer.kind]++;
    }
    return c;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.lagTimer);
    clearInterval(this.recheckTimer);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight;
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
    await this.bus.close();
  }

  private onConnection(socket: Socket): void {
    socket.on("subscribe", (msg: unknown, ack?: (r: unknown) => void) => {
      const reply = typeof ack === "function" ? ack : () => {};
      const { room, lastSeq } = (msg ?? {}) as { room?: unknown; lastSeq?: unknown };
      if (typeof room !== "string" || !ROOM.test(room)) return reply({ ok: false, error: "unknown room" });
      // Each room costs memory here and a frame per flush: a client cannot join sku:<anything> without end.
      if (!socket.rooms.has(room) && subjectRooms(socket) >= MAX_ROOMS_PER_SOCKET) {
        return reply({ ok: false, error: `too many rooms: at most ${MAX_ROOMS_PER_SOCKET} per connection; unsubscribe first` });
      }
      void this.admit(socket, room).then((admitted) => {
        if (!admitted) return reply({ ok: false, error: "forbidden" });
        this.joinRoom(socket, room, lastSeq, reply);
      });
    });
    // The SKUs this viewer shows (docs/LIVE.md §watch): its overview frames carry only their rows.
    const watchRate = new WatchRate(undefined, Date.now());
    socket.on("watch", (msg: unknown, ack?: (r: unknown) => void) => {
      const reply = typeof ack === "function" ? ack : () => {};
      if (!watchRate.allow(Date.now())) return reply({ ok: false, error: "too many watch messages: at most 10 a second" });
      const parsed = watchMessage.safeParse(msg);
      if (!parsed.success) return reply({ ok: false, error: "watch takes { skus: string[] (at most 500) | null }" });
      const before = socket.data.watch as ReadonlySet<string> | null | undefined;
      const next = parsed.data.skus === null ? null : new Set(parsed.data.skus);
      socket.data.watch = next;
      // SKUs that come into view were not followed until now: their current rows come with the
      // answer (to a socket admitted to overview only), so a row scrolled into view is never stale.
      const added = next && before !== null && before !== undefined ? [...next].filter((code) => !before.has(code)) : [];
      const ids = socket.rooms.has("overview") ? added.map((code) => this.catalog.skus.get(code)?.id).filter((id): id is number => id !== undefined) : [];
      if (ids.length === 0) return reply({ ok: true, rows: [] });
      getSkuRowsByIds(this.pool, ids, this.safetyDays).then(
        (rows) => reply({ ok: true, rows }),
        (err: unknown) => {
          realtimeLog.error({ err }, "watch rows failed");
          reply({ ok: true, rows: [], resync: true });
        },
      );
    });
    socket.on("unsubscribe", (msg: unknown, ack?: (r: unknown) => void) => {
      const reply = typeof ack === "function" ? ack : () => {};
      const room = (msg as { room?: unknown } | null)?.room;
      // Only rooms a client can subscribe to: leaving person:/session:/token: would dodge revocation.
      if (typeof room !== "string" || !ROOM.test(room)) return reply({ ok: false, error: "unknown room" });
      void socket.leave(room);
      reply({ ok: true });
    });
  }

  /**
   * Every room checks the viewer's role or scopes. The viewer is identified again first, so a
   * session that ended or a token revoked since the handshake cannot keep subscribing.
   */
  private async admit(socket: Socket, room: string): Promise<boolean> {
    const permission = roomPermission(room);
    if (!permission) return false;
    const viewer = await this.identify(socket).catch(() => null);
    if (!viewer) {
      socket.disconnect(true);
      return false;
    }
    socket.data.viewer = viewer;
    return viewer.kind === "user" ? roleCan(viewer.role, permission) : scopesCan(viewer.scopes, permission);
  }

  private joinRoom(socket: Socket, room: string, lastSeq: unknown, reply: (r: unknown) => void): void {
    // Joined first: a frame delivered from now on reaches it; the catch-up covers the ones before.
    void socket.join(room);
    const hasSeq = typeof lastSeq === "number" && Number.isFinite(lastSeq);
    if (isSharedRoom(room)) {
      if (!hasSeq) return reply({ ok: true, seq: this.bus.lastDelivered, resync: false });
      // The catch-up runs in the bus's delivery queue: no live frame overtakes the replayed ones.
      this.bus.catchUp(room, lastSeq).then(
        (c) => {
          if (c.kind === "snapshot") return reply({ ok: true, seq: this.bus.lastDelivered, resync: true });
          for (const f of c.frames) socket.emit("frame", { room, seq: f.seq, data: dataFor(socket, f.data) } satisfies WireFrame);
          reply({ ok: true, seq: Math.max(lastSeq, ...c.frames.map((f) => f.seq)), resync: false });
        },
        (err: unknown) => {
          realtimeLog.error({ err }, "catch-up failed");
          reply({ ok: true, seq: this.bus.lastDelivered, resync: true });
        },
      );
      return;
    }
    if (hasSeq) {
      const log = this.logs.get(room);
      // A room without a log has had no frame since start: only a client from before start missed any.
      // A seq above ours was another instance's numbering: nothing here can say what it missed.
      const catchUp =
        lastSeq > this.seq ? { kind: "snapshot" as const } : log ? log.since(lastSeq) : lastSeq >= this.startSeq ? { kind: "frames" as const, frames: [] } : { kind: "snapshot" as const };
      if (catchUp.kind === "snapshot") return reply({ ok: true, seq: this.seq, resync: true });
      for (const f of catchUp.frames) socket.emit("frame", { room, seq: f.seq, data: f.data } satisfies WireFrame);
    }
    reply({ ok: true, seq: this.seq, resync: false });
  }

  private schedule(): void {
    if (this.timer || this.flushing || this.closed) return;
    const wait = Math.max(0, this.lastFlush + COALESCE_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.inFlight = this.flush().finally(() => (this.inFlight = null));
    }, wait);
  }

  private hasMembers(room: string): boolean {
    return (this.io.sockets.adapter.rooms.get(room)?.size ?? 0) > 0;
  }

  private async flush(): Promise<void> {
    if (this.dirty.size === 0 && this.detailDirty.size === 0 && !this.factsDirty.counts && !this.factsDirty.drift) return;
    this.flushing = true;
    this.lastFlush = Date.now();
    const facts = this.factsDirty;
    this.factsDirty = { counts: false, drift: false };
    const ids = [...this.dirty];
    this.dirty.clear();
    const codes = [...this.detailDirty];
    this.detailDirty.clear();
    try {
      // Read under the bus's lock: a frame numbered after another never shows an older state.
      await this.bus.build(() => this.readFrames(facts, ids, codes));
    } catch (err) {
      realtimeLog.error({ err }, "flush failed");
      for (const id of ids) this.dirty.add(id);
      for (const code of codes) this.detailDirty.add(code);
      this.factsDirty = { counts: this.factsDirty.counts || facts.counts, drift: this.factsDirty.drift || facts.drift };
      // The database is likely away: try again in a second, not every 50 ms.
      this.lastFlush = Date.now() + 1000;
    } finally {
      this.flushing = false;
      if (this.dirty.size > 0 || this.detailDirty.size > 0 || this.factsDirty.counts || this.factsDirty.drift) this.schedule();
    }
  }

  private async readFrames(facts: CountFactsChange, ids: number[], codes: string[]): Promise<BusFrame<FrameData>[]> {
    const frames: BusFrame<FrameData>[] = [];
    // The rollup and drift_state answer in milliseconds: no history is rescanned per frame.
    const [reconciliation, drift] = await Promise.all([facts.counts ? getReconciliationSummary(this.pool) : undefined, facts.drift ? getDriftSources(this.pool) : undefined]);
    if (reconciliation || drift) frames.push({ room: "overview", data: { ...(reconciliation && { reconciliation }), ...(drift && { drift: { sources: drift } }) } });
    const details = new Set(codes.filter((c) => this.hasMembers(`sku:${c}`)));
    const known = new Map<string, SkuRow>();
    if (ids.length > BULK_ROWS) {
      // A frame of 100,000 rows would take seconds to build and freeze every browser: tell the
      // lists to refetch their page, and send the SKU pages that are open their new detail.
      frames.push({ room: "overview", data: { refresh: true } });
      for (const room of this.io.sockets.adapter.rooms.keys()) if (room.startsWith("sku:")) details.add(room.slice(4));
    } else if (ids.length > 0) {
      // Computed even with nobody listening here: viewers on other instances, and catch-up.
      const rows = await getSkuRowsByIds(this.pool, ids, this.safetyDays);
      if (rows.length > 0) frames.push({ room: "overview", data: { rows } });
      for (const row of rows) {
        known.set(row.code, row);
        if (this.hasMembers(`sku:${row.code}`)) details.add(row.code);
      }
    }
    for (const code of details) {
      const detail = await getSkuDetail(this.pool, code, this.safetyDays, known.get(code));
      if (detail) frames.push({ room: `sku:${code}`, data: { sku: detail } });
    }
    return frames;
  }

  /**
   * Frames of every instance, in the shared order, to this instance's sockets. A SKU page watched
   * here whose row moved in another instance's frame gets its detail built here (that instance may
   * have no viewer of it), unless the same batch already carries a newer detail.
   */
  private deliver(frames: SeqFrame<FrameData>[]): void {
    for (const f of frames) {
      if (f.room === "overview" && "rows" in f.data) this.emitRows(f);
      else this.io.local.to(f.room).emit("frame", { room: f.room, seq: f.seq, data: f.data } satisfies WireFrame);
    }
    const covered = new Set<string>();
    for (let i = frames.length - 1; i >= 0; i--) {
      const f = frames[i];
      if (f.room.startsWith("sku:")) {
        covered.add(f.room);
        continue;
      }
      if (f.own || f.room !== "overview") continue;
      const moved = "rows" in f.data ? f.data.rows.map((r) => r.code) : "refresh" in f.data ? [...this.io.sockets.adapter.rooms.keys()].filter((r) => r.startsWith("sku:")).map((r) => r.slice(4)) : [];
      for (const code of moved) if (!covered.has(`sku:${code}`) && this.hasMembers(`sku:${code}`)) this.detailDirty.add(code);
    }
    if (this.detailDirty.size > 0) this.schedule();
  }

  /**
   * A rows frame, to each of this instance's overview sockets with only the rows it watches. Every
   * socket still gets the frame (its rows may be none): the sequence stays gap-free for catch-up,
   * and "numbers moved" is what the page's totals refetch on (docs/LIVE.md §watch). The sockets that
   * follow every row share one broadcast, encoded once; only a watching socket costs a copy of its
   * own (a copy per socket was ≈ 400 µs a socket at 1,000 sockets: docs/PERFORMANCE.md, many viewers).
   */
  private emitRows(f: SeqFrame<FrameData>): void {
    const ids = this.io.sockets.adapter.rooms.get("overview");
    if (!ids) return;
    const watching: Socket[] = [];
    for (const id of ids) {
      const socket = this.io.sockets.sockets.get(id);
      if (socket?.data.watch) watching.push(socket);
    }
    const wire = { room: f.room, seq: f.seq, data: f.data } satisfies WireFrame;
    // Every socket is in the room named by its id: `except` leaves the watching ones out.
    if (watching.length < ids.size)
      this.io.local
        .to("overview")
        .except(watching.map((s) => s.id))
        .emit("frame", wire);
    for (const socket of watching) socket.emit("frame", { ...wire, data: dataFor(socket, f.data) } satisfies WireFrame);
  }

  private publishLag(): void {
    // Not a shared frame: each instance's window holds its own commits. It carries the last shared
    // seq delivered here and the client never drops or counts a lag frame by its seq.
    if (this.hasMembers("overview")) this.io.local.to("overview").emit("frame", { room: "overview", seq: this.bus.lastDelivered, data: { lag: this.lag.summary(Date.now()) } } satisfies WireFrame);
  }

  /** `counts` and `alerts`: every instance hears the change, so each sends it to its own sockets only. */
  private emit(room: string, data: FrameData): void {
    const seq = ++this.seq;
    let log = this.logs.get(room);
    if (!log) this.logs.set(room, (log = new FrameLog<FrameData>(50, this.startSeq)));
    log.push({ seq, data });
    this.io.local.to(room).emit("frame", { room, seq, data } satisfies WireFrame);
  }
}
