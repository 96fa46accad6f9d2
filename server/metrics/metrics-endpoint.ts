import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { authorizeRequest } from "@/server/auth/authorize-request";
import { asFetchRequest } from "@/server/http/as-fetch-request";
import { refusedMethod } from "@/server/http/read-node-body";
import { sendAuthRefusal } from "@/server/http/respond";
import type { Services } from "@/server/services";
import type { Metrics } from "./metrics";

/**
 * GET /metrics (issue 17), served by the custom server before Next: the counters live in this
 * process, and a scrape must not wait behind page rendering. A connector token with the `metrics`
 * scope (Prometheus' `authorization` setting), or a signed-in admin; 401 without either, 403 otherwise.
 */
export async function handleMetricsRequest(req: IncomingMessage, res: ServerResponse, services: Pick<Services, "auth" | "tokens">, metrics: Metrics): Promise<void> {
  req.resume();
  if (refusedMethod(req, res, ["GET", "HEAD"], "use GET /metrics")) return;
  const auth = await authorizeRequest(services, asFetchRequest(req), "metrics.read");
  if (!auth.ok) return sendAuthRefusal(res, auth);
  const body = await metrics.render();
  res.writeHead(200, { "content-type": metrics.contentType, "content-length": Buffer.byteLength(body), "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : body);
}
