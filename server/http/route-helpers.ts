import "server-only";
import { findCatalogId } from "@/server/catalog/find-catalog-id";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { findUnstorable } from "@/lib/events/find-unstorable";
import type { Permission } from "@/lib/auth/roles";
import { authorizeRequest } from "@/server/auth/authorize-request";
import { isDatabaseUnavailable, isStatementTimeout } from "@/server/db/db-errors";
import { getServices } from "@/server/services";
import { AdminError } from "./admin-error";
import { readCappedBody } from "./read-capped-body";
import { loggerFor } from "@/server/log/logger";

const apiLog = loggerFor("api");

// Shared by the Next route handlers: one error shape (docs/API.md), one way to read and authorise.

export function jsonError(status: number, code: string, message: string, details?: unknown, headers?: Record<string, string>): Response {
  return Response.json({ error: details === undefined ? { code, message } : { code, message, details } }, { status, headers });
}

/** Zod's first issue as a 400 naming the field. */
export function validationError(error: z.ZodError): Response {
  const f = validationFailure(error);
  return jsonError(400, f.code, f.message, f.details);
}

/** The 400's code, message and details for a zod failure (also what the custom server's routes send). */
export function validationFailure(error: z.ZodError): { code: string; message: string; details: { field?: string; issues: { path: string; message: string }[] } } {
  const issue = error.issues[0];
  const field = issue.path.join(".");
  return {
    code: issue.code === "unrecognized_keys" ? "unknown_field" : "invalid_field",
    message: field ? `${field}: ${issue.message}` : issue.message,
    details: { field: field || undefined, issues: error.issues.slice(0, 10).map((i) => ({ path: i.path.join("."), message: i.message })) },
  };
}

/** The named permission (lib/auth/roles.ts) for a signed-in person's role or a connector token's scopes. */
async function authorize(req: Request, permission: Permission): Promise<{ ok: true; actor: Actor } | { ok: false; response: Response }> {
  const r = await authorizeRequest(getServices(), req, permission);
  if (r.ok) return r;
  return { ok: false, response: jsonError(r.status, r.code, r.message, undefined, r.status === 401 ? { "www-authenticate": "Bearer" } : undefined) };
}

/** Read a JSON body of at most `limit` bytes; a Response when it is missing, too large or not JSON. */
export async function readJson(req: Request, limit: number): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  if (!/^application\/json\b/i.test(req.headers.get("content-type") ?? "")) {
    return { ok: false, response: jsonError(415, "unsupported_media_type", "send application/json") };
  }
  const read = await readCappedBody(req, limit);
  if (!read.ok)
    return { ok: false, response: read.tooLarge ? jsonError(413, "body_too_large", `request body exceeds ${limit} bytes`) : jsonError(400, "bad_request", "could not read the request body") };
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(read.bytes));
  } catch (err) {
    return { ok: false, response: jsonError(400, "invalid_json", `body is not valid JSON: ${err instanceof Error ? err.message : "parse error"}`) };
  }
  const bad = findUnstorable(body);
  if (bad) return { ok: false, response: jsonError(400, "invalid_field", `${bad.path || "body"}: ${bad.problem}`, { field: bad.path || undefined }) };
  return { ok: true, body };
}

/** A JSON body of at most `limit` bytes, validated by `schema`: the data, or the precise 4xx. */
export async function readBody<T extends z.ZodType>(req: Request, schema: T, limit: number): Promise<{ ok: true; data: z.infer<T> } | { ok: false; response: Response }> {
  const body = await readJson(req, limit);
  if (!body.ok) return body;
  const parsed = schema.safeParse(body.body);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, response: validationError(parsed.error) };
}

/**
 * Wrap a handler so a refused change (AdminError) is its precise 4xx and an unexpected failure a
 * JSON 503 (database) or 500, never an HTML page.
 */
export function route<A extends unknown[]>(fn: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (err) {
      if (err instanceof AdminError) return jsonError(err.status, err.code, err.message, err.detailsForResponse);
      apiLog.error({ err }, "route failed");
      if (isStatementTimeout(err)) {
        const ms = getServices().env.ONEPOOL_READ_TIMEOUT_MS;
        return jsonError(503, "read_timeout", `this read ran past its ${ms} ms limit (ONEPOOL_READ_TIMEOUT_MS) and was stopped; narrow it or retry later`, undefined, { "retry-after": "10" });
      }
      if (isDatabaseUnavailable(err)) {
        return jsonError(503, "unavailable", "the database is unreachable or busy; retry later", undefined, { "retry-after": "5" });
      }
      return jsonError(500, "internal", "unexpected error");
    }
  };
}

