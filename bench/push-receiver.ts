import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { verifyStandard } from "@/lib/connectors/signatures";

// Phase (g)'s channel endpoint: verifies every delivery's Standard Webhooks signature on the raw
// bytes (lib/connectors/signatures.ts, node:crypto — cheaper per request than the pure-JS
// reference library on these 2 cores; the integration tests check the same pushes with the
// reference library), stamps its arrival, and answers 200 at once. Runs in the load-generator
// child (bench/checkout-worker.ts), so arrival times and the events' send times share one clock.
// `/ceiling` takes the round-trip calibration's signed POSTs (answered alike, counted apart).

export interface ReceivedPush {
  sku: string;
  quantity: number;
  sequence: number;
  /** performance.now() when the body had arrived. */
  t: number;
}

interface PushBody {
  type?: unknown;
  channel?: unknown;
  sku?: unknown;
  quantity?: unknown;
  sequence?: unknown;
}

export class PushReceiver {
  /** Per SKU code, in arrival order (one delivery per (channel, SKU) is in flight at a time, so also sequence order). */
  readonly pushes = new Map<string, ReceivedPush[]>();
  count = 0;
  unverified = 0;
  /** The first few verification failures, for the report. */
  readonly failures: string[] = [];
  ceilingPosts = 0;
  other = 0;

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(secret: string, channel: string): Promise<PushReceiver> {
    let self: PushReceiver | null = null;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const t = performance.now();
        const r = self!;
        const raw = Buffer.concat(chunks);
        const header = (n: string) => {
          const v = req.headers[n];
          return Array.isArray(v) ? v[0] : v;
        };
        const check = verifyStandard(raw, { id: header("webhook-id"), timestamp: header("webhook-timestamp"), signature: header("webhook-signature") }, [secret], Date.now());
        if (!check.ok) {
          r.unverified++;
          if (r.failures.length < 5) r.failures.push(`${check.code}: ${check.message}`);
          res.writeHead(401, { "content-type": "text/plain" }).end(check.code);
          return;
        }
        if (req.url === "/ceiling") {
          r.ceilingPosts++;
        } else {
          let body: PushBody | null = null;
          try {
            body = JSON.parse(raw.toString("utf8")) as PushBody;
          } catch {
            body = null;
          }
          if (
            body &&
            body.type === "published_quantity.updated" &&
            body.channel === channel &&
            typeof body.sku === "string" &&
            typeof body.quantity === "number" &&
            typeof body.sequence === "number"
          ) {
            let list = r.pushes.get(body.sku);
            if (!list) r.pushes.set(body.sku, (list = []));
            list.push({ sku: body.sku, quantity: body.quantity, sequence: body.sequence, t });
            r.count++;
          } else {
            r.other++;
          }
        }
        res.writeHead(200, { "content-type": "text/plain", "content-length": "2" }).end("ok");
      });
    });
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    self = new PushReceiver(server, `http://127.0.0.1:${port}`);
    return self;
  }

  /** The newest push per SKU (highest sequence). */
  latest(sku: string): ReceivedPush | null {
    const list = this.pushes.get(sku);
    if (!list || list.length === 0) return null;
    return list.reduce((a, b) => (b.sequence > a.sequence ? b : a));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
