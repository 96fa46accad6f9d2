import "server-only";
import type pg from "pg";
import { PgListener } from "@/server/db/pg-listener";
import { loggerFor } from "@/server/log/logger";

const busLog = loggerFor("realtime");

/** NOTIFY channel: "frames up to <seq> are committed in live_frame". */
export const FRAME_CHANNEL = "onepool_live_frame";
/** One builder at a time across every instance (pg_advisory_xact_lock key: "onepool-live"). */
const BUILD_LOCK = 0x6f6e6570_6c697665n & 0x7fffffffffffffffn;
/** How long frames stay for catch-up. Older gaps get a fresh snapshot. */
export const FRAME_KEEP_MINUTES = 10;
/** A catch-up longer than this is a snapshot: replaying minutes of frames costs more than a refetch. */
export const MAX_CATCH_UP = 500;

export interface BusFrame<T> {
  room: string;
  data: T;
}
export interface SeqFrame<T> extends BusFrame<T> {
  seq: number;
  /** Built by this instance (its own flush). */
  own: boolean;
}

export type BusCatchUp<T> = { kind: "frames"; frames: { seq: number; data: T }[] } | { kind: "snapshot" };

/**
 * The shared rooms' frames in ONE order for every instance (docs/SCALING.md). A builder holds a
 * transaction-level advisory lock while it reads the numbers and inserts its frames, so the order
 * of `seq` is the order of the reads and of the commits: frame n+1 never shows an older state than
 * frame n, and `WHERE seq > x` never misses a frame committed later with a lower number. The
 * committing transaction NOTIFYs; every instance (the builder too) then reads what it has not
 * delivered yet, in seq order, and hands it to `deliver` for its own sockets. A lost connection
 * loses nothing: the next read starts after the last seq delivered.
 */
export class FrameBus<T> {
  private readonly listener: PgListener;
  private delivered = 0;
  /** Frames this instance built and has not delivered yet: delivered from memory, not read back. */
  private own = new Map<number, BusFrame<T>>();
  /** Drains and catch-ups run one at a time, so a socket sees frames in seq order. */
  private chain: Promise<void> = Promise.resolve();
  private draining = false;
  private drainAgain = false;
  private pruneTimer: NodeJS.Timeout;

  constructor(
    url: string,
    private readonly pool: pg.Pool,
    private readonly deliver: (frames: SeqFrame<T>[]) => void,
  ) {
    // Each (re)connection drains: whatever was committed while not listening.
    this.listener = new PgListener({ url, name: "frame-bus", channels: [FRAME_CHANNEL], onNotification: () => this.drain(), onListening: () => this.drain() });
    this.pruneTimer = setInterval(() => void this.prune(), 60_000);
    this.pruneTimer.unref();
  }

  /** The last seq handed to `deliver` (frames up to it reached this instance's sockets). */
  get lastDelivered(): number {
    return this.delivered;
  }

  async start(): Promise<void> {
    const { rows } = await this.pool.query<{ seq: string | null }>("SELECT max(seq)::text AS seq FROM live_frame");
    // Frames from before this instance started went to sockets it did not have.
    this.delivered = Number(rows[0].seq ?? 0);
    await this.listener.start();
  }

  /**
   * Build frames under the cluster-wide lock: `read` runs after the lock is held, so it reads a state
   * no older than any frame numbered before it. Resolves once they are committed (not yet delivered).
   */
  async build(read: () => Promise<BusFrame<T>[]>): Promise<number> {
    const conn = await this.pool.connect();
    const mine: number[] = [];
    try {
      await conn.query("BEGIN");
      // A builder stuck on a slow database must not stall every instance's frames for long: give up
      // (the hub keeps its dirty marks and tries again a second later).
      await conn.query("SET LOCAL lock_timeout = '5s'");
      await conn.query("SELECT pg_advisory_xact_lock($1)", [BUILD_LOCK.toString()]);
      const frames = await read();
      if (frames.length === 0) {
        await conn.query("ROLLBACK");
        return 0;
      }
      const { rows } = await conn.query<{ seq: string; ord: number }>({
        name: "frame-bus-insert",
        text: `INSERT INTO live_frame (room, data)
         SELECT room, data FROM unnest($1::text[], $2::jsonb[]) WITH ORDINALITY AS f(room, data, ord) ORDER BY ord
         RETURNING seq::text, room`,
        values: [frames.map((f) => f.room), frames.map((f) => JSON.stringify(f.data))],
      });
      // RETURNING follows the insert order, and ids are taken in that order.
      rows.forEach((r, i) => {
        mine.push(Number(r.seq));
        this.own.set(Number(r.seq), frames[i]);
      });
      await conn.query("SELECT pg_notify($1, $2)", [FRAME_CHANNEL, rows[rows.length - 1].seq]);
      await conn.query("COMMIT");
      // Without waiting for our own NOTIFY to come back (nor losing frames if the listener is down).
      this.drain();
      return rows.length;
    } catch (err) {
      await conn.query("ROLLBACK").catch(() => {});
      for (const seq of mine) this.own.delete(seq);
      throw err;
    } finally {
      conn.release();
    }
  }

