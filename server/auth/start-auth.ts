import "server-only";
import { hkdfSync } from "node:crypto";
import type pg from "pg";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Env } from "@/server/env";
import type { TokenVerifier } from "@/server/auth/connector-tokens";
import { createAuth } from "@/server/auth/create-auth";
import { getSessionViewer } from "@/server/auth/get-session-viewer";
import { LoginLimiter } from "@/server/auth/login-limiter";
import { ensureAdminFromEnv } from "@/server/people/create-first-admin";
import { setupCodeFor } from "@/server/people/setup-code";
import { hasPeople } from "@/server/queries/get-people";
import type { SocketAuthenticator } from "@/server/realtime/hub";

/**
 * People's side of start-up: better-auth with a cookie secret derived from the instance's secret
 * key (one key to keep, shared by every instance), the sign-in limiter, the admin named by the
 * environment (or the first-run setup code, printed while nobody exists), and how a live
 * connection is identified.
 */
export async function startAuth(env: Env, deps: { pool: pg.Pool; prisma: PrismaClient; secretKey: Buffer; tokens: TokenVerifier; log: (m: string) => void }) {
  const secret = Buffer.from(hkdfSync("sha256", deps.secretKey, Buffer.alloc(0), "onepool/session-cookie", 32)).toString("base64url");
  const auth = createAuth({ prisma: deps.prisma, secret, publicUrl: env.ONEPOOL_PUBLIC_URL, fallbackUrl: `http://localhost:${env.PORT || 3000}` });
  const loginLimiter = new LoginLimiter(deps.pool, {
    perAccount: env.ONEPOOL_LOGIN_FAILURES_PER_ACCOUNT,
    perAddress: env.ONEPOOL_LOGIN_FAILURES_PER_ADDRESS,
    baseDelaySeconds: env.ONEPOOL_LOGIN_BACKOFF_SECONDS,
  });
  if (env.ONEPOOL_ADMIN_EMAIL && env.ONEPOOL_ADMIN_PASSWORD) {
    const r = await ensureAdminFromEnv(deps.pool, auth, { email: env.ONEPOOL_ADMIN_EMAIL, password: env.ONEPOOL_ADMIN_PASSWORD, name: env.ONEPOOL_ADMIN_NAME });
    if (r === "created") deps.log(`Created the admin ${env.ONEPOOL_ADMIN_EMAIL} from ONEPOOL_ADMIN_EMAIL.`);
  }
  // A fresh install: only someone who can read this log may create the first admin (docs/SECURITY.md).
  const setupCode = setupCodeFor(deps.secretKey);
  if (!(await hasPeople(deps.pool))) {
    deps.log(`No admin yet: open /setup (e.g. http://localhost:${env.PORT || 3000}/setup) and enter the one-time setup code ${setupCode}. It is shown at each start until the first admin exists.`);
  }
  const authenticateSocket: SocketAuthenticator = async (headers, token) => {
    if (token !== undefined) {
      const t = await deps.tokens.authenticate(`Bearer ${token}`);
      return t.ok ? { kind: "token", id: t.token.id, scopes: t.token.scopes } : null;
    }
    const viewer = await getSessionViewer(auth, headers, { refresh: false });
    return viewer ? { kind: "user", id: viewer.id, role: viewer.role, sessionId: viewer.sessionId } : null;
  };
  return { auth, loginLimiter, authenticateSocket, setupCode };
}
