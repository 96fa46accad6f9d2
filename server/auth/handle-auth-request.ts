import "server-only";
import { recordAudit } from "@/server/audit/record-audit";
import { getSessionViewer } from "@/server/auth/get-session-viewer";
import { sameOriginRequest } from "@/lib/auth/origin";
import { DEMO_PASSWORD_REFUSED, isDemoSignIn } from "@/server/auth/demo-credentials";
import { readCappedBody } from "@/server/http/read-capped-body";
import type { Services } from "@/server/services";
import { loggerFor } from "@/server/log/logger";

const securityLog = loggerFor("security");

type Deps = Pick<Services, "auth" | "loginLimiter" | "pool" | "hub"> & { env: Pick<Services["env"], "ONEPOOL_PUBLIC_URL" | "ONEPOOL_ALLOW_DEMO_CREDENTIALS"> };

const ALLOWED = new Set(["/sign-in/email", "/sign-out", "/get-session", "/change-password", "/list-sessions", "/revoke-session", "/revoke-other-sessions", "/ok", "/error"]);
const MAX_BODY = 16 * 1024;

const json = (status: number, code: string, message: string, headers: Record<string, string> = {}) => Response.json({ error: { code, message }, code, message }, { status, headers });

/**
 * /api/auth/* is better-auth's, with things of ours around it: a write must come from Onepool's
 * own origin (better-auth's check trusts every origin when ONEPOOL_PUBLIC_URL is unset), sign-in
 * attempts are limited (LoginLimiter), a person's own password change lands in the audit log,
 * ending sessions ends their live connections, and the session token never reaches scripts.
 */
export async function handleAuthRequest(deps: Deps, req: Request): Promise<Response> {
  const path = new URL(req.url).pathname;
  // Only what Onepool uses is served: people are created, renamed and reset by admins (audited), never by themselves.
  if (!ALLOWED.has(path.replace(/^\/api\/auth/, ""))) return json(404, "not_found", `no route for ${req.method} ${path}`);
  // Login CSRF, cross-site sign-out or session revocation: the origin is the request's own host or the public URL (checked
  // before the body is read: a foreign page's request costs nothing).
  if (req.method !== "GET" && req.method !== "HEAD" && !sameOriginRequest(withHost(req), deps.env.ONEPOOL_PUBLIC_URL)) {
    return json(403, "cross_site_request", "this must come from Onepool's own pages (Origin does not match)");
  }
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
      await recordAudit(deps.pool, {
        actor: { kind: "user", id: viewer.id, label: viewer.email, role: viewer.role },
        action: "person.password_changed",
        target: `person:${viewer.id}`,
        details: { email: viewer.email },
      });
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
  if (req.method === "POST" && (path === "/api/auth/revoke-session" || path === "/api/auth/revoke-other-sessions")) {
    // better-auth names sessions by token: the ids that are gone afterwards are the ones it ended.
    const viewer = await getSessionViewer(deps.auth, req.headers);
    const before = viewer ? await sessionIds(deps, viewer.id) : [];
    const res = await deps.auth.handler(req);
    if (res.ok && viewer) {
      const after = new Set(await sessionIds(deps, viewer.id));
      for (const id of before) if (!after.has(id)) deps.hub?.disconnectSession(id);
    }
    return res;
  }
  const res = await deps.auth.handler(req);
  if (path === "/api/auth/get-session" || path === "/api/auth/list-sessions") return withoutSessionTokens(res);
  return res;
}

async function sessionIds(deps: Deps, userId: string): Promise<string[]> {
  return (await deps.pool.query<{ id: string }>("SELECT id FROM auth_session WHERE user_id = $1", [userId])).rows.map((r) => r.id);
}

/** Node's Request has no Host header of its own; Next's URL was built from it. */
function withHost(req: Request): Headers {
  if (req.headers.has("host")) return req.headers;
  const h = new Headers(req.headers);
  h.set("host", new URL(req.url).host);
  return h;
}

async function signIn(deps: Deps, req: Request): Promise<Response> {
  let email = "";
  let password: unknown;
  try {
    const body: unknown = await req.clone().json();
    if (body && typeof body === "object" && "email" in body && typeof body.email === "string") email = body.email.trim().toLowerCase().slice(0, 254);
    if (body && typeof body === "object" && "password" in body) password = body.password;
  } catch {
    return json(400, "invalid_json", "send { email, password } as JSON");
  }
  if (!deps.env.ONEPOOL_ALLOW_DEMO_CREDENTIALS && isDemoSignIn(email, password)) return json(403, "demo_credentials_refused", DEMO_PASSWORD_REFUSED);
  // The custom server sets x-forwarded-for to the client's address (server/start-server.ts, lib/http/client-address.ts).
  const address = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
  // Taken before the password is checked, so a thousand concurrent guesses get no more tries than one at a time.
  const attempt = await deps.loginLimiter.begin(email, address);
  if (!attempt.ok) {
    const wait = attempt.retryAfter;
    securityLog.warn({ email, address, retryInSeconds: wait }, "sign-in refused: too many failures");
    const when = wait < 60 ? `${wait} second${wait === 1 ? "" : "s"}` : `${Math.ceil(wait / 60)} minutes`;
    return json(429, "too_many_attempts", `too many failed sign-ins; try again in ${when}`, { "retry-after": String(wait) });
  }
  let res: Response;
  try {
    res = await deps.auth.handler(req);
  } catch (err) {
    await deps.loginLimiter.abandoned(attempt.ticket);
    throw err;
  }
  if (res.status === 401) {
    securityLog.warn({ email, address }, "failed sign-in");
    await deps.loginLimiter.failed(attempt.ticket);
    return res;
  }
  if (!res.ok) {
    await deps.loginLimiter.abandoned(attempt.ticket);
    return res;
  }
  await deps.loginLimiter.succeeded(attempt.ticket);
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

/** get-session answers { session, user } and list-sessions an array of sessions: each loses its token. */
async function withoutSessionTokens(res: Response): Promise<Response> {
  if (!res.ok || !(res.headers.get("content-type") ?? "").includes("json")) return res;
  const body: unknown = await res.json();
  const strip = (s: unknown) => {
    if (s && typeof s === "object" && "token" in s) delete (s as Record<string, unknown>).token;
  };
  if (Array.isArray(body)) body.forEach(strip);
  else if (body && typeof body === "object" && "session" in body) strip(body.session);
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