  /**
   * What a client that saw `lastSeq` in `room` missed, in the same queue as live delivery: frames up
   * to what this instance delivered come from here, later ones from the live path, none twice out of order.
   */
  catchUp(room: string, lastSeq: number): Promise<BusCatchUp<T>> {
    return this.enqueue(async () => {
      const upTo = this.delivered;
      if (lastSeq >= upTo) return { kind: "frames", frames: [] };
      const { rows } = await this.pool.query<{ seq: string; data: T }>("SELECT seq::text, data FROM live_frame WHERE room = $1 AND seq > $2 AND seq <= $3 ORDER BY live_frame.seq LIMIT $4", [
        room,
        lastSeq,
        upTo,
        MAX_CATCH_UP + 1,
      ]);
      if (rows.length > MAX_CATCH_UP) return { kind: "snapshot" };
      // Pruned frames: anything the client missed may be among them.
      const { rows: oldest } = await this.pool.query<{ seq: string | null }>("SELECT min(seq)::text AS seq FROM live_frame");
      if (oldest[0].seq === null || Number(oldest[0].seq) > lastSeq + 1) return { kind: "snapshot" };
      return { kind: "frames", frames: rows.map((r) => ({ seq: Number(r.seq), data: r.data })) };
    });
  }

  async close(): Promise<void> {
    clearInterval(this.pruneTimer);
    await this.listener.close();
    await this.chain;
  }

  private enqueue<R>(job: () => Promise<R>): Promise<R> {
    const run = this.chain.then(job);
    this.chain = run.then(
      () => {},
      () => {},
    );
    return run;
  }

  /** Read and deliver everything after the last delivered seq (coalescing NOTIFYs that pile up). */
  private drain(): void {
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = true;
    void this.enqueue(async () => {
      try {
        for (;;) {
          this.drainAgain = false;
          const { rows } = await this.pool.query<{ seq: string; room: string; data: T | null }>({
            name: "frame-bus-read",
            // Own frames are in memory: only their seq and room are read back.
            text: "SELECT seq::text, room, CASE WHEN seq = ANY($2::bigint[]) THEN NULL ELSE data END AS data FROM live_frame WHERE seq > $1 ORDER BY live_frame.seq LIMIT 1000",
            values: [this.delivered, [...this.own.keys()]],
          });
          if (rows.length > 0) {
            const frames: SeqFrame<T>[] = rows.map((r) => {
              const seq = Number(r.seq);
              const mine = this.own.get(seq);
              this.own.delete(seq);
              return { seq, room: r.room, data: mine ? mine.data : (r.data as T), own: !!mine };
            });
            this.delivered = frames[frames.length - 1].seq;
            try {
              this.deliver(frames);
            } catch (err) {
              busLog.error({ err }, "delivering frames failed");
            }
          }
          if (rows.length < 1000 && !this.drainAgain) break;
        }
      } catch (err) {
        busLog.error({ err }, "reading live frames failed");
        // The next NOTIFY (or reconnect) reads from the same point again.
      } finally {
        this.draining = false;
      }
    });
  }

  private async prune(): Promise<void> {
    await this.pool
      .query(`DELETE FROM live_frame WHERE created_at < now() - make_interval(mins => $1)`, [FRAME_KEEP_MINUTES])
      .catch((err: unknown) => busLog.error({ err }, "pruning live frames failed"));
  }
}
