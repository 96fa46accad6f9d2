import http from "node:http";
import type { AddressInfo } from "node:net";
import { getSkuDetail } from "@/server/queries/get-sku-detail";
import { getSkuRows } from "@/server/queries/get-sku-rows";
import type { RunningServer } from "@/server/start-server";

/**
 * GET /api/skus and GET /api/skus/<code> over the same query functions as the Next routes, for
 * clients under test that read stock (the demo simulator) while the integration server runs
 * without Next. Read-only; no auth (the real routes allow anonymous reads too).
 */
export async function startSkuReadApi(server: RunningServer): Promise<{ url: string; stop(): Promise<void> }> {
  const { pool, env } = server.services;
  const http_ = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    void (async () => {
      if (req.method !== "GET") return send(405, { error: { code: "method_not_allowed", message: "GET only" } });
      if (url.pathname === "/api/skus") {
        const limit = url.searchParams.has("limit") ? Number(url.searchParams.get("limit")) : undefined;
        return send(200, await getSkuRows(pool, { cursor: url.searchParams.get("cursor"), limit }, env.ONEPOOL_SAFETY_DAYS));
      }
      const m = /^\/api\/skus\/([^/]+)$/.exec(url.pathname);
      if (m) {
        const sku = await getSkuDetail(pool, decodeURIComponent(m[1]), env.ONEPOOL_SAFETY_DAYS);
        return sku ? send(200, sku) : send(404, { error: { code: "not_found", message: "no such SKU" } });
      }
      send(404, { error: { code: "not_found", message: "read API only" } });
    })().catch((err) => send(500, { error: { code: "internal", message: err instanceof Error ? err.message : String(err) } }));
  });
  await new Promise<void>((resolve) => http_.listen(0, "127.0.0.1", resolve));
  const port = (http_.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        http_.closeAllConnections?.();
        http_.close(() => resolve());
      }),
  };
}
