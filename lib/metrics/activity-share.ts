// What each instance tells the others once a second so the header's ingest lag and the senders'
// health describe every instance's traffic, not one process's (docs/ARCHITECTURE.md): the lag histogram of the
// events it committed (per second, in LagWindow's buckets) and its senders' per-minute counts. Sent
// with pg_notify (server/realtime/share-activity.ts); a payload stays under Postgres's 8,000 bytes.

import type { SenderOutcome } from "./sender-activity";
import { bucketOf } from "./lag-window";
import { parseJsonObject } from "@/lib/json/parse-json-object";

/** [second, bucket, events] */
export type LagEntry = [number, number, number];
/** [source, minute, taken, rejected, parked, lastTakenAt ms | 0, lastRejectedAt ms | 0] */
export type SenderEntry = [string, number, number, number, number, number, number];

export interface ActivityMessage {
  l: LagEntry[];
  s: SenderEntry[];
}

const MAX_PAYLOAD_BYTES = 7000;

/** This instance's activity since the last send. */
export class ActivityOutbox {
  private lags = new Map<string, number>();
  private senders = new Map<string, SenderEntry>();

  addLag(receivedAtMs: number, lagMs: number): void {
    const k = `${Math.floor(receivedAtMs / 1000)}:${bucketOf(lagMs)}`;
    this.lags.set(k, (this.lags.get(k) ?? 0) + 1);
  }

  addSender(source: string, outcome: SenderOutcome, atMs: number): void {
    // Made-up source names cannot grow a message without bound (SenderActivity caps them too).
    if (source.length > 200) return;
    const minute = Math.floor(atMs / 60_000);
    const k = `${minute}\u0000${source}`;
    let e = this.senders.get(k);
    if (!e) {
      if (this.senders.size >= 1000) return;
      this.senders.set(k, (e = [source, minute, 0, 0, 0, 0, 0]));
    }
    if (outcome === "rejected") {
      e[3]++;
      e[6] = Math.max(e[6], atMs);
      return;
    }
    e[2]++;
    if (outcome === "unmapped") e[4]++;
    e[5] = Math.max(e[5], atMs);
  }

  /** The payloads to send now (none when nothing happened), each small enough for NOTIFY. */
  drain(): string[] {
    const lag: LagEntry[] = [...this.lags].map(([k, n]) => {
      const [s, b] = k.split(":");
      return [Number(s), Number(b), n];
    });
    const senders = [...this.senders.values()];
    this.lags.clear();
    this.senders.clear();
    const out: string[] = [];
    let msg: ActivityMessage = { l: [], s: [] };
    let size = 20;
    const push = () => {
      if (msg.l.length || msg.s.length) out.push(JSON.stringify(msg));
      msg = { l: [], s: [] };
      size = 20;
    };
    for (const e of lag) {
      const n = JSON.stringify(e).length + 1;
      if (size + n > MAX_PAYLOAD_BYTES) push();
      msg.l.push(e);
      size += n;
    }
    for (const e of senders) {
      const n = Buffer.byteLength(JSON.stringify(e)) + 1;
      if (size + n > MAX_PAYLOAD_BYTES) push();
      msg.s.push(e);
      size += n;
    }
    push();
    return out;
  }
}

const isInt = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;

/** A payload from the wire; entries that are not well formed are left out. */
export function parseActivity(payload: string | undefined): ActivityMessage | null {
  const m = parseJsonObject(payload);
  if (!m) return null;
  const l = Array.isArray(m.l) ? m.l.filter((e): e is LagEntry => Array.isArray(e) && e.length === 3 && e.every(isInt)) : [];
  const s = Array.isArray(m.s) ? m.s.filter((e): e is SenderEntry => Array.isArray(e) && e.length === 7 && typeof e[0] === "string" && e.slice(1).every(isInt)) : [];
  return { l, s };
}
