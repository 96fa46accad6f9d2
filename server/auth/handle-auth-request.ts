import "server-only";
import { recordAudit } from "@/server/audit/record-audit";
import { getSessionViewer } from "@/server/auth/get-session-viewer";
import { readCappedBody } from "@/server/http/read-capped-body";
import type { Services } from "@/server/services";

type Deps = Pick<Services, "auth" | "loginLimiter" | "pool" | "hub">;

const ALLOWED = new Set(["/sign-in/email", "/sign-out", "/get-session", "/change-password", "/list-sessions", "/revoke-session", "/revoke-other-sessions", "/ok", "/error"]);
const MAX_BODY = 16 * 1024;

const json = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  Response.json({ error: { code, message }, code, message }, { status, headers });

/**
 * /api/auth/* is better-auth's, with three things of ours around it: sign-in attempts are limited
 * (LoginLimiter), a person's own password change lands in the audit log, and signing out ends
 * that browser's live connections.
 */
export async function handleAuthRequest(deps: Deps, req: Request): Promise<Response> {
  const path = new URL(req.url).pathname;
  // Only what Onepool uses is served: people are created, renamed and reset by admins (audited), never by themselves.
  if (!ALLOWED.has(path.replace(/^\/api\/auth/, ""))) return json(404, "not_found", `no route for ${req.method} ${path}`);
  // better-auth would read whatever arrives: it gets the body only once it is known to be small.
  if (req.method !== "GET" && req.method !== "HEAD") {
    const read = await readCappedBody(req, MAX_BODY);
    if (!read.ok) return read.tooLarge ? json(413, "body_too_large", `request body exceeds ${MAX_BODY} bytes`) : json(400, "bad_request", "could not read the request body");
    req = new Request(req.url, { method: req.method, headers: withoutFraming(req.headers), body: read.bytes.byteLength ? read.bytes : null, signal: req.signal });
  }
  if (req.method === "POST" && path === "/api/auth/sign-in/email") return signIn(deps, req);
  if (req.method === "POST" && path === "/api/auth/change-password") {
    const viewer = await getSessionViewer(deps.auth, req.headers);
    const res = await deps.auth.handler(req);
    if (res.ok && viewer) {
      // The other browsers were signed out (revokeOtherSessions): their live pages stop now.
      deps.hub?.disconnectPerson(viewer.id, { except: viewer.sessionId });
      await recordAudit(deps.pool, { actor: { kind: "user", id: viewer.id, label: viewer.email, role: viewer.role }, action: "person.password_changed", target: `person:${viewer.id}`, details: { email: viewer.email } });
    }
    return res;
  }
  if (req.method === "POST" && path === "/api/auth/sign-out") {
    const viewer = await getSessionViewer(deps.auth, req.headers);
    const res = await deps.auth.handler(req);
    // This browser's open live pages stop too (its other tabs share the session and the sign-out).
    if (res.ok && viewer) deps.hub?.disconnectSession(viewer.sessionId);
    return res;
  }
  return deps.auth.handler(req);
}

async function signIn(deps: Deps, req: Request): Promise<Response> {
  let email = "";
  try {
    const body: unknown = await req.clone().json();
    if (body && typeof body === "object" && "email" in body && typeof body.email === "string") email = body.email.trim().toLowerCase().slice(0, 254);
  } catch {
    return json(400, "invalid_json", "send { email, password } as JSON");
  }
  // The custom server sets x-forwarded-for to the socket's address (or the trusted proxy's value).
  const address = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
  const wait = await deps.loginLimiter.blockedFor(email, address);
  if (wait > 0) {
    console.warn(`[security] sign-in for ${JSON.stringify(email)} from ${JSON.stringify(address)} refused: too many failures, retry in ${wait} s`);
    return json(429, "too_many_attempts", `too many failed sign-ins; try again in ${Math.ceil(wait / 60)} minute${wait > 60 ? "s" : ""}`, { "retry-after": String(wait) });
  }
  const res = await deps.auth.handler(req);
  if (res.status === 401) {
    console.warn(`[security] failed sign-in for ${JSON.stringify(email)} from ${JSON.stringify(address)}`);
    await deps.loginLimiter.failed(email, address);
  }
  if (!res.ok) return res;
  await deps.loginLimiter.succeeded(email);
  return withoutSessionToken(res);
}

/** The session token lives only in the httpOnly cookie; better-auth also echoes it in the JSON body, where scripts could read it. */
async function withoutSessionToken(res: Response): Promise<Response> {
  const body = (await res.json()) as Record<string, unknown>;
  delete body.token;
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify(body), { status: res.status, headers });
}

/** The headers of a body that is now a known set of bytes: the new Request frames it itself. */
function withoutFraming(h: Headers): Headers {
  const out = new Headers(h);
  out.delete("content-length");
  out.delete("transfer-encoding");
  return out;
}
