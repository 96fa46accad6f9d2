import "server-only";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { verifyStandard } from "@/lib/connectors/signatures";
import { registerOutbound } from "@/server/outbound/save-outbound";
import type { Services } from "@/server/services";
import { createRng } from "./random";

/** Public on purpose, like the demo sources' secrets: demo only. */
const DEMO_PUSH_SECRET = `whsec_${Buffer.from("onepool-demo-channel-push-secret").toString("base64")}`;

/** How each simulated channel answers a push: its answer time and how often it is briefly down. */
export const DEMO_CHANNEL_PROFILES: Record<string, { minMs: number; maxMs: number; downRate: number }> = {
  web: { minMs: 40, maxMs: 160, downRate: 0 },
  amazon: { minMs: 250, maxMs: 1200, downRate: 0.02 },
  mercadolibre: { minMs: 120, maxMs: 500, downRate: 0.01 },
  rappi: { minMs: 60, maxMs: 250, downRate: 0.03 },
};

/**
 * The demo's channels receive their published numbers as a marketplace's listing endpoint would:
 * a local receiver checks each push's signature and acknowledges it after a channel-like delay
 * (sometimes a 503, so retries show). Registered at each start (the port changes), so the
 * dashboard's channel pushes and end-to-end lag are live in the demo.
 */
/** Where the simulated channels listen: loopback, so the demo allows it in ONEPOOL_OUTBOUND_ALLOW_HOSTS. */
export const DEMO_CHANNELS_HOST = "127.0.0.1";

export async function startDemoChannels(services: Pick<Services, "env" | "pool" | "box" | "publisher" | "outbound">, log: (m: string) => void): Promise<{ stop(): Promise<void> }> {
  const rng = createRng(Date.now() % 2 ** 31);
  const random = () => rng.next();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const channel = (req.url ?? "").split("/").pop() ?? "";
      const profile = DEMO_CHANNEL_PROFILES[channel];
      const check = verifyStandard(
        Buffer.concat(chunks),
        { id: header(req, "webhook-id"), timestamp: header(req, "webhook-timestamp"), signature: header(req, "webhook-signature") },
        [DEMO_PUSH_SECRET],
        Date.now(),
      );
      if (!profile || !check.ok) {
        res.writeHead(profile ? 401 : 404).end(check.ok ? "no such channel" : check.message);
        return;
      }
      const wait = profile.minMs + random() * (profile.maxMs - profile.minMs);
      setTimeout(() => {
        if (random() < profile.downRate) res.writeHead(503).end("temporarily unavailable");
        else res.writeHead(204).end();
      }, wait).unref();
    });
  });
  await new Promise<void>((r) => server.listen(0, DEMO_CHANNELS_HOST, r));
  const base = `http://${DEMO_CHANNELS_HOST}:${(server.address() as AddressInfo).port}/channels`;
  for (const channel of Object.keys(DEMO_CHANNEL_PROFILES)) {
    const r = await registerOutbound(services, channel, { provider: "standard", url: `${base}/${channel}`, secret: DEMO_PUSH_SECRET }, SYSTEM_ACTOR);
    log(`Demo channel ${channel} receives its numbers at ${r.url} (${r.queued} listed SKUs queued)`);
  }
  return {
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
