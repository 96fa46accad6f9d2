import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

// A channel's outbound webhook endpoint for tests: verifies every delivery with the Standard
// Webhooks reference library (an implementation independent of Onepool's), keeps what arrived,
// and can be told to fail.

export interface ReceivedPush {
  webhookId: string;
  timestamp: number;
  receivedAt: number;
  body: { type: string; channel: string; sku: string; externalIds: string[]; quantity: number; sequence: number };
  /** What this receiver answered. */
  answered: number;
}

export interface PushReceiver {
  url: string;
  received: ReceivedPush[];
  /** webhook-ids of deliveries that were never answered. */
  hung: string[];
  /** Deliveries that failed verification (must stay empty). */
  unverified: string[];
  /** How to answer the next deliveries: a status per attempt, then `then` (default 200); 0 = never answer. */
  script(statuses: number[], then?: number): void;
  /** Answer each delivery this long after it arrived (a channel that takes its time). */
  answerAfter(ms: number): void;
  /** The most deliveries that were open at once since the last reset (a 0-answer stays open). */
  peakOpen(reset?: boolean): number;
  /** The newest number per SKU among acknowledged deliveries, by sequence. */
  latest(): Map<string, number>;
  close(): Promise<void>;
}

export async function startPushReceiver(secret: string, port = 0): Promise<PushReceiver> {
  const wh = new Webhook(secret);
  const received: ReceivedPush[] = [];
  const unverified: string[] = [];
  const hung: string[] = [];
  let queue: number[] = [];
  let then = 200;
  // How long it takes to answer, and how many deliveries it holds open (now, and at most since a reset).
  const pace = { delayMs: 0, open: 0, peak: 0 };
  const server = http.createServer((req, res) => {
    pace.open++;
    pace.peak = Math.max(pace.peak, pace.open);
    res.on("close", () => pace.open--);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const headers = {
        "webhook-id": String(req.headers["webhook-id"] ?? ""),
        "webhook-timestamp": String(req.headers["webhook-timestamp"] ?? ""),
        "webhook-signature": String(req.headers["webhook-signature"] ?? ""),
      };
      let body: ReceivedPush["body"];
      try {
        body = wh.verify(raw, headers) as ReceivedPush["body"];
      } catch (err) {
        unverified.push(`${err instanceof Error ? err.message : err}: ${raw.slice(0, 100)}`);
        res.writeHead(400).end("bad signature");
        return;
      }
      const answered = queue.length ? queue.shift()! : then;
      if (answered === 0) {
        hung.push(headers["webhook-id"]);
        return; // the channel took the request and never answered
      }
      const answer = () => {
        received.push({ webhookId: headers["webhook-id"], timestamp: Number(headers["webhook-timestamp"]), receivedAt: Date.now(), body, answered });
        res.writeHead(answered, { "content-type": "text/plain" }).end(answered < 300 ? "ok" : `refused with ${answered}`);
      };
      if (pace.delayMs > 0) setTimeout(answer, pace.delayMs);
      else answer();
    });
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  server.keepAliveTimeout = 30_000;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/onepool`,
    received,
    hung,
    unverified,
    script(statuses, after = 200) {
      queue = [...statuses];
      then = after;
    },
    answerAfter(ms) {
      pace.delayMs = ms;
    },
    peakOpen(reset = false) {
      const p = pace.peak;
      if (reset) pace.peak = pace.open;
      return p;
    },
    latest() {
      const best = new Map<string, { seq: number; q: number }>();
      for (const r of received) {
        if (r.answered >= 300) continue;
        const cur = best.get(r.body.sku);
        if (!cur || r.body.sequence > cur.seq) best.set(r.body.sku, { seq: r.body.sequence, q: r.body.quantity });
      }
      return new Map([...best].map(([k, v]) => [k, v.q]));
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
