import "server-only";
import type { Role } from "@/lib/auth/roles";
import { isRole } from "@/lib/auth/roles";
import type { Auth } from "@/server/auth/create-auth";

/** The signed-in person behind a request's session cookie. */
export interface Viewer {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionId: string;
}

/**
 * The person whose live session the cookie names, or null (no cookie, expired, signed out,
 * deactivated, or a role this build does not know). Every check reads the database, so a
 * deactivation or a role change bites on the next request. `refresh: false` for checks the
 * person did not make (an open socket's re-check must not keep a session alive forever).
 */
export async function getSessionViewer(auth: Auth, headers: Headers, opts: { refresh?: boolean } = {}): Promise<Viewer | null> {
  if (!/(^|;\s*)(__Secure-)?onepool\.session_token=/.test(headers.get("cookie") ?? "")) return null;
  const s = await auth.api.getSession({ headers, query: opts.refresh === false ? { disableRefresh: true } : undefined });
  if (!s) return null;
  const user = s.user as typeof s.user & { role?: unknown; deactivatedAt?: Date | null };
  if (user.deactivatedAt || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionId: s.session.id };
}
