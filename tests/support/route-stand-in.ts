import type { IncomingMessage, ServerResponse } from "node:http";
import * as alerts from "@/app/api/alerts/route";
import * as alertAcknowledge from "@/app/api/alerts/[id]/acknowledge/route";
import * as alertMutes from "@/app/api/alerts/mutes/route";
import * as alertMutesAlias from "@/app/api/alert-mutes/route";
import * as alertSettings from "@/app/api/alert-settings/route";
import * as alertDestinations from "@/app/api/alert-destinations/route";
import * as alertDestination from "@/app/api/alert-destinations/[name]/route";
import * as auth from "@/app/api/auth/[...all]/route";
import * as catalog from "@/app/api/catalog/route";
import * as counts from "@/app/api/counts/route";
import * as count from "@/app/api/counts/[id]/route";
import * as countApprove from "@/app/api/counts/[id]/approve/route";
import * as countCancel from "@/app/api/counts/[id]/cancel/route";
import * as countLines from "@/app/api/counts/[id]/lines/route";
import * as countSubmit from "@/app/api/counts/[id]/submit/route";
import * as pauses from "@/app/api/pauses/route";
import * as pause from "@/app/api/pauses/[id]/route";
import * as rules from "@/app/api/rules/route";
import * as rule from "@/app/api/rules/[id]/route";
import * as reorder from "@/app/api/reorder/route";
import * as setup from "@/app/api/setup/route";
import * as skuEvents from "@/app/api/skus/[code]/events/route";
import * as sku from "@/app/api/skus/[code]/route";
import type { NextHandler } from "@/server/start-server";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
type Module = Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", Handler>>;

/** Extra routes a test can add (e.g. one that reads a body with no cap of its own). */
export type ExtraRoutes = Record<string, Module>;

const ROUTES: [RegExp, Module, string[]][] = [
  [/^\/api\/alerts$/, alerts as Module, []],
  [/^\/api\/alerts\/mutes$/, alertMutes as Module, []],
  [/^\/api\/alerts\/([^/]+)\/acknowledge$/, alertAcknowledge as Module, ["id"]],
  [/^\/api\/alert-mutes$/, alertMutesAlias as Module, []],
  [/^\/api\/alert-settings$/, alertSettings as Module, []],
  [/^\/api\/alert-destinations$/, alertDestinations as Module, []],
  [/^\/api\/alert-destinations\/([^/]+)$/, alertDestination as Module, ["name"]],
  [/^\/api\/auth\/(.+)$/, auth as Module, ["all"]],
  [/^\/api\/catalog$/, catalog as Module, []],
  [/^\/api\/counts$/, counts as Module, []],
  [/^\/api\/counts\/([^/]+)\/lines$/, countLines as Module, ["id"]],
  [/^\/api\/counts\/([^/]+)\/submit$/, countSubmit as Module, ["id"]],
  [/^\/api\/counts\/([^/]+)\/approve$/, countApprove as Module, ["id"]],
  [/^\/api\/counts\/([^/]+)\/cancel$/, countCancel as Module, ["id"]],
  [/^\/api\/counts\/([^/]+)$/, count as Module, ["id"]],
  [/^\/api\/pauses$/, pauses as Module, []],
  [/^\/api\/pauses\/([^/]+)$/, pause as Module, ["id"]],
  [/^\/api\/rules$/, rules as Module, []],
  [/^\/api\/rules\/([^/]+)$/, rule as Module, ["id"]],
  [/^\/api\/reorder$/, reorder as Module, []],
  [/^\/api\/setup$/, setup as Module, []],
  [/^\/api\/skus\/([^/]+)\/events$/, skuEvents as Module, ["code"]],
  [/^\/api\/skus\/([^/]+)$/, sku as Module, ["code"]],
];

/**
 * A stand-in for Next in integration tests (no build needed): the real route handlers, given a
 * Request made from the Node request the way Next 16 makes it (the IncomingMessage itself as a
 * streamed body, `duplex: "half"`), and the same decoded dynamic params.
 */
export function routeStandIn(extra: ExtraRoutes = {}): NextHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
    const method = (req.method ?? "GET").toUpperCase() as keyof Module;
    let mod: Module | undefined = extra[url.pathname];
    const params: Record<string, string | string[]> = {};
    if (!mod) {
      for (const [re, m, names] of ROUTES) {
        const hit = re.exec(url.pathname);
        if (!hit) continue;
        mod = m;
        names.forEach((n, i) => {
          // Next decodes params before handing them over; a malformed escape stays as it is.
          const raw = hit[i + 1];
          let v: string;
          try {
            v = decodeURIComponent(raw);
          } catch {
            v = raw;
          }
          params[n] = n === "all" ? v.split("/") : v;
        });
        break;
      }
    }
    const handler = mod?.[method];
    if (!handler) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "not_found", message: "no such route in the stand-in" } }));
      return;
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
    const hasBody = method !== "GET" && (method as string) !== "HEAD";
    const request = new Request(url, { method, headers, ...(hasBody ? { body: req as unknown as ReadableStream, duplex: "half" } : {}) } as RequestInit);
    const response = await handler(request, { params: Promise.resolve(params) });
    const out: Record<string, string> = {};
    response.headers.forEach((v, k) => (out[k] = v));
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, { ...out, "content-length": String(body.length) });
    res.end(body);
  };
}
