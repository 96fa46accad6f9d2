import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { PERMISSIONS, roleCan, ROLE_LABELS, scopesCan, scopesFor, type Permission } from "@/lib/auth/roles";
import type { ConnectorToken } from "@/server/auth/connector-tokens";
import { getSessionViewer } from "@/server/auth/get-session-viewer";
import type { Services } from "@/server/services";

export type Denial = { status: 401 | 403; code: string; message: string };
/** `token` is the connector token that was used, for routes that also hold it to its limits (channels). */
export type Authorization = { ok: true; actor: Actor; token?: ConnectorToken } | ({ ok: false } & Denial);

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The one guard of the API (docs/SECURITY.md): a connector token (Authorization: Bearer) is held to its
 * scopes, a signed-in person to their role. 401 when nobody is identified, 403 when the one who
 * is may not. A browser's cookie alone never authorises a cross-site write (CSRF).
 */
export async function authorizeRequest(services: Pick<Services, "auth" | "tokens">, req: Request, permission: Permission): Promise<Authorization> {
  const header = req.headers.get("authorization");
  // Only a Bearer header is ours: a Basic-auth proxy in front must not hide the browser's cookie.
  if (header && /^bearer\s/i.test(header)) {
    const t = await services.tokens.authenticate(header);
    if (!t.ok) return t;
    if (!scopesCan(t.token.scopes, permission)) {
      const need = scopesFor(permission);
      return { ok: false, status: 403, code: "forbidden", message: need.length ? `this token needs one of the scopes: ${need.join(", ")}` : "connector tokens cannot do this; sign in as a person" };
    }
    return { ok: true, actor: { kind: "token", id: t.token.id, label: `token:${t.token.name}`, scopes: t.token.scopes }, token: t.token };
  }
  const viewer = await getSessionViewer(services.auth, req.headers);
  if (!viewer) return { ok: false, status: 401, code: "unauthenticated", message: "sign in, or send Authorization: Bearer <connector token>" };
  if (!SAFE_METHODS.has(req.method) && !sameOrigin(req)) {
    return { ok: false, status: 403, code: "cross_site_request", message: "a signed-in change must come from Onepool's own pages (Origin does not match)" };
  }
  if (!roleCan(viewer.role, permission)) {
    return {
      ok: false,
      status: 403,
      code: "forbidden",
      message: `this needs the ${ROLE_LABELS[PERMISSIONS[permission]].toLowerCase()} role or above; you are signed in as ${ROLE_LABELS[viewer.role].toLowerCase()}`,
    };
  }
  return { ok: true, actor: { kind: "user", id: viewer.id, label: viewer.email, role: viewer.role } };
}

/** Browsers send Sec-Fetch-Site and Origin on every write; either naming another site refuses it. */
function sameOrigin(req: Request): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = req.headers.get("origin");
  if (!origin) return true;
  try {
    return new URL(origin).host === (req.headers.get("host") ?? new URL(req.url).host);
  } catch {
    return false;
  }
}
