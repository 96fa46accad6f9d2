import "server-only";
import type { z } from "zod";
import type { TokenScope } from "@/server/auth/connector-tokens";
import { getServices } from "@/server/services";

// Shared by the Next route handlers: one error shape (DESIGN §10), one way to read and authorise.

export function jsonError(status: number, code: string, message: string, details?: unknown, headers?: Record<string, string>): Response {
  return Response.json({ error: details === undefined ? { code, message } : { code, message, details } }, { status, headers });
}

/** Zod's first issue as a 400 naming the field. */
export function validationError(error: z.ZodError): Response {
  const issue = error.issues[0];
  const field = issue.path.join(".");
  return jsonError(400, issue.code === "unrecognized_keys" ? "unknown_field" : "invalid_field", field ? `${field}: ${issue.message}` : issue.message, { field: field || undefined, issues: error.issues.slice(0, 10).map((i) => ({ path: i.path.join("."), message: i.message })) });
}

/**
 * Machines authenticate with a scoped connector token. Reads without any Authorization header are
 * let through for the dashboard until people sign in (the people-and-permissions issue); a header
 * that is present must be valid.
 */
export async function authorize(req: Request, scope: TokenScope, opts: { allowAnonymous: boolean }): Promise<Response | null> {
  const header = req.headers.get("authorization") ?? undefined;
  if (!header && opts.allowAnonymous) return null;
  const check = await getServices().tokens.check(header, scope);
  if (check.ok) return null;
  return jsonError(check.status, check.code, check.message, undefined, check.status === 401 ? { "www-authenticate": "Bearer" } : undefined);
}

/** Control changes need a token with the "admin" scope; the actor it names goes to the audit log. */
export async function authorizeAdmin(req: Request): Promise<{ ok: true; actor: string } | { ok: false; response: Response }> {
  const check = await getServices().tokens.check(req.headers.get("authorization") ?? undefined, "admin");
  if (check.ok) return { ok: true, actor: `token:${check.token.name}` };
  return { ok: false, response: jsonError(check.status, check.code, check.message, undefined, check.status === 401 ? { "www-authenticate": "Bearer" } : undefined) };
}

/** Read a JSON body of at most `limit` bytes; a Response when it is missing, too large or not JSON. */
export async function readJson(req: Request, limit: number): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  if (!/^application\/json\b/i.test(req.headers.get("content-type") ?? "")) {
    return { ok: false, response: jsonError(415, "unsupported_media_type", "send application/json") };
  }
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return { ok: false, response: jsonError(413, "body_too_large", `request body exceeds ${limit} bytes`) };
  const text = await req.text();
  if (Buffer.byteLength(text) > limit) return { ok: false, response: jsonError(413, "body_too_large", `request body exceeds ${limit} bytes`) };
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch (err) {
    return { ok: false, response: jsonError(400, "invalid_json", `body is not valid JSON: ${err instanceof Error ? err.message : "parse error"}`) };
  }
}

/** Wrap a handler so an unexpected failure is a JSON 503 (database) or 500, never an HTML page. */
export function route<A extends unknown[]>(fn: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      console.error("[api]", msg);
      if (/ECONNREFUSED|Connection terminated|timeout exceeded when trying to connect|57P0[13]/.test(msg)) {
        return jsonError(503, "unavailable", "the database is unreachable; retry later", undefined, { "retry-after": "5" });
      }
      return jsonError(500, "internal", "unexpected error");
    }
  };
}

/** The 404 for a per-SKU route whose code is unknown, or null when the SKU exists. */
export async function skuNotFound(code: string): Promise<Response | null> {
  const exists = await getServices().pool.query("SELECT 1 FROM sku WHERE code = $1", [code]);
  return exists.rowCount === 0 ? jsonError(404, "not_found", `no SKU with code "${code}"`) : null;
}

/** The start of every read route: authorise for "read", then parse the query string with `schema`. */
export async function readQuery<T extends z.ZodType>(req: Request, schema: T): Promise<{ ok: true; query: z.infer<T> } | { ok: false; response: Response }> {
  const denied = await authorize(req, "read", { allowAnonymous: true });
  if (denied) return { ok: false, response: denied };
  const parsed = schema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return { ok: false, response: validationError(parsed.error) };
  return { ok: true, query: parsed.data };
}