/** The 404 for a per-SKU route whose code is unknown, or null when the SKU exists. */
export async function skuNotFound(code: string): Promise<Response | null> {
  return (await findSkuId(code)) === null ? skuMissing(code) : null;
}

const findSkuId = (code: string): Promise<number | null> => findCatalogId(getServices().pool, "sku", code);
const skuMissing = (code: string) => jsonError(404, "not_found", `no SKU with code "${code}"`);

/**
 * A read of one SKU (`GET /api/skus/<code>/…`): stock.read, the query string parsed by `schema`, 404
 * for an unknown code; `read` gets the SKU and the query and gives the JSON answer.
 */
export function skuReadRoute<T extends z.ZodType>(schema: T, read: (sku: { code: string; id: number }, query: z.infer<T>) => Promise<unknown>) {
  return queryRoute("stock.read", schema, async ({ query }, { code }: { code: string }) => {
    const id = await findSkuId(code);
    if (id === null) return skuMissing(code);
    return Response.json(await read({ code, id }, query));
  });
}

/** A route path's dynamic segments ([id], [code]), handed over decoded by Next. */
type RouteParams = Record<string, string | string[]>;
type NoParams = Record<never, never>;

type RouteContext<P extends RouteParams> = { params: Promise<P> };

/**
 * A Next 16 route handler: the request and `{ params }`, a promise. Where the path has no segment
 * it may be called with the request alone (tests do); an overload, not an optional argument, as
 * Next's build checks the second argument of the last signature against its own context type.
 */
type RouteHandler<P extends RouteParams> = keyof P extends never
  ? { (req: Request): Promise<Response>; (req: Request, ctx: RouteContext<P>): Promise<Response> }
  : (req: Request, ctx: RouteContext<P>) => Promise<Response>;

/** What every route handler is given once the caller is authorised; the actor goes to the audit log. */
export type AuthorizedContext = { req: Request; actor: Actor };

/**
 * The one way to write an API route (docs/CODE_STYLE.md "Errors, logs, comments"): parse →
 * **authorise** → call → respond. `handle` runs only for a caller with `permission`, and gets the
 * path's segments as its second argument (annotate them: `async ({ actor }, { id }: { id: string })`),
 * decoded by Next: decoding them again broke codes holding "%" (a 500) or "%20".
 * Wrapped in route(), so a refused change is its 4xx.
 */
export function authorizedRoute<P extends RouteParams = NoParams>(permission: Permission, handle: (ctx: AuthorizedContext, params: P) => Promise<Response>): RouteHandler<P> {
  const handler = route(async (req: Request, ctx?: RouteContext<P>) => {
    const auth = await authorize(req, permission);
    if (!auth.ok) return auth.response;
    return handle({ req, actor: auth.actor }, (await ctx?.params) ?? ({} as P));
  });
  // TypeScript does not narrow the conditional RouteHandler<P> for a generic P; the function above fits both forms.
  return handler as RouteHandler<P>;
}

/**
 * A write route: authorise, then read the JSON body of at most `limit` bytes validated by `schema`
 * (in that order: an unauthorised caller learns nothing about the body).
 */
export function bodyRoute<T extends z.ZodType, P extends RouteParams = NoParams>(
  permission: Permission,
  schema: T,
  limit: number,
  handle: (ctx: AuthorizedContext & { data: z.infer<T> }, params: P) => Promise<Response>,
): RouteHandler<P> {
  return authorizedRoute<P>(permission, async (ctx, params) => {
    const body = await readBody(ctx.req, schema, limit);
    if (!body.ok) return body.response;
    return handle({ ...ctx, data: body.data }, params);
  });
}

/** A read route: authorise, then parse the query string with `schema` (an unknown parameter is a 400 where it is `.strict()`). */
export function queryRoute<T extends z.ZodType, P extends RouteParams = NoParams>(
  permission: Permission,
  schema: T,
  handle: (ctx: AuthorizedContext & { query: z.infer<T> }, params: P) => Promise<Response>,
): RouteHandler<P> {
  return authorizedRoute<P>(permission, async (ctx, params) => {
    const parsed = schema.safeParse(Object.fromEntries(new URL(ctx.req.url).searchParams));
    if (!parsed.success) return validationError(parsed.error);
    return handle({ ...ctx, query: parsed.data }, params);
  });
}
